import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PortalType } from '../../api/api.types.js';
import '../../components/cp-state/cp-state.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { define } from '../../lib/portal-element.js';
import type { AccessRules, Contact, CustomerRecord } from '../api/admin-api.types.js';
import '../cp-admin-account/cp-admin-account.js';
import '../cp-admin-import/cp-admin-import.js';
import '../cp-admin-rules/cp-admin-rules.js';
import './cp-admin-access-requests.js';
import type { LiveMessage } from '../lib/admin-context.js';
import { AdminElement } from '../lib/admin-element.js';
import { accessLabel } from '../lib/admin-labels.js';
import { debounce } from '../lib/debounce.js';
import { Loader } from '../lib/loader.js';
import { saveFile } from '../lib/save-file.js';
import { accessStyles } from './cp-admin-access.styles.js';

/**
 * The Portal access tab: a customer's contacts with their access (`invited`, `active`,
 * `deactivated`) and when they were last seen; invite (the sign-in email), resend, deactivate
 * (their sessions and streams end at once) and reactivate; add a contact by hand or import a CSV.
 * Above them, the account's owner, team and access rules (`<cp-admin-account>`); beside each
 * contact, their own permission set and overrides, which win over the account's.
 * @csspart contact-row - one contact
 * @csspart contact-rules - a contact's own permissions, open below its row
 * @csspart contact-erase - the confirmation of a contact's erasure, open below its row
 * @csspart contact-move - the choice of another customer for a contact, open below its row
 * Admins also export everything held about a contact (a ZIP), erase their personal data and
 * remove a lost authenticator. Above everything, the access requests waiting (`<cp-admin-access-requests>`).
 * @csspart contact-mfa-reset - the confirmation of an authenticator reset, open below its row
 */
export class CpAdminAccess extends AdminElement {
  static override styles = [AdminElement.styles, accessStyles];

  @property({ attribute: 'customer-id' }) customerId = '';
  @state() private rulesOf: string | null = null;
  @state() private savingRules = false;
  /** The contact whose erasure waits for a second click. */
  @state() private erasing: string | null = null;
  /** The contact whose authenticator reset waits for a second click. */
  @state() private resetting: string | null = null;
  /** The contact whose move to another customer is being chosen. */
  @state() private moving: string | null = null;
  private readonly contacts = new Loader(this, async () => {
    // Who was ever sent an invitation (the audit trail knows): "Send" for the others, "Resend" for them.
    const [contacts, invitations] = await Promise.all([this.admin!.api.contacts(this.customerId), this.admin!.api.invitations(this.customerId)]);
    this.invited = new Set(invitations);
    return contacts;
  });
  private invited = new Set<string>();
  private readonly account = new Loader(this, async () => {
    const { api } = this.admin!;
    // Settings may be for admins only: without them, "the default" is shown without its name.
    const [customer, sets, settings, people] = await Promise.all([api.customer(this.customerId), api.permissionSets(), api.settings().catch(() => null), api.people(this.customerId)]);
    const defaults: Partial<Record<PortalType, string>> = { customer: settings?.defaultPermissionSetId, partner: settings?.defaultPartnerPermissionSetId };
    return { customer, sets, defaults, staff: people.filter((p) => p.role === 'staff') };
  });
  private readonly refresh = debounce(() => void this.contacts.run(true), 500);
  private shown = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.admin && this.customerId && this.shown !== this.customerId) {
      this.shown = this.customerId;
      this.rulesOf = null;
      void this.contacts.run();
      void this.account.run();
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
    this.invited.add(contact.id);
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

  private async saveRules(contact: Contact, rules: AccessRules): Promise<void> {
    this.savingRules = true;
    const changed = await this.attempt(() => this.admin!.api.setRules(contact.id, rules), {
      done: msg(str`The permissions of ${contact.name} are saved.`),
      failed: msg(str`The permissions of ${contact.name} were not saved.`),
    });
    this.savingRules = false;
    if (changed) this.put(changed);
  }

  private async exportPerson(contact: Contact): Promise<void> {
    const file = await this.attempt(() => this.admin!.api.exportPerson(contact.id), { failed: msg(str`The data of ${contact.name} was not exported.`) });
    if (file) saveFile(file, `${contact.id}-export.zip`);
  }

  private async erase(contact: Contact): Promise<void> {
    const done = await this.attempt(() => this.admin!.api.erasePerson(contact.id).then(() => true), {
      done: msg(str`The personal data of ${contact.name} was erased.`),
      failed: msg(str`The personal data of ${contact.name} was not erased.`),
    });
    this.erasing = null;
    if (done) await this.contacts.run(true);
  }

  private async resetMfa(contact: Contact): Promise<void> {
    await this.attempt(() => this.admin!.api.resetMfa(contact.id), {
      done: msg(str`The authenticator of ${contact.name} was removed; they were told by email.`),
      failed: msg(str`The authenticator of ${contact.name} was not removed.`),
    });
    this.resetting = null;
  }

  private renderResetMfa(contact: Contact) {
    return html`<tr part="contact-mfa-reset" id="mfa-${contact.id}">
      <td colspan="5">
        <p class="hint">${msg(str`Remove the authenticator app and recovery codes of ${contact.name}? Do this only when they lost their phone and you know it is them: their next sign-in asks for no code (or sets up a new app, if you require one).`)}</p>
        <div class="actions">
          <button class="danger" @click=${() => this.resetMfa(contact)}>${msg('Remove the authenticator')}</button>
          <button @click=${() => (this.resetting = null)}>${msg('Keep it')}</button>
        </div>
      </td>
    </tr>`;
  }

  private renderPrivacy(contact: Contact) {
    if (!this.portal!.store.isAdmin) return nothing;
    return html`<button aria-expanded=${String(this.resetting === contact.id)} aria-controls="mfa-${contact.id}" @click=${() => (this.resetting = this.resetting === contact.id ? null : contact.id)} aria-label=${msg(str`Reset authenticator… ${contact.name}`)}>
        ${msg('Reset authenticator…')}
      </button>
      <button @click=${() => this.exportPerson(contact)} aria-label=${msg(str`Export data of ${contact.name}`)}>${msg('Export data')}</button>
      <button class="danger" aria-expanded=${String(this.erasing === contact.id)} aria-controls="erase-${contact.id}" @click=${() => (this.erasing = this.erasing === contact.id ? null : contact.id)} aria-label=${msg(str`Erase ${contact.name}…`)}>
        ${msg('Erase…')}
      </button>`;
  }

  private async move(contact: Contact, event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const target = String(new FormData(event.target as HTMLFormElement).get('customer') ?? '');
    const to = this.portal!.store.customers.find((c) => c.id === target)?.name ?? '';
    const moved = await this.attempt(() => this.admin!.api.transferContact(contact.id, target), {
      done: msg(str`${contact.name} was moved to ${to} and signed out everywhere.`),
      failed: msg(str`${contact.name} was not moved.`),
    });
    this.moving = null;
    if (moved) await this.contacts.run(true);
  }

  private renderMove(contact: Contact) {
    const others = this.portal!.store.customers.filter((c) => c.id !== this.customerId);
    return html`<tr part="contact-move" id="move-${contact.id}">
      <td colspan="5">
        <form class="fields" @submit=${(e: SubmitEvent) => this.move(contact, e)}>
          <label>${msg(str`Move ${contact.name} to`)}
            <select name="customer" required>${others.map((c) => html`<option value=${c.id}>${c.name}</option>`)}</select>
          </label>
          <p class="hint">${msg("They stop seeing this customer's items at once and sign in again.")}</p>
          <div class="actions">
            <button class="primary" type="submit">${msg('Move')}</button>
            <button type="button" @click=${() => (this.moving = null)}>${msg('Cancel')}</button>
          </div>
        </form>
      </td>
    </tr>`;
  }

  private renderErase(contact: Contact) {
    return html`<tr part="contact-erase" id="erase-${contact.id}">
      <td colspan="5">
        <p class="hint">${msg(str`Erase ${contact.name} for good? Their name, email and uploaded files are deleted and what they wrote reads "[erased]"; the audit trail keeps an anonymous id. This cannot be undone.`)}</p>
        <div class="actions">
          <button class="danger" @click=${() => this.erase(contact)}>${msg('Erase for good')}</button>
          <button @click=${() => (this.erasing = null)}>${msg('Keep them')}</button>
        </div>
      </td>
    </tr>`;
  }

  private renderRules(contact: Contact) {
    const account = this.account.value;
    if (!account) return html`<cp-state exportparts="state" .load=${this.account.load} .empty=${true} .retry=${() => this.account.run()}></cp-state>`;
    const { customer, sets, defaults } = account;
    const { portalType } = customer;
    return html`<cp-admin-rules
      portal-type=${portalType}
      .sets=${sets}
      .rules=${{ permissionSetId: contact.permissionSetId, capabilityOverrides: contact.capabilityOverrides }}
      fallback-set-id=${customer.permissionSetId ?? defaults[portalType] ?? ''}
      .above=${customer.capabilityOverrides}
      inherit-label=${msg('As the account')}
      ?disabled=${!this.portal!.store.isAdmin}
      ?busy=${this.savingRules}
      @cp-admin-rules-save=${(e: CustomEvent<AccessRules>) => this.saveRules(contact, e.detail)}
    ></cp-admin-rules>`;
  }

  private renderActions(contact: Contact) {
    if (contact.portalAccess === 'deactivated') {
      return html`<button @click=${() => this.setAccess(contact, true)} aria-label=${msg(str`Reactivate ${contact.name}`)}>${msg('Reactivate')}</button>${this.renderPrivacy(contact)}`;
    }
    return html`${contact.email
        ? html`<button @click=${() => this.invite(contact)} aria-label=${this.invited.has(contact.id) ? msg(str`Resend invitation to ${contact.name}`) : msg(str`Send invitation to ${contact.name}`)}>
            ${this.invited.has(contact.id) ? msg('Resend invitation') : msg('Send invitation')}
          </button>`
        : nothing}
      <button class="danger" @click=${() => this.setAccess(contact, false)} aria-label=${msg(str`Deactivate ${contact.name}`)}>${msg('Deactivate')}</button>
      ${this.rulesButton(contact)}
      <button aria-expanded=${String(this.moving === contact.id)} aria-controls="move-${contact.id}" @click=${() => (this.moving = this.moving === contact.id ? null : contact.id)} aria-label=${msg(str`Move… ${contact.name}`)}>
        ${msg('Move…')}
      </button>
      ${this.renderPrivacy(contact)}`;
  }

  private rulesButton(contact: Contact) {
    const open = this.rulesOf === contact.id;
    return html`<button aria-expanded=${String(open)} aria-controls="rules-${contact.id}" @click=${() => (this.rulesOf = open ? null : contact.id)} aria-label=${msg(str`Permissions of ${contact.name}`)}>
      ${msg('Permissions')}
    </button>`;
  }

  override render() {
    if (!this.admin || !this.portal) return nothing;
    const contacts = this.contacts.value ?? [];
    const dateFormat = this.portal.store.dateFormat;
    const account = this.account.value;
    return html`<cp-admin-access-requests customer-id=${this.customerId} @cp-admin-access-approved=${() => this.contacts.run(true)}></cp-admin-access-requests>
      <section class="card" aria-labelledby="contacts-title">
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
                    </tr>
                    ${this.rulesOf === c.id
                      ? html`<tr part="contact-rules" id="rules-${c.id}">
                          <td colspan="5">
                            <p class="hint">${msg(str`What ${c.name} may do: their own set and overrides win over the account's.`)}</p>
                            ${this.renderRules(c)}
                          </td>
                        </tr>`
                      : nothing}
                    ${this.moving === c.id ? this.renderMove(c) : nothing}
                    ${this.erasing === c.id ? this.renderErase(c) : nothing}
                    ${this.resetting === c.id ? this.renderResetMfa(c) : nothing}`,
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
      <cp-admin-import customer-id=${this.customerId} @cp-admin-imported=${() => this.contacts.run(true)}></cp-admin-import>
      ${account
        ? html`<cp-admin-account
            .customer=${account.customer}
            .sets=${account.sets}
            .defaults=${account.defaults}
            .staff=${account.staff}
            @cp-admin-customer-saved=${(e: CustomEvent<CustomerRecord>) => {
              this.account.value = { ...account, customer: e.detail };
              this.requestUpdate();
            }}
          ></cp-admin-account>`
        : nothing}`;
  }
}
define('cp-admin-access', CpAdminAccess);

declare global {
  interface HTMLElementTagNameMap {
    'cp-admin-access': CpAdminAccess;
  }
}
