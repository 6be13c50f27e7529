import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { Registration } from '../../api/commercial.types.js';
import { asRequestError } from '../../api/request-error.js';
import { RemoteController } from '../../controllers/remote.controller.js';
import { registrationStatusLabel, toneOf } from '../../lib/commercial-labels.js';
import { errorText } from '../../lib/error-text.js';
import { formatDate } from '../../lib/format.js';
import { lazy } from '../../lib/lazy.js';
import { formatMoney, parseMoney } from '../../lib/money.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { prospectFields, prospectOf } from '../../lib/prospect-fields.js';
import { commercialStyles } from '../../styles/commercial.styles.js';
import { viewStyles } from '../../styles/shared.styles.js';
import '../cp-state/cp-state.js';

/** The currencies offered first; any ISO 4217 code the service knows is accepted. */
const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'CAD', 'AUD', 'JPY', 'SEK', 'NOK', 'DKK'];

/**
 * A partner's deal registrations: register a prospect, see each one approved (protected until
 * a date) or rejected with the reason, appeal a rejection once, and see it won, lost or expired.
 * An approved one opens its co-selling workspace (`partner.cosell`; its own chunk).
 * @csspart registration-form - the form that registers a deal
 * @csspart registration-row - one registration
 * @csspart appeal-form - the reason asked before appealing
 */
export class CpRegistrations extends PortalElement {
  static override styles = [
    PortalElement.styles,
    viewStyles,
    commercialStyles,
    css`
      .reason {
        flex-basis: 100%;
        margin: 0;
      }
    `,
  ];

  @state() private adding = false;
  @state() private appealing: string | null = null;
  @state() private workspace: string | null = null;
  @state() private busy = false;
  @state() private error = '';

  private readonly registrations = new RemoteController<Registration[]>(
    this,
    () => this.portal,
    (api, customerId) => api.all<Registration>('/v1/deal-registrations', { customerId: this.portal?.store.isStaff ? customerId : undefined }),
    ['deal_registration.'],
  );

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    // Kept now: once the event has been dispatched, a shadow tree's target reads null.
    const element = e.target as HTMLFormElement;
    const form = new FormData(element);
    const currency = form.get('currency')!.toString();
    const value = parseMoney(form.get('value')?.toString() ?? '', currency);
    if (value === null) {
      this.error = msg(str`Write the value as an amount in ${currency}, e.g. 12500 or 12500.50.`);
      return;
    }
    const { api, store } = this.portal!;
    this.busy = true;
    this.error = '';
    try {
      const close = form.get('expected_close_date')?.toString();
      await api.request('POST', '/v1/deal-registrations', {
        body: {
          ...(store.isStaff ? { customerId: store.customerId } : {}),
          prospect: prospectOf(form),
          estimatedValue: value,
          currency,
          description: form.get('description')?.toString() ?? '',
          ...(close ? { expectedCloseDate: close } : {}),
        },
      });
      element.reset();
      this.adding = false;
      store.notify(msg('Deal registered: the channel team will decide on it.'));
      await this.registrations.refresh();
    } catch (error) {
      const failure = asRequestError(error);
      this.error = failure.code === 'channel_conflict' ? msg('This prospect is already registered and protected for a partner.') : errorText(failure);
    } finally {
      this.busy = false;
    }
  }

  private async appeal(r: Registration, reason: string): Promise<void> {
    const { api, store } = this.portal!;
    this.busy = true;
    try {
      await api.request('POST', `/v1/deal-registrations/${encodeURIComponent(r.id)}/appeal`, { body: { reason } });
      this.appealing = null;
      store.notify(msg(str`Appeal sent for ${r.prospect.company}.`));
      await this.registrations.refresh();
    } catch (error) {
      store.notify(errorText(asRequestError(error)), 'error');
    } finally {
      this.busy = false;
    }
  }

  private renderForm() {
    const last = this.registrations.value?.[0]?.currency ?? 'EUR';
    return html`<form class="grid" part="registration-form" @submit=${this.submit} aria-label=${msg('Register a deal')}>
      ${prospectFields()}
      <label>${msg('Estimated value')}<input name="value" required inputmode="decimal" autocomplete="off" /></label>
      <label
        >${msg('Currency')}
        <select name="currency">${CURRENCIES.map((c) => html`<option .selected=${c === last}>${c}</option>`)}</select></label
      >
      <label>${msg('Expected close date')}<input name="expected_close_date" type="date" /></label>
      <label class="wide">${msg('What is the opportunity?')}<textarea name="description" maxlength="10000"></textarea></label>
      ${this.error ? html`<p class="wide" role="alert">${this.error}</p>` : nothing}
      <div class="row">
        <button class="primary" type="submit" ?disabled=${this.busy}>${msg('Register')}</button>
        <button type="button" @click=${() => ((this.adding = false), (this.error = ''))}>${msg('Cancel')}</button>
      </div>
    </form>`;
  }

  private renderRow(r: Registration) {
    const format = this.portal!.store.me?.user.preferences?.dateFormat;
    const mayAppeal = r.status === 'rejected' && !r.appealedAt && !this.portal!.store.isStaff && this.portal!.store.can('partner.register_deals');
    return html`<li part="registration-row">
      <span class="main">${r.prospect.company}</span>
      <span class="meta">
        <span class="badge ${toneOf(r.status)}">${registrationStatusLabel(r.status)}</span>
        <span>${formatMoney(r.outcomeValue ?? r.estimatedValue, r.currency)}</span>
        <span class="muted">${r.prospect.domain}</span>
        <span class="muted">${msg(str`Registered ${formatDate(r.createdAt, format)}`)}</span>
        ${r.status === 'approved' && r.protectionEndsAt ? html`<span>${msg(str`Protected until ${formatDate(r.protectionEndsAt, format)}`)}</span>` : nothing}
      </span>
      ${r.decisionReason && r.status !== 'submitted' ? html`<p class="reason muted">${msg(str`Reason: ${r.decisionReason}`)}</p>` : nothing}
      ${r.appealReason ? html`<p class="reason muted">${msg(str`Your appeal: ${r.appealReason}`)}</p>` : nothing}
      ${mayAppeal && this.appealing !== r.id ? html`<button @click=${() => (this.appealing = r.id)} aria-label=${msg(str`Appeal the rejection of ${r.prospect.company}`)}>${msg('Appeal')}</button>` : nothing}
      ${r.dealId && this.portal!.store.can('partner.cosell')
        ? html`<button aria-expanded=${String(this.workspace === r.id)} @click=${() => (this.workspace = this.workspace === r.id ? null : r.id)}>
            ${this.workspace === r.id ? msg('Close the workspace') : msg('Open the workspace')}
          </button>`
        : nothing}
      ${this.workspace === r.id
        ? lazy(this, 'cp-workspace', () => import('../cp-workspace/cp-workspace.js'), html`<cp-workspace .registration=${r} exportparts="workspace, workspace-tabs, workspace-task-form, task-row, document-row, message, message-box, internal-badge, state"></cp-workspace>`)
        : nothing}
      ${this.appealing === r.id
        ? html`<form class="reason" part="appeal-form" @submit=${(e: Event) => {
            e.preventDefault();
            const reason = new FormData(e.target as HTMLFormElement).get('reason')?.toString().trim() ?? '';
            if (reason) void this.appeal(r, reason);
          }}>
            <label class="wide">${msg('Why should it be reconsidered? (one appeal)')}<textarea name="reason" required maxlength="2000"></textarea></label>
            <div class="row">
              <button class="primary" type="submit" ?disabled=${this.busy}>${msg('Send the appeal')}</button>
              <button type="button" @click=${() => (this.appealing = null)}>${msg('Cancel')}</button>
            </div>
          </form>`
        : nothing}
    </li>`;
  }

  override render() {
    if (!this.portal) return nothing;
    const list = this.registrations.value ?? [];
    const { store } = this.portal;
    return html`
      <div class="row">
        <h2>${msg('Registrations')}</h2>
        ${store.can('partner.register_deals') && !this.adding ? html`<button class="primary" @click=${() => (this.adding = true)}>${msg('Register a deal')}</button>` : nothing}
      </div>
      ${this.adding ? this.renderForm() : nothing}
      <cp-state exportparts="state" .load=${this.registrations.load} .empty=${!list.length} empty-text=${msg('No registrations yet.')} .retry=${() => this.registrations.refresh()}></cp-state>
      ${list.length ? html`<ul class="rows">${list.map((r) => this.renderRow(r))}</ul>` : nothing}
    `;
  }
}
define('cp-registrations', CpRegistrations);

declare global {
  interface HTMLElementTagNameMap {
    'cp-registrations': CpRegistrations;
  }
}
