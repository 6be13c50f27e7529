import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Page } from '../../api/api.types.js';
import '../../components/cp-state/cp-state.js';
import { deviceOf } from '../../lib/device.js';
import { formatDateTime } from '../../lib/format.js';
import { define } from '../../lib/portal-element.js';
import type { Activity, ActivityFilters } from '../api/admin-api.types.js';
import type { LiveMessage } from '../lib/admin-context.js';
import { activityText } from '../lib/activity-text.js';
import { AdminElement } from '../lib/admin-element.js';
import { debounce } from '../lib/debounce.js';
import { Loader } from '../lib/loader.js';
import { saveFile } from '../lib/save-file.js';
import { activityStyles } from './cp-admin-activity.styles.js';

/** The families of the event log, as the filter offers them. */
const FAMILIES = [
  'task.*',
  'comment.*',
  'document.*',
  'project.*',
  'customer.*',
  'user.*',
  'user.signed_in,user.signed_out',
  'branding.*,settings.*',
  'deal.*,financial_document.*',
  'deal_registration.*,referral.*,commission.*,partner_tier.*',
] as const;

const familyLabel = (family: string) =>
  ({
    'task.*': msg('Tasks'),
    'comment.*': msg('Comments'),
    'document.*': msg('Documents'),
    'project.*': msg('Projects'),
    'customer.*': msg('Customers'),
    'user.*': msg('People and access'),
    'user.signed_in,user.signed_out': msg('Sign-ins and sign-outs'),
    'branding.*,settings.*': msg('Branding and settings'),
    'deal.*,financial_document.*': msg('Deals and billing'),
    'deal_registration.*,referral.*,commission.*,partner_tier.*': msg('Partners'),
  })[family] ?? family;

/**
 * The Activity tab: the audit trail from the event log, for one customer or the whole tenant,
 * newest first: who did what, when, and from where (address and browser). Filter by kind and by dates, page through it, export it
 * as CSV (the same filters). New entries arrive live.
 * @csspart activity-row - one entry
 */
export class CpAdminActivity extends AdminElement {
  static override styles = [AdminElement.styles, activityStyles];

  /** One customer's trail; empty for the whole tenant. */
  @property({ attribute: 'customer-id' }) customerId = '';
  @state() private type = '';
  @state() private since = '';
  @state() private until = '';
  @state() private rows: Activity[] = [];
  @state() private next: string | null = null;
  private shown = '';
  private readonly page = new Loader<Page<Activity>>(this, async () => {
    const page = await this.admin!.api.activity(this.filters);
    this.rows = page.data;
    this.next = page.nextCursor;
    return page;
  });
  private readonly refresh = debounce(() => {
    // A reader paging through older entries keeps them; the first page alone follows.
    if (this.rows.length <= 50) void this.page.run(true);
  }, 800);

  private get filters(): ActivityFilters {
    // `until` is exclusive: the day chosen is included by asking for the next one.
    const after = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    return { customerId: this.customerId || undefined, type: this.type || undefined, since: this.since || undefined, until: this.until ? after(this.until) : undefined };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const key = JSON.stringify(this.filters);
    if (this.admin && key !== this.shown) {
      this.shown = key;
      void this.page.run();
    }
  }

  protected override live({ type, data }: LiveMessage): void {
    if (/^[a-z_]+\.[a-z_]+$/.test(type) && (!this.customerId || data?.customerId === this.customerId)) this.refresh();
  }

  private async more(): Promise<void> {
    const page = await this.attempt(() => this.admin!.api.activity(this.filters, this.next), { failed: msg('Older activity could not be loaded.') });
    if (!page) return;
    this.rows = [...this.rows, ...page.data];
    this.next = page.nextCursor;
  }

  private async exportCsv(): Promise<void> {
    const file = await this.attempt(() => this.admin!.api.activityCsv(this.filters), { failed: msg('The export failed.') });
    if (file) saveFile(file, `activity-${new Date().toISOString().slice(0, 10)}.csv`);
  }

  private who(entry: Activity) {
    if (!entry.actor) return html`<span class="muted">${msg('Your backend or the system')}</span>`;
    const role = entry.actor.role === 'contact' ? msg('customer') : entry.actor.role === 'staff' ? msg('your team') : '';
    return html`${entry.actor.name ?? msg('A removed person')} ${role ? html`<span class="badge role-${entry.actor.role}">${role}</span>` : nothing}`;
  }

  private renderRow(entry: Activity) {
    const { store } = this.portal!;
    const summary = activityText(entry, store.dateFormat);
    const customer = entry.customerId ? store.customers.find((c) => c.id === entry.customerId)?.name : '';
    return html`<tr part="activity-row">
      <td><time datetime=${entry.createdAt}>${formatDateTime(entry.createdAt, store.dateFormat)}</time></td>
      <td>
        ${this.who(entry)}
        ${entry.ip || entry.userAgent ? html`<br /><span class="muted origin" title=${entry.userAgent ?? ''}>${[entry.ip, entry.userAgent ? deviceOf(entry.userAgent) : null].filter(Boolean).join(' · ')}</span>` : nothing}
      </td>
      <td>
        ${summary}
        ${entry.taskId && entry.type !== 'task.deleted' && entry.customerId
          ? html`<button class="link" @click=${() => this.admin!.go({ tab: 'work', customer: entry.customerId, task: entry.taskId })} aria-label=${msg(str`Open the task of “${summary}”`)}>${msg('Open')}</button>`
          : nothing}
      </td>
      ${this.customerId ? nothing : html`<td>${customer ?? ''}</td>`}
    </tr>`;
  }

  override render() {
    if (!this.admin || !this.portal) return nothing;
    return html`<section class="card" aria-labelledby="activity-title">
      <div class="head">
        <h2 id="activity-title">${msg('Activity')}</h2>
        <button @click=${this.exportCsv}>${msg('Export as CSV')}</button>
      </div>
      <div class="fields" role="group" aria-label=${msg('Filters')}>
        <label
          >${msg('What')}
          <select @change=${(e: Event) => (this.type = (e.target as HTMLSelectElement).value)}>
            <option value="" .selected=${!this.type}>${msg('Everything')}</option>
            ${FAMILIES.map((f) => html`<option value=${f} .selected=${f === this.type}>${familyLabel(f)}</option>`)}
          </select>
        </label>
        <label>${msg('From')} <input type="date" .value=${this.since} @change=${(e: Event) => (this.since = (e.target as HTMLInputElement).value)} /></label>
        <label>${msg('To')} <input type="date" .value=${this.until} @change=${(e: Event) => (this.until = (e.target as HTMLInputElement).value)} /></label>
      </div>
      ${this.rows.length
        ? html`<div class="table">
            <table>
              <thead>
                <tr>
                  <th scope="col">${msg('When')}</th>
                  <th scope="col">${msg('Who')}</th>
                  <th scope="col">${msg('What')}</th>
                  ${this.customerId ? nothing : html`<th scope="col">${msg('Customer')}</th>`}
                </tr>
              </thead>
              <tbody>
                ${this.rows.map((r) => this.renderRow(r))}
              </tbody>
            </table>
          </div>`
        : nothing}
      <cp-state exportparts="state" .load=${this.page.load} .empty=${!this.rows.length} empty-text=${msg('Nothing happened here yet.')} .retry=${() => this.page.run()}></cp-state>
      ${this.next ? html`<button @click=${this.more}>${msg('Older activity')}</button>` : nothing}
    </section>`;
  }
}
define('cp-admin-activity', CpAdminActivity);

declare global {
  interface HTMLElementTagNameMap {
    'cp-admin-activity': CpAdminActivity;
  }
}
