import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { Commission } from '../../api/commercial.types.js';
import { asRequestError } from '../../api/request-error.js';
import { RemoteController } from '../../controllers/remote.controller.js';
import { commissionStatusLabel, formatRate, toneOf } from '../../lib/commercial-labels.js';
import { errorText } from '../../lib/error-text.js';
import { formatDate } from '../../lib/format.js';
import { getLocale } from '../../lib/localization.js';
import { formatMoney } from '../../lib/money.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { saveDownload } from '../../lib/save-download.js';
import { commercialStyles } from '../../styles/commercial.styles.js';
import { viewStyles } from '../../styles/shared.styles.js';
import '../cp-state/cp-state.js';

/**
 * A partner's commissions: each won registration's commission (deal value, rate, amount,
 * pending, earned or paid with its payment date), the totals, and a CSV export for those who
 * may (`reports.export`).
 * @csspart commission-row - one commission
 * @csspart export - the CSV export button
 */
export class CpCommissions extends PortalElement {
  static override styles = [
    PortalElement.styles,
    viewStyles,
    commercialStyles,
  ];

  private readonly commissions = new RemoteController<Commission[]>(
    this,
    () => this.portal,
    (api, customerId) => api.all<Commission>('/v1/commissions', { customerId: this.portal?.store.isStaff ? customerId : undefined }),
    ['commission.'],
  );

  private async export(): Promise<void> {
    const { api, store } = this.portal!;
    try {
      await saveDownload(api, api.url('/v1/commissions.csv', { customerId: store.isStaff ? store.customerId : undefined }).replace(/^[a-z]+:\/\/[^/]+/, ''), 'commissions.csv');
    } catch (error) {
      store.notify(errorText(asRequestError(error)), 'error');
    }
  }

  override render() {
    if (!this.portal) return nothing;
    const { store } = this.portal;
    const list = this.commissions.value ?? [];
    const format = store.me?.user.preferences?.dateFormat;
    return html`
      <div class="row">
        <h2>${msg('Commissions')}</h2>
        ${store.can('reports.export') && list.length ? html`<button part="export" @click=${this.export}>${msg('Export CSV')}</button>` : nothing}
      </div>
      <cp-state exportparts="state" .load=${this.commissions.load} .empty=${!list.length} empty-text=${msg('No commissions yet: a won registration earns one.')} .retry=${() => this.commissions.refresh()}></cp-state>
      ${list.length
        ? html`<ul class="rows">
            ${list.map(
              (c) => html`<li part="commission-row">
                <span class="main">${c.company}</span>
                <span class="meta">
                  <span class="badge ${toneOf(c.status)}">${commissionStatusLabel(c.status)}</span>
                  <span class="amount">${formatMoney(c.amount, c.currency)}</span>
                  <span class="muted">${msg(str`${formatRate(c.rate, getLocale())} of ${formatMoney(c.dealValue, c.currency)}`)}</span>
                  ${c.paidAt ? html`<span>${msg(str`Paid ${formatDate(c.paidAt, format)}`)}</span>` : html`<span class="muted">${msg(str`Since ${formatDate(c.createdAt, format)}`)}</span>`}
                </span>
              </li>`,
            )}
          </ul>`
        : nothing}
    `;
  }
}
define('cp-commissions', CpCommissions);

declare global {
  interface HTMLElementTagNameMap {
    'cp-commissions': CpCommissions;
  }
}
