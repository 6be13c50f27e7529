import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import '../../components/cp-state/cp-state.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';
import { define } from '../../lib/portal-element.js';
import type { CustomerRecord, Engagement } from '../api/admin-api.types.js';
import { neverActive, trendLabel } from '../lib/admin-labels.js';
import type { LiveMessage } from '../lib/admin-context.js';
import { AdminElement } from '../lib/admin-element.js';
import { Loader } from '../lib/loader.js';
import { debounce } from '../lib/debounce.js';
import { customersStyles } from './cp-admin-customers.styles.js';

const PAGE = 50;

/**
 * The Customers tab: every customer with its portal switch, its open, overdue and blocked
 * portal tasks and when its contacts last did something; a search, a form to add a customer,
 * and the way to each customer's access, work and activity. The counts follow the live stream.
 * @csspart customer-row - one customer
 */
export class CpAdminCustomers extends AdminElement {
  static override styles = [AdminElement.styles, customersStyles];

  @state() private query = '';
  @state() private rows: CustomerRecord[] = [];
  @state() private next: string | null = null;
  /** Each listed customer's score and trend, fetched once the rows are on screen. */
  @state() private engagement = new Map<string, Engagement>();
  private readonly list = new Loader(this, async () => {
    // A refresh asks for as many rows as are on screen, so "Load more" keeps its place.
    const page = await this.admin!.api.customerPage({ q: this.query || undefined, limit: Math.min(200, Math.max(PAGE, this.rows.length)) });
    this.rows = page.data;
    this.next = page.nextCursor;
    void this.loadEngagement(page.data);
    return page;
  });
  private readonly refresh = debounce(() => void this.list.run(true), 800);
  private readonly search = debounce(() => {
    this.rows = [];
    void this.list.run();
  }, 250);

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) void this.list.run(true);
  }

  protected override firstUpdated(): void {
    void this.list.run();
  }

  protected override live({ type }: LiveMessage): void {
    if (/^(task|comment|document|customer|project)\./.test(type)) this.refresh();
  }

  private async more(): Promise<void> {
    const page = await this.attempt(() => this.admin!.api.customerPage({ q: this.query || undefined, cursor: this.next }), { failed: msg('More customers could not be loaded.') });
    if (!page) return;
    this.rows = [...this.rows, ...page.data];
    this.next = page.nextCursor;
    void this.loadEngagement(page.data);
  }

  /** Scores are a second look: a failure leaves the cell empty, never an error on the page. */
  private async loadEngagement(rows: CustomerRecord[]): Promise<void> {
    const found = await Promise.all(rows.map((c) => this.admin!.api.engagement(c.id).catch(() => null)));
    const next = new Map(this.engagement);
    for (const e of found) if (e) next.set(e.customerId, e);
    this.engagement = next;
  }

  private async add(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const externalId = String(data.get('external_id') ?? '').trim();
    const created = await this.attempt(() => this.admin!.api.createCustomer({ name, ...(externalId ? { externalId } : {}) }), {
      done: msg(str`${name} was added.`),
      failed: msg(str`${name} was not added.`),
    });
    if (!created) return;
    form.reset();
    this.admin!.customersChanged();
    await this.list.run(true);
  }

  private async setPortal(customer: CustomerRecord, enabled: boolean): Promise<void> {
    const changed = await this.attempt(() => this.admin!.api.updateCustomer(customer.id, { portalEnabled: enabled }), {
      done: enabled ? msg(str`The portal of ${customer.name} is on.`) : msg(str`The portal of ${customer.name} is off: its contacts were signed out.`),
      failed: msg(str`The portal of ${customer.name} was not changed.`),
    });
    if (changed) this.rows = this.rows.map((c) => (c.id === changed.id ? { ...c, ...changed, summary: c.summary } : c));
    else this.requestUpdate();
    this.admin!.customersChanged();
  }

  private renderRow(customer: CustomerRecord) {
    const { go } = this.admin!;
    const s = customer.summary;
    const dateFormat = this.portal!.store.dateFormat;
    const engagement = this.engagement.get(customer.id);
    return html`<tr part="customer-row">
      <th scope="row">
        <span class="name">${customer.name}</span>
        ${customer.externalId ? html`<span class="muted id">${customer.externalId}</span>` : nothing}
      </th>
      <td>
        <label class="inline"
          ><input type="checkbox" role="switch" aria-label=${msg(str`Portal of ${customer.name}`)} .checked=${customer.portalEnabled} @change=${(e: Event) => this.setPortal(customer, (e.target as HTMLInputElement).checked)} />
          ${customer.portalEnabled ? msg('On') : msg('Off')}</label
        >
      </td>
      <td class="number">${formatNumber(s?.openTasks ?? 0)}</td>
      <td class="number ${s?.overdueTasks ? 'overdue' : ''}">${formatNumber(s?.overdueTasks ?? 0)}</td>
      <td class="number ${s?.blockedTasks ? 'status-blocked' : ''}">${formatNumber(s?.blockedTasks ?? 0)}</td>
      <td>
        ${engagement
          ? html`<button class="link" @click=${() => go({ tab: 'engagement', customer: customer.id })}
              >${neverActive(engagement)
                ? msg('No activity yet')
                : html`<span class="number">${formatNumber(engagement.score)}</span> · <span class="trend-${engagement.trend}">${trendLabel(engagement.trend)}</span>`}</button
            >`
          : html`<span class="muted">—</span>`}
      </td>
      <td>${s?.lastActivityAt ? html`<time datetime=${s.lastActivityAt}>${formatDateTime(s.lastActivityAt, dateFormat)}</time>` : html`<span class="muted">${msg('None yet')}</span>`}</td>
      <td>
        <div class="actions">
          <button class="link" @click=${() => go({ tab: 'access', customer: customer.id })} aria-label=${msg(str`Portal access of ${customer.name}`)}>${msg('Access')}</button>
          <button class="link" @click=${() => go({ tab: 'work', customer: customer.id })} aria-label=${msg(str`Work of ${customer.name}`)}>${msg('Work')}</button>
          <button class="link" @click=${() => go({ tab: 'activity', customer: customer.id })} aria-label=${msg(str`Activity of ${customer.name}`)}>${msg('Activity')}</button>
        </div>
      </td>
    </tr>`;
  }

  override render() {
    if (!this.admin || !this.portal) return nothing;
    const empty = !this.rows.length;
    return html`<section class="card" aria-labelledby="customers-title">
        <div class="head">
          <h2 id="customers-title">${msg('Customers')}</h2>
          <input
            type="search"
            aria-label=${msg('Search customers')}
            placeholder=${msg('Search by name or id')}
            .value=${this.query}
            @input=${(e: Event) => {
              this.query = (e.target as HTMLInputElement).value;
              this.search();
            }}
          />
        </div>
        <div class="table">
          <table>
            <thead>
              <tr>
                <th scope="col">${msg('Customer')}</th>
                <th scope="col">${msg('Portal')}</th>
                <th scope="col" class="number">${msg('Open tasks')}</th>
                <th scope="col" class="number">${msg('Overdue')}</th>
                <th scope="col" class="number">${msg('Blocked')}</th>
                <th scope="col">${msg('Engagement')}</th>
                <th scope="col">${msg('Last customer activity')}</th>
                <th scope="col"><span class="visually-hidden">${msg('Go to')}</span></th>
              </tr>
            </thead>
            <tbody>
              ${this.rows.map((c) => this.renderRow(c))}
            </tbody>
          </table>
        </div>
        <cp-state exportparts="state" .load=${this.list.load} .empty=${empty} empty-text=${this.query ? msg('No customer matches.') : msg('No customers yet.')} .retry=${() => this.list.run()}></cp-state>
        ${this.next ? html`<button @click=${this.more}>${msg('Load more')}</button>` : nothing}
      </section>
      <section class="card" aria-labelledby="add-title">
        <h2 id="add-title">${msg('Add a customer')}</h2>
        <form class="fields" @submit=${this.add}>
          <label>${msg('Name')} <input name="name" required maxlength="200" autocomplete="organization" /></label>
          <label>${msg('Your id for it (optional)')} <input name="external_id" maxlength="200" /></label>
          <button class="primary" type="submit">${msg('Add customer')}</button>
        </form>
        <p class="hint">${msg('Customers your app sends with embed tokens appear here by themselves.')}</p>
      </section>`;
  }
}
define('cp-admin-customers', CpAdminCustomers);

declare global {
  interface HTMLElementTagNameMap {
    'cp-admin-customers': CpAdminCustomers;
  }
}
