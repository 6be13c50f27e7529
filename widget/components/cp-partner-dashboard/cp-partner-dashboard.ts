import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import type { MoneyTotal, PartnerSummary } from '../../api/commercial.types.js';
import { RemoteController } from '../../controllers/remote.controller.js';
import { formatRate } from '../../lib/commercial-labels.js';
import { getLocale } from '../../lib/localization.js';
import { formatMoney } from '../../lib/money.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { viewStyles } from '../../styles/shared.styles.js';
import '../cp-state/cp-state.js';

const sum = (list: MoneyTotal[]) => (list.length ? list.map((m) => formatMoney(m.amount, m.currency)).join(' · ') : '—');

/**
 * A partner's home: its tier and the progress to the next one, its pipeline of registrations,
 * and its earnings (pending, earned, paid, and what its approved registrations would earn).
 * @csspart tier - the tier card with its progress bar
 * @csspart pipeline-counts - submitted, approved and won registrations
 * @csspart earnings - the commission totals
 */
export class CpPartnerDashboard extends PortalElement {
  static override styles = [
    PortalElement.styles,
    viewStyles,
    css`
      .cards {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(200px, 1fr));
        gap: calc(var(--cp-space) * 2);
      }
      .card {
        display: grid;
        gap: var(--cp-space);
        align-content: start;
      }
      dl {
        margin: 0;
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 4px var(--cp-space);
      }
      dd {
        margin: 0;
        text-align: end;
        font-variant-numeric: tabular-nums;
        overflow-wrap: anywhere;
      }
    `,
  ];

  private readonly summary = new RemoteController<PartnerSummary>(this, () => this.portal, (api) => api.request<PartnerSummary>('GET', '/v1/partner/summary'), ['deal_registration.', 'commission.']);

  private renderTier(s: PartnerSummary) {
    const money = (v: number) => (s.currency ? formatMoney(v, s.currency) : '');
    const progress = Math.round(s.progress * 100);
    return html`<section class="card" part="tier" aria-labelledby="tier-title">
      <h3 id="tier-title">${s.tier ? msg(str`${s.tier.name} partner`) : msg('No tier yet')}</h3>
      ${s.tier ? html`<span>${msg(str`Commission rate: ${formatRate(s.tier.commissionRate, getLocale())}`)}</span>` : nothing}
      <span class="muted">${msg(str`Won so far: ${money(s.wonValue)}`)}</span>
      ${s.nextTier
        ? html`<progress max="100" value=${progress} aria-label=${msg(str`Progress to ${s.nextTier.name}: ${progress} %`)}></progress>
            <span>${msg(str`${money(Math.max(0, s.nextTier.minWonValue - s.wonValue))} more won to reach ${s.nextTier.name}`)}</span>`
        : s.tier
          ? html`<span>${msg('You are at the top tier.')}</span>`
          : nothing}
    </section>`;
  }

  override render() {
    if (!this.portal) return nothing;
    const s = this.summary.value;
    const go = (view: 'registrations' | 'commissions') => this.portal!.navigate({ view });
    return html`
      <h2>${msg('Partner')}</h2>
      <cp-state exportparts="state" .load=${this.summary.load} .empty=${!s} .retry=${() => this.summary.refresh()}></cp-state>
      ${s
        ? html`<div class="cards">
            ${this.renderTier(s)}
            <section class="card" part="pipeline-counts" aria-labelledby="pipeline-title">
              <h3 id="pipeline-title">${msg('Pipeline')}</h3>
              <dl>
                <dt>${msg('Awaiting a decision')}</dt><dd>${s.pipeline.submitted}</dd>
                <dt>${msg('Approved and protected')}</dt><dd>${s.pipeline.approved}</dd>
                <dt>${msg('Won')}</dt><dd>${s.pipeline.won}</dd>
              </dl>
              ${this.portal.store.can('partner.register_deals') ? html`<button class="link" @click=${() => go('registrations')}>${msg('Register a deal')}</button>` : nothing}
            </section>
            <section class="card" part="earnings" aria-labelledby="earnings-title">
              <h3 id="earnings-title">${msg('Earnings')}</h3>
              <dl>
                <dt>${msg('Pending')}</dt><dd>${sum(s.earnings.pending)}</dd>
                <dt>${msg('Earned')}</dt><dd>${sum(s.earnings.earned)}</dd>
                <dt>${msg('Paid')}</dt><dd>${sum(s.earnings.paid)}</dd>
                <dt>${msg('Projected')}</dt><dd>${sum(s.projected)}</dd>
              </dl>
              ${this.portal.store.can('partner.view_commissions') ? html`<button class="link" @click=${() => go('commissions')}>${msg('See the commissions')}</button>` : nothing}
            </section>
          </div>`
        : nothing}
    `;
  }
}
define('cp-partner-dashboard', CpPartnerDashboard);

declare global {
  interface HTMLElementTagNameMap {
    'cp-partner-dashboard': CpPartnerDashboard;
  }
}
