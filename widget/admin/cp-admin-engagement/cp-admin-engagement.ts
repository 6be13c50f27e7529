import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import '../../components/cp-state/cp-state.js';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.js';
import { viewLabel, type View } from '../../lib/labels.js';
import { define } from '../../lib/portal-element.js';
import type { AnalyticsPoint, AnalyticsSeries, Engagement } from '../api/admin-api.types.js';
import { AdminElement } from '../lib/admin-element.js';
import { neverActive, trendLabel } from '../lib/admin-labels.js';
import { Loader } from '../lib/loader.js';
import { barChart } from './bar-chart.js';
import { engagementStyles } from './cp-admin-engagement.styles.js';

const RANGES = { '30': { days: 30, interval: 'day' }, '90': { days: 91, interval: 'week' }, '365': { days: 364, interval: 'week' } } as const;
type Range = keyof typeof RANGES;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** An area of the portal by its name, as its tab reads (`task`: a task opened on its own). */
const areaName = (view: string) => (view === 'task' ? msg('Task details') : (viewLabel(view as View) ?? view));

/** What one signal says, in the reader's language. */
const signalText = (s: Engagement['signals'][number]) =>
  ({
    active_contacts: msg(str`Contacts active in the last 14 days: ${formatNumber(s.value)} of ${formatNumber(s.of ?? 0)}`),
    active_days: msg(str`Active days in the last 28: ${formatNumber(s.value)}`),
    views_used: msg(str`Areas of the portal used: ${formatNumber(s.value)}`),
    actions: msg(str`Actions by contacts in 28 days: ${formatNumber(s.value)}`),
    last_week: msg(str`Views and actions this week: ${formatNumber(s.value)} (weekly average before: ${formatNumber(s.of ?? 0)})`),
    inactive_days: msg(str`Days without activity: ${formatNumber(s.value)}`),
  })[s.code] ?? s.code;

/**
 * The Engagement tab: per customer or over all customers, charts of active users, sessions and
 * their median length, views by area, downloads, messages, requests and approvals, by day or
 * week; for one customer its score, trend and the signals behind them. Drawn as our own SVG,
 * in a chunk of its own (loaded when the tab is first opened).
 * @csspart chart - one chart
 * @csspart engagement - the customer's score and trend
 */
export class CpAdminEngagement extends AdminElement {
  static override styles = [AdminElement.styles, engagementStyles];

  /** One customer; empty for every customer of the tenant. */
  @property({ attribute: 'customer-id' }) customerId = '';
  @state() private range: Range = '30';
  private shown = '';
  private readonly data = new Loader<{ series: AnalyticsSeries; engagement: Engagement | null }>(this, async () => {
    const { days, interval } = RANGES[this.range];
    const to = Date.now();
    const [series, engagement] = await Promise.all([
      this.admin!.api.analytics({ customerId: this.customerId || undefined, from: dayOf(to - (days - 1) * 86_400_000), to: dayOf(to), interval }),
      this.customerId ? this.admin!.api.engagement(this.customerId) : Promise.resolve(null),
    ]);
    return { series, engagement };
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const key = `${this.customerId}|${this.range}`;
    if (this.admin && key !== this.shown) {
      this.shown = key;
      void this.data.run();
    }
  }

  private renderEngagement(e: Engagement) {
    const dateFormat = this.portal!.store.dateFormat;
    if (neverActive(e))
      return html`<section class="card" part="engagement" aria-labelledby="score-title">
        <h2 id="score-title">${msg('Engagement score')}</h2>
        <p><strong>${msg('No activity yet')}</strong></p>
        <p class="muted">${msg('No contact of this customer has used the portal yet: its score and trend start with their first visit.')}</p>
      </section>`;
    return html`<section class="card" part="engagement" aria-labelledby="score-title">
      <h2 id="score-title">${msg('Engagement score')}</h2>
      <p><span class="score">${formatNumber(e.score)}</span><span class="muted"> / 100</span> · <strong class="trend-${e.trend}">${trendLabel(e.trend)}</strong></p>
      <p class="muted">${e.lastActiveAt ? msg(html`Last active <time datetime=${e.lastActiveAt}>${formatDateTime(e.lastActiveAt, dateFormat)}</time>`) : msg('No activity yet')}</p>
      <ul class="signals">
        ${e.signals.map((s) => html`<li>${signalText(s)}</li>`)}
      </ul>
    </section>`;
  }

  private renderCharts(series: AnalyticsSeries) {
    const points = series.series;
    const format = this.portal!.store.dateFormat;
    const bars = (value: (p: AnalyticsPoint) => number | null) => points.map((p) => ({ label: formatDate(p.start, format), value: value(p) }));
    const views = [...new Set(points.flatMap((p) => Object.keys(p.viewsByView)))].sort();
    return html`<section class="card" aria-labelledby="charts-title">
      <div class="head">
        <h2 id="charts-title">${this.customerId ? msg('Engagement over time') : msg('Engagement over time, all customers')}</h2>
        <label class="inline"
          >${msg('Period')}
          <select @change=${(e: Event) => (this.range = (e.target as HTMLSelectElement).value as Range)}>
            <option value="30" .selected=${this.range === '30'}>${msg('Last 30 days, by day')}</option>
            <option value="90" .selected=${this.range === '90'}>${msg('Last 13 weeks, by week')}</option>
            <option value="365" .selected=${this.range === '365'}>${msg('Last 52 weeks, by week')}</option>
          </select></label
        >
      </div>
      <div class="charts">
        ${barChart(msg('Active users'), bars((p) => p.activeUsers))} ${barChart(msg('Sessions'), bars((p) => p.sessions))}
        ${barChart(msg('Median session (minutes)'), bars((p) => p.medianSessionMinutes))} ${barChart(msg('Downloads'), bars((p) => p.downloads))}
        ${barChart(msg('Messages'), bars((p) => p.messages))} ${barChart(msg('Requests'), bars((p) => p.requests))}
        ${barChart(msg('Approvals'), bars((p) => p.approvals))}
        ${views.map((view) => barChart(msg(str`Views: ${areaName(view)}`), bars((p) => p.viewsByView[view] ?? 0)))}
      </div>
    </section>`;
  }

  override render() {
    if (!this.admin || !this.portal) return nothing;
    const value = this.data.value;
    return html`${value?.engagement ? this.renderEngagement(value.engagement) : nothing} ${value ? this.renderCharts(value.series) : nothing}
      <cp-state exportparts="state" .load=${this.data.load} .empty=${!value} .retry=${() => this.data.run()}></cp-state>`;
  }
}
define('cp-admin-engagement', CpAdminEngagement);

declare global {
  interface HTMLElementTagNameMap {
    'cp-admin-engagement': CpAdminEngagement;
  }
}
