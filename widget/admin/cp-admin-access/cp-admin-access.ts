import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import '../../components/cp-state/cp-state.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { define } from '../../lib/portal-element.js';
import type { Contact } from '../api/admin-api.types.js';
import '../cp-admin-import/cp-admin-import.js';
import type { LiveMessage } from '../lib/admin-context.js';
import { AdminElement } from '../lib/admin-element.js';
import { accessLabel } from '../lib/admin-labels.js';
import { debounce } from '../lib/debounce.js';
import { Loader } from '../lib/loader.js';
import { accessStyles } from './cp-admin-access.styles.js';

/**
 * The Portal access tab: a customer's contacts with their access (`invited`, `active`,
 * `deactivated`) and when they were last seen; invite (the sign-in email), resend, deactivate
 * (their sessions and streams end at once) and reactivate; add a contact by hand or import a CSV.
 * @csspart contact-row - one contact
 */
export class CpAdminAccess extends AdminElement {
  static override styles = [AdminElement.styles, accessStyles];

  @property({ attribute: 'customer-id' }) customerId = '';
  private readonly contacts = new Loader(this, () => this.admin!.api.contacts(this.customerId));
  private readonly refresh = debounce(() => void this.contacts.run(true), 500);
  private shown = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.admin && this.customerId && this.shown !== this.customerId) {
      this.shown = this.customerId;
      void this.contacts.run();
    }
  }

  protected override live({ type, data }: LiveMessage): void {
    if (type.startsWith('user.') && data?.customerId === this.customerId) this.refresh();
  }

  private get customerName(): string {
    return this.portal?.store.customers.find((c) => c.id === this.customerId)?.name ?? '';
  }

  private put(contact: Contact): void {
    const list = this.contacts.value ?? [];
    this.contacts.value = list.some((c) => c.id === contact.id) ? list.map((c) => (c.id === contact.id ? contact : c)) : [...list, contact];
    this.requestUpdate();
  }

  private async invite(contact: Contact): Promise<void> {
    const sent = await this.attempt(() => this.admin!.api.invite(contact.id), { failed: msg(str`The invitation to ${contact.name} was not sent.`) });
    if (!sent) return;
    this.put(sent.user);
    this.portal!.store.notify(msg(str`Invitation sent to ${contact.email ?? contact.name}; its link works until ${formatDate(sent.expiresAt, this.portal!.store.dateFormat)}.`));
  }

  private async setAccess(contact: Contact, on: boolean): Promise<void> {
    // Someone who never signed in is invited again, not active.
    const access = on ? (contact.lastSeenAt ? 'active' : 'invited') : 'deactivated';
    const changed = await this.attempt(() => this.admin!.api.setAccess(contact.id, access), {
      done: on ? msg(str`${contact.name} can use the portal again.`) : msg(str`${contact.name} was deactivated and signed out everywhere.`),
      failed: msg(str`The access of ${contact.name} was not changed.`),
    });
    if (changed) this.put(changed);
  }

  private async add(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const email = String(data.get('email') ?? '').trim();
    const created = await this.attempt(() => this.admin!.api.createContact(this.customerId, { name, email }), {
      done: data.get('invite') ? undefined : msg(str`${name} was added.`),
      failed: msg(str`${name} was not added.`),
    });
    if (!created) return;
    form.reset();
    this.put(created);
    if (data.get('invite')) await this.invite(created);
  }

  private renderActions(contact: Contact) {
    if (contact.portalAccess === 'deactivated') {
      return html`<button @click=${() => this.setAccess(contact, true)} aria-label=${msg(str`Reactivate ${contact.name}`)}>${msg('Reactivate')}</button>`;
    }
    return html`${contact.email
        ? html`<button @click=${() => this.invite(contact)} aria-label=${contact.portalAccess === 'invited' ? msg(str`Send invitation to ${contact.name}`) : msg(str`Resend invitation to ${contact.name}`)}>
            ${contact.portalAccess === 'invited' ? msg('Send invitation') : msg('Resend invitation')}
          </button>`
        : nothing}
      <button class="danger" @click=${() => this.setAccess(contact, false)} aria-label=${msg(str`Deactivate ${contact.name}`)}>${msg('Deactivate')}</button>`;
  }

  override render() {
    if (!this.admin || !this.portal) return nothing;
    const contacts = this.contacts.value ?? [];
    const dateFormat = this.portal.store.dateFormat;
    return html`<section class="card" aria-labelledby="contacts-title">
        <h2 id="contacts-title">${msg(str`Contacts of ${this.customerName}`)}</h2>
        ${contacts.length
          ? html`<div class="table">
              <table>
                <thead>
                  <tr>
                    <th scope="col">${msg('Name')}</th>
                    <th scope="col">${msg('Email')}</th>
                    <th scope="col">${msg('Access')}</th>
                    <th scope="col">${msg('Last seen')}</th>
                    <th scope="col"><span class="visually-hidden">${msg('Actions')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  ${contacts.map(
                    (c) => html`<tr part="contact-row">
                      <th scope="row">${c.name}</th>
                      <td>${c.email ?? html`<span class="muted">${msg('No email')}</span>`}</td>
                      <td><span class="badge access-${c.portalAccess}">${accessLabel(c.portalAccess)}</span></td>
                      <td>${c.lastSeenAt ? html`<time datetime=${c.lastSeenAt}>${formatDateTime(c.lastSeenAt, dateFormat)}</time>` : html`<span class="muted">${msg('Never')}</span>`}</td>
                      <td><div class="actions">${this.renderActions(c)}</div></td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : nothing}
        <cp-state exportparts="state" .load=${this.contacts.load} .empty=${!contacts.length} empty-text=${msg('No contacts yet: add them below.')} .retry=${() => this.contacts.run()}></cp-state>
      </section>
      <section class="card" aria-labelledby="add-contact-title">
        <h2 id="add-contact-title">${msg('Add a contact')}</h2>
        <form class="fields" @submit=${this.add}>
          <label>${msg('Name')} <input name="name" required maxlength="200" autocomplete="off" /></label>
          <label>${msg('Email')} <input name="email" type="email" required maxlength="320" autocomplete="off" /></label>
          <label class="inline"><input type="checkbox" name="invite" checked /> ${msg('Send the invitation now')}</label>
          <button class="primary" type="submit">${msg('Add contact')}</button>
        </form>
      </section>
      <cp-admin-import customer-id=${this.customerId} @cp-admin-imported=${() => this.contacts.run(true)}></cp-admin-import>`;
  }
}
define('cp-admin-access', CpAdminAccess);

declare global {
  interface HTMLElementTagNameMap {
    'cp-admin-access': CpAdminAccess;
  }
}
