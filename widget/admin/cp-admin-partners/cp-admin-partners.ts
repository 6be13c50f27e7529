import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { Commission, PartnerStats, Registration, RegistrationStatus, Tier } from '../../api/commercial.types.js';
import { RemoteController } from '../../controllers/remote.controller.js';
import { commissionStatusLabel, formatRate, registrationStatusLabel, toneOf } from '../../lib/commercial-labels.js';
import { formatDate } from '../../lib/format.js';
import { lazy } from '../../lib/lazy.js';
import { getLocale } from '../../lib/localization.js';
import { formatMoney, parseMoney } from '../../lib/money.js';
import { define } from '../../lib/portal-element.js';
import { commercialStyles } from '../../styles/commercial.styles.js';
import { AdminElement } from '../lib/admin-element.js';
import { partnersStyles } from './cp-admin-partners.styles.js';

interface Channel {
  registrations: Registration[];
  tiers: Tier[];
  commissions: Commission[];
  stats: PartnerStats;
}

const WAITING: RegistrationStatus[] = ['submitted', 'appealed'];

/**
 * The Partners tab, for the channel team: the registrations queue (approve with a protection
 * period or reject, with the reason; won or lost once approved), the tiers (admins), the
 * commissions (mark paid) and the partner statistics. An approved registration opens its
 * co-selling workspace (tasks, documents, notes with internal ones for the team; its own chunk).
 * @csspart queue-row - a registration in the queue
 * @csspart tier-row - a tier
 * @csspart commission-row - a commission
 * @csspart stats - the statistics
 */
export class CpAdminPartners extends AdminElement {
  static override styles = [AdminElement.styles, commercialStyles, partnersStyles];

  @state() private filter: 'waiting' | RegistrationStatus | '' = 'waiting';
  @state() private deciding: string | null = null;
  @state() private workspace: string | null = null;

  private readonly data = new RemoteController<Channel>(
    this,
    () => this.portal,
    async (api) => {
      const [registrations, tiers, commissions, stats] = await Promise.all([
        api.all<Registration>('/v1/deal-registrations'),
        api.request<{ data: Tier[] }>('GET', '/v1/partner-tiers').then((r) => r.data),
        api.all<Commission>('/v1/commissions'),
        api.request<PartnerStats>('GET', '/v1/partner-stats'),
      ]);
      return { registrations, tiers, commissions, stats };
    },
    ['deal_registration.', 'commission.', 'partner_tier.'],
  );

  private partnerName(id: string): string {
    return this.portal!.store.customers.find((c) => c.id === id)?.name ?? id;
  }

  private async post(path: string, body: unknown, done: string, failed: string, method = 'POST'): Promise<void> {
    const ok = await this.attempt(() => this.portal!.api.request(method, path, body === undefined ? {} : { body }), { done, failed });
    if (ok !== undefined || method === 'DELETE') await this.data.refresh();
  }

  private decide(r: Registration, e: SubmitEvent): void {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const decision = (e.submitter as HTMLButtonElement | null)?.value === 'rejected' ? 'rejected' : 'approved';
    const days = Number(form.get('days'));
    this.deciding = null;
    void this.post(
      `/v1/deal-registrations/${r.id}/decision`,
      { decision, reason: form.get('reason')?.toString() ?? '', ...(decision === 'approved' && days ? { protectionDays: days } : {}) },
      decision === 'approved' ? msg(str`${r.prospect.company} approved.`) : msg(str`${r.prospect.company} rejected.`),
      msg('The decision was not recorded.'),
    );
  }

  private outcome(r: Registration, outcome: 'won' | 'lost', e?: Event): void {
    e?.preventDefault();
    let value: number | undefined;
    if (e) {
      const typed = new FormData(e.target as HTMLFormElement).get('value')?.toString().trim() ?? '';
      const parsed = typed ? parseMoney(typed, r.currency) : undefined;
      if (parsed === null) return void this.portal!.store.notify(msg(str`Write the value as an amount in ${r.currency}.`), 'error');
      value = parsed;
    }
    void this.post(`/v1/deal-registrations/${r.id}/outcome`, { outcome, ...(value !== undefined ? { value } : {}) }, outcome === 'won' ? msg(str`${r.prospect.company} won.`) : msg(str`${r.prospect.company} lost.`), msg('The outcome was not recorded.'));
  }

  private renderQueueRow(r: Registration) {
    const format = this.portal!.store.me?.user.preferences?.dateFormat;
    return html`<li part="queue-row">
      <span class="main">${r.prospect.company} <span class="muted">· ${this.partnerName(r.customerId)}</span></span>
      <span class="meta">
        <span class="badge ${toneOf(r.status)}">${registrationStatusLabel(r.status)}</span>
        <span class="amount">${formatMoney(r.outcomeValue ?? r.estimatedValue, r.currency)}</span>
        <span class="muted">${r.prospect.domain}</span>
        <span class="muted">${formatDate(r.createdAt, format)}</span>
        ${r.protectionEndsAt && r.status === 'approved' ? html`<span>${msg(str`Protected until ${formatDate(r.protectionEndsAt, format)}`)}</span>` : nothing}
      </span>
      ${r.description ? html`<p class="note muted">${r.description}</p>` : nothing}
      ${r.appealReason ? html`<p class="note">${msg(str`Appeal: ${r.appealReason}`)}</p>` : nothing}
      ${WAITING.includes(r.status)
        ? this.deciding === r.id
          ? html`<form class="inline" @submit=${(e: SubmitEvent) => this.decide(r, e)} aria-label=${msg(str`Decide on ${r.prospect.company}`)}>
              <label>${msg('Reason (the partner sees it)')}<input name="reason" required maxlength="2000" /></label>
              <label>${msg('Protection (days)')}<input name="days" type="number" min="1" max="730" value="90" /></label>
              <button class="primary" type="submit" value="approved">${msg('Approve')}</button>
              <button type="submit" value="rejected">${msg('Reject')}</button>
              <button type="button" @click=${() => (this.deciding = null)}>${msg('Cancel')}</button>
            </form>`
          : html`<button class="primary" @click=${() => (this.deciding = r.id)} aria-label=${msg(str`Decide on ${r.prospect.company}`)}>${msg('Decide')}</button>`
        : nothing}
      ${r.dealId
        ? html`<button aria-expanded=${String(this.workspace === r.id)} @click=${() => (this.workspace = this.workspace === r.id ? null : r.id)} aria-label=${this.workspace === r.id ? msg(str`Close the workspace of ${r.prospect.company}`) : msg(str`Workspace of ${r.prospect.company}`)}>
            ${this.workspace === r.id ? msg('Close the workspace') : msg('Workspace')}
          </button>`
        : nothing}
      ${this.workspace === r.id && r.dealId
        ? lazy(this, 'cp-workspace', () => import('../../components/cp-workspace/cp-workspace.js'), html`<cp-workspace .registration=${r}></cp-workspace>`)
        : nothing}
      ${r.status === 'approved'
        ? html`<form class="inline" @submit=${(e: Event) => this.outcome(r, 'won', e)} aria-label=${msg(str`Outcome of ${r.prospect.company}`)}>
            <label>${msg(str`Final value in ${r.currency} (optional)`)}<input name="value" inputmode="decimal" autocomplete="off" /></label>
            <button class="primary" type="submit">${msg('Won')}</button>
            <button type="button" @click=${() => this.outcome(r, 'lost')}>${msg('Lost')}</button>
          </form>`
        : nothing}
    </li>`;
  }

  private addTier(e: Event): void {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const currency = this.data.value?.tiers[0]?.currency ?? (form.get('currency')?.toString() || 'EUR');
    const min = parseMoney(form.get('min')?.toString() ?? '', currency);
    const percent = Number(form.get('rate')?.toString().replace(',', '.'));
    if (min === null || !(percent >= 0 && percent <= 100)) return void this.portal!.store.notify(msg('Give the threshold as an amount and the rate as a percentage.'), 'error');
    (e.target as HTMLFormElement).reset();
    void this.post('/v1/partner-tiers', { name: form.get('name'), minWonValue: min, currency, commissionRate: Math.round(percent * 100) / 10_000 }, msg('Tier added.'), msg('The tier was not added.'));
  }

  private renderTiers(tiers: Tier[]) {
    return html`<section aria-labelledby="tiers-title">
      <h3 id="tiers-title">${msg('Tiers')}</h3>
      ${tiers.length
        ? html`<ul class="rows">
            ${tiers.map(
              (t) => html`<li part="tier-row">
                <span class="main">${t.name}</span>
                <span class="meta"><span>${msg(str`From ${formatMoney(t.minWonValue, t.currency)} won`)}</span><span>${formatRate(t.commissionRate, getLocale())}</span></span>
                ${this.portal!.store.isAdmin
                  ? html`<button @click=${() => this.post(`/v1/partner-tiers/${t.id}`, undefined, msg(str`Tier ${t.name} deleted.`), msg('The tier was not deleted.'), 'DELETE')} aria-label=${msg(str`Delete tier ${t.name}`)}>${msg('Delete')}</button>`
                  : nothing}
              </li>`,
            )}
          </ul>`
        : html`<p class="muted">${msg('No tiers yet: a won registration earns a commission once a tier applies.')}</p>`}
      ${this.adminOnly(html`<form class="inline" @submit=${this.addTier} aria-label=${msg('Add a tier')}>
        <label>${msg('Name')}<input name="name" required maxlength="100" /></label>
        <label>${msg('From won value')}<input name="min" required inputmode="decimal" autocomplete="off" /></label>
        ${tiers.length ? nothing : html`<label>${msg('Currency')}<input name="currency" value="EUR" maxlength="3" pattern="[A-Z]{3}" /></label>`}
        <label>${msg('Commission (%)')}<input name="rate" required inputmode="decimal" autocomplete="off" /></label>
        <button class="primary" type="submit">${msg('Add the tier')}</button>
      </form>`)}
    </section>`;
  }

  private renderCommissions(commissions: Commission[]) {
    const format = this.portal!.store.me?.user.preferences?.dateFormat;
    return html`<section aria-labelledby="commissions-title">
      <h3 id="commissions-title">${msg('Commissions')}</h3>
      ${commissions.length
        ? html`<ul class="rows">
            ${commissions.map(
              (c) => html`<li part="commission-row">
                <span class="main">${c.company} <span class="muted">· ${this.partnerName(c.customerId)}</span></span>
                <span class="meta">
                  <span class="badge ${toneOf(c.status)}">${commissionStatusLabel(c.status)}</span>
                  <span class="amount">${formatMoney(c.amount, c.currency)}</span>
                  <span class="muted">${msg(str`${formatRate(c.rate, getLocale())} of ${formatMoney(c.dealValue, c.currency)}`)}</span>
                  ${c.paidAt ? html`<span>${msg(str`Paid ${formatDate(c.paidAt, format)}`)}</span>` : nothing}
                </span>
                ${c.status !== 'paid'
                  ? html`<button @click=${() => this.post(`/v1/commissions/${c.id}`, { status: 'paid' }, msg('Commission marked paid.'), msg('The commission was not changed.'), 'PATCH')} aria-label=${msg(str`Mark the commission on ${c.company} paid`)}>${msg('Mark paid')}</button>
                      <button @click=${() => this.post(`/v1/commissions/${c.id}`, { status: c.status === 'pending' ? 'earned' : 'pending' }, msg('Commission changed.'), msg('The commission was not changed.'), 'PATCH')}>${c.status === 'pending' ? msg('Release the hold') : msg('Hold')}</button>`
                  : nothing}
              </li>`,
            )}
          </ul>`
        : html`<p class="muted">${msg('No commissions yet.')}</p>`}
    </section>`;
  }

  private renderStats(stats: PartnerStats) {
    const r = stats.registrations;
    return html`<section aria-labelledby="stats-title" part="stats">
      <h3 id="stats-title">${msg('Statistics')}</h3>
      <div class="figures">
        <div class="card"><span class="muted">${msg('Awaiting a decision')}</span><strong>${(r.submitted ?? 0) + (r.appealed ?? 0)}</strong></div>
        <div class="card"><span class="muted">${msg('Approval rate')}</span><strong>${stats.approvalRate === null ? '—' : formatRate(stats.approvalRate, getLocale())}</strong></div>
        <div class="card"><span class="muted">${msg('Median days to outcome')}</span><strong>${stats.medianDaysToOutcome ?? '—'}</strong></div>
        <div class="card"><span class="muted">${msg('Won, by tier')}</span><strong>${stats.wonValueByTier.length ? stats.wonValueByTier.map((w) => `${w.tierName ?? msg('No tier')}: ${formatMoney(w.amount, w.currency)}`).join(' · ') : '—'}</strong></div>
      </div>
      <p class="muted">${(Object.keys(r) as RegistrationStatus[]).map((s) => `${registrationStatusLabel(s)} ${r[s]}`).join(' · ')}</p>
    </section>`;
  }

  override render() {
    if (!this.portal) return nothing;
    const value = this.data.value;
    const shown = (value?.registrations ?? []).filter((r) => (this.filter === 'waiting' ? WAITING.includes(r.status) : !this.filter || r.status === this.filter));
    return html`
      <h2>${msg('Partners')}</h2>
      <cp-state exportparts="state" .load=${this.data.load} .empty=${!value} .retry=${() => this.data.refresh()}></cp-state>
      ${value
        ? html`${this.renderStats(value.stats)}
            <section aria-labelledby="queue-title">
              <div class="row">
                <h3 id="queue-title">${msg('Deal registrations')}</h3>
                <label class="inline"
                  >${msg('Show')}
                  <select @change=${(e: Event) => (this.filter = (e.target as HTMLSelectElement).value as typeof this.filter)}>
                    <option value="waiting" .selected=${this.filter === 'waiting'}>${msg('Awaiting a decision')}</option>
                    <option value="" .selected=${this.filter === ''}>${msg('All')}</option>
                    ${(['approved', 'rejected', 'expired', 'won', 'lost'] as const).map((s) => html`<option value=${s} .selected=${this.filter === s}>${registrationStatusLabel(s)}</option>`)}
                  </select></label
                >
              </div>
              ${shown.length ? html`<ul class="rows">${shown.map((r) => this.renderQueueRow(r))}</ul>` : html`<p class="muted">${msg('Nothing here.')}</p>`}
            </section>
            ${this.renderTiers(value.tiers)} ${this.renderCommissions(value.commissions)}`
        : nothing}
    `;
  }
}
define('cp-admin-partners', CpAdminPartners);

declare global {
  interface HTMLElementTagNameMap {
    'cp-admin-partners': CpAdminPartners;
  }
}
