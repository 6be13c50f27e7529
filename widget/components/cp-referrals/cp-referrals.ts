import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { Referral } from '../../api/commercial.types.js';
import { asRequestError } from '../../api/request-error.js';
import { RemoteController } from '../../controllers/remote.controller.js';
import { referralStatusLabel, toneOf } from '../../lib/commercial-labels.js';
import { errorText } from '../../lib/error-text.js';
import { formatDate } from '../../lib/format.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { prospectFields, prospectOf } from '../../lib/prospect-fields.js';
import { commercialStyles } from '../../styles/commercial.styles.js';
import { viewStyles } from '../../styles/shared.styles.js';
import '../cp-state/cp-state.js';

/**
 * A partner's referrals: refer a prospect, and follow it from submitted to in the pipeline,
 * won or lost (a deal the vendor opens for the prospect's domain takes it up).
 * @csspart referral-form - the form that refers a prospect
 * @csspart referral-row - one referral
 */
export class CpReferrals extends PortalElement {
  static override styles = [
    PortalElement.styles,
    viewStyles,
    commercialStyles,
  ];

  @state() private adding = false;
  @state() private busy = false;
  @state() private error = '';

  private readonly referrals = new RemoteController<Referral[]>(
    this,
    () => this.portal,
    (api, customerId) => api.all<Referral>('/v1/referrals', { customerId: this.portal?.store.isStaff ? customerId : undefined }),
    ['referral.'],
  );

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    // Kept now: once the event has been dispatched, a shadow tree's target reads null.
    const element = e.target as HTMLFormElement;
    const form = new FormData(element);
    const { api, store } = this.portal!;
    this.busy = true;
    this.error = '';
    try {
      await api.request('POST', '/v1/referrals', { body: { ...(store.isStaff ? { customerId: store.customerId } : {}), prospect: prospectOf(form), note: form.get('note')?.toString() ?? '' } });
      element.reset();
      this.adding = false;
      store.notify(msg('Referral sent.'));
      await this.referrals.refresh();
    } catch (error) {
      this.error = errorText(asRequestError(error));
    } finally {
      this.busy = false;
    }
  }

  override render() {
    if (!this.portal) return nothing;
    const { store } = this.portal;
    const list = this.referrals.value ?? [];
    const format = store.me?.user.preferences?.dateFormat;
    return html`
      <div class="row">
        <h2>${msg('Referrals')}</h2>
        ${store.can('partner.register_deals') && !this.adding ? html`<button class="primary" @click=${() => (this.adding = true)}>${msg('Refer a prospect')}</button>` : nothing}
      </div>
      ${this.adding
        ? html`<form class="grid" part="referral-form" @submit=${this.submit} aria-label=${msg('Refer a prospect')}>
            ${prospectFields()}
            <label class="wide">${msg('Note for the vendor')}<textarea name="note" maxlength="5000"></textarea></label>
            ${this.error ? html`<p class="wide" role="alert">${this.error}</p>` : nothing}
            <div class="row">
              <button class="primary" type="submit" ?disabled=${this.busy}>${msg('Send the referral')}</button>
              <button type="button" @click=${() => (this.adding = false)}>${msg('Cancel')}</button>
            </div>
          </form>`
        : nothing}
      <cp-state exportparts="state" .load=${this.referrals.load} .empty=${!list.length} empty-text=${msg('No referrals yet.')} .retry=${() => this.referrals.refresh()}></cp-state>
      ${list.length
        ? html`<ul class="rows">
            ${list.map(
              (r) => html`<li part="referral-row">
                <span class="main">${r.prospect.company}</span>
                <span class="meta">
                  <span class="badge ${toneOf(r.status)}">${referralStatusLabel(r.status)}</span>
                  <span class="muted">${r.prospect.contactName} · ${r.prospect.domain}</span>
                  <span class="muted">${msg(str`Sent ${formatDate(r.createdAt, format)}`)}</span>
                </span>
              </li>`,
            )}
          </ul>`
        : nothing}
    `;
  }
}
define('cp-referrals', CpReferrals);

declare global {
  interface HTMLElementTagNameMap {
    'cp-referrals': CpReferrals;
  }
}
