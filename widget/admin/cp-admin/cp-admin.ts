import { provide } from '@lit/context';
import { msg } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { asRequestError, RequestError } from '../../api/request-error.js';
import '../../components/cp-notifications/cp-notifications.js';
import { LiveEventsController } from '../../controllers/live-events.controller.js';
import type { TokenClaims } from '../../controllers/token-claims.js';
import { errorText } from '../../lib/error-text.js';
import { lazy } from '../../lib/lazy.js';
import type { Navigation } from '../../lib/portal-context.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { PortalShell } from '../../lib/portal-shell.js';
import { notices } from '../../lib/templates.js';
import { PortalActions } from '../../store/portal-actions.js';
import { tokenStyles } from '../../styles/tokens.styles.js';
import { AdminApiClient } from '../api/admin-api.js';
import '../cp-admin-access/cp-admin-access.js';
import '../cp-admin-activity/cp-admin-activity.js';
import '../cp-admin-branding/cp-admin-branding.js';
import '../cp-admin-customers/cp-admin-customers.js';
import '../cp-admin-partners/cp-admin-partners.js';
import '../cp-admin-permissions/cp-admin-permissions.js';
import '../cp-admin-projects/cp-admin-projects.js';
import '../cp-admin-settings/cp-admin-settings.js';
import '../cp-admin-templates/cp-admin-templates.js';
import '../cp-admin-webhooks/cp-admin-webhooks.js';
import '../cp-admin-work/cp-admin-work.js';
import { ADMIN_TABS, adminContext, type Admin, type AdminRoute, type AdminTab } from '../lib/admin-context.js';
import { tabLabel } from '../lib/admin-labels.js';
import { anyCustomer, needsCustomer, readRoute, writeRoute } from '../lib/admin-route.js';
import { adminRootStyles } from './cp-admin.styles.js';

/** A staff token shared with an embedded widget keeps at least this long, so its renewal never asks twice in a row. */
const SHARED_TOKEN_MIN_MS = 120_000;

/**
 * `<cp-admin>`: the CSM admin page. Customers, their contacts' portal access (and the account's
 * team and access rules), their work (the `<customer-portal>` element in staff mode), their
 * projects, their shared goals, templates and playbooks, the resources library, pages and the FAQ, branding, settings, permission sets, webhooks, the partner
 * channel (registrations, tiers, commissions, statistics) and the audit trail,
 * with a bell for customer activity. Admin-only forms are disabled, with the reason, for members. Everything goes through the public API
 * with a staff embed token (`token-url`: where to `POST` for it, cookies included: the admin page's
 * session exchange). The address fragment follows the page (`#tab/customer/task`). Its page (`/admin`)
 * names the tenant, with its logo, in its own bar: the element's heading does not repeat them.
 * @example
 *   <script type="module" src="/customer-portal-admin.js"></script>
 *   <cp-admin api-base="" token-url="/v1/auth/session/token"></cp-admin>
 * @fires cp-ready - `{user}`: the session is open and the first data has arrived
 * @fires cp-error - `{status, code, message}`: a request failed (the page shows it)
 * @fires cp-navigate - `{tab, customer, task}`: the user moved to another tab, customer or task
 * @csspart header, nav, tab, bell, notification-list, customer-select, notices, view - as in `<customer-portal>`
 */
export class CpAdmin extends PortalShell {
  static override styles = [tokenStyles, PortalElement.styles, adminRootStyles];

  @state() private route: AdminRoute = { tab: 'customers', customer: null, task: null };
  /** The tab shown first (else the address fragment's, else `customers`). */
  @property() tab: AdminTab | '' = '';
  /** The customer shown first in the Access, Work and Activity tabs. */
  @property() customer = '';

  private readonly api = new AdminApiClient({ base: this.base, token: this.session.token });
  private readonly liveTarget = new EventTarget();
  private readonly live = new LiveEventsController(this, {
    api: () => (this.isConnected ? this.api : undefined),
    onMessage: (type, data) => {
      this.store.applyMessage(type, data);
      this.liveTarget.dispatchEvent(new CustomEvent('live', { detail: { type, data } }));
    },
    onStatus: (status, error) => this.followLive(status, error),
  });
  private readonly onPopState = () => this.go(readRoute(location.hash), false);
  private ready = false;

  @provide({ context: adminContext })
  private admin: Admin;

  constructor() {
    super();
    this.provided = { session: this.session, api: this.api, store: this.store, actions: new PortalActions(this.api, this.store), navigate: (to) => this.openTask(to) };
    this.admin = {
      api: this.api,
      route: this.route,
      go: (to) => this.go(to, true),
      apiBase: '',
      scheme: 'light',
      tokenProvider: this.shareToken,
      live: this.liveTarget,
      customersChanged: () => void this.provided.actions.loadCustomers(true),
    };
    this.store.addEventListener('error', (e) => this.tell((e as CustomEvent<RequestError>).detail));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onPopState);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onPopState);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const scheme = this.getAttribute('scheme') === 'dark' ? 'dark' : 'light';
    if (scheme !== this.admin.scheme) this.admin = { ...this.admin, scheme };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.hasUpdated) {
      const fromHash = readRoute(location.hash);
      const attributes = this.tab || this.customer ? { tab: this.tab || 'customers', customer: this.customer || null, task: null } : {};
      this.route = { tab: 'customers', customer: null, task: null, ...fromHash, ...attributes };
    } else if ((changed.has('tab') && this.tab) || (changed.has('customer') && this.customer)) {
      this.go({ ...(this.tab ? { tab: this.tab } : {}), ...(this.customer ? { customer: this.customer } : {}) }, false);
    }
    if (changed.has('apiBase') || !this.hasUpdated) this.admin = { ...this.admin, apiBase: this.base() };
    if (changed.has('route' as keyof CpAdmin)) this.admin = { ...this.admin, route: this.route };
  }

  /** A staff token for an embedded widget: the page's own, renewed first when it has little time left. */
  private readonly shareToken = () => {
    const claims = this.session.claims;
    return this.session.token(!claims || claims.exp * 1000 - Date.now() < SHARED_TOKEN_MIN_MS);
  };

  protected onUser(_before: TokenClaims | null, claims: TokenClaims): void {
    this.store.clear();
    this.ready = false;
    if (claims.role !== 'staff') {
      this.live.stop();
      this.fatal = new RequestError(403, 'not_staff', msg('This page is for your customer success team.'));
      return;
    }
    void this.boot();
  }

  private async boot(): Promise<void> {
    const { store, actions } = this.provided;
    store.role = 'staff';
    const customers = actions.loadCustomers();
    const me = actions.loadMe();
    this.live.restart();
    await Promise.all([me, customers]);
    this.chooseCustomer();
    if (!this.ready && store.load('me').status === 'ready') {
      this.ready = true;
      this.emit('cp-ready', { user: store.me!.user });
    }
  }

  /** The tabs about one customer start with the first one when none is chosen. */
  private chooseCustomer(): void {
    const first = this.store.customers[0]?.id;
    if (needsCustomer(this.route.tab) && !this.route.customer && first) this.go({ customer: first }, false);
  }

  /**
   * Moves the page; the address bar follows (a new history entry for the user's own moves, so
   * Back returns) and the user's moves are told to the host as `cp-navigate`.
   */
  private go(to: Partial<AdminRoute>, user: boolean): void {
    const before = this.route;
    const tab = to.tab ?? before.tab;
    const customer = to.customer !== undefined ? to.customer : before.customer;
    const task = to.task !== undefined ? to.task : tab !== before.tab || customer !== before.customer ? null : before.task;
    const route = { tab, customer, task };
    if (route.tab === before.tab && route.customer === before.customer && route.task === before.task) return;
    this.route = route;
    const hash = writeRoute(route);
    if (location.hash !== hash) history[user ? 'pushState' : 'replaceState'](null, '', hash);
    this.chooseCustomer();
    if (user) this.emit('cp-navigate', { ...this.route });
  }

  /** The bell opens a task: in its customer's work, in the side panel. */
  private async openTask(to: Navigation): Promise<void> {
    if (!to.task) return;
    try {
      const task = await this.api.task(to.task);
      this.go({ tab: 'work', customer: task.customerId, task: task.id }, true);
    } catch (error) {
      const failure = asRequestError(error);
      this.store.notify(errorText(failure), 'error');
      this.store.fail(failure);
    }
  }

  private renderCustomerSelect() {
    const { tab, customer } = this.route;
    if (!needsCustomer(tab) && !anyCustomer(tab)) return nothing;
    const customers = this.store.customers;
    return html`<label class="inline picker" part="customer-select"
      >${msg('Customer')}
      <select @change=${(e: Event) => this.go({ customer: (e.target as HTMLSelectElement).value || null }, true)}>
        ${anyCustomer(tab) ? html`<option value="" .selected=${!customer}>${msg('All customers')}</option>` : nothing}
        ${customers.map((c) => html`<option value=${c.id} .selected=${c.id === customer}>${c.name}${c.portalEnabled ? '' : ` (${msg('portal off')})`}</option>`)}
      </select></label
    >`;
  }

  private renderView() {
    const { tab, customer, task } = this.route;
    const id = customer ?? '';
    if (needsCustomer(tab) && !customer) {
      return html`<cp-state exportparts="state" .load=${this.store.load('customers')} .empty=${true} empty-text=${msg('Add a customer first, in the Customers tab.')}></cp-state>`;
    }
    switch (tab) {
      case 'customers':
        return html`<cp-admin-customers></cp-admin-customers>`;
      case 'access':
        return html`<cp-admin-access customer-id=${id}></cp-admin-access>`;
      case 'work':
        return html`<cp-admin-work customer-id=${id} task-id=${task ?? ''}></cp-admin-work>`;
      case 'projects':
        return html`<cp-admin-projects customer-id=${id}></cp-admin-projects>`;
      case 'goals':
        // The widget's Goals view for the customer picked, with the team's forms.
        return lazy(this, 'cp-goals', () => import('../../components/cp-goals/cp-goals.js'), html`<cp-goals customer-id=${id}></cp-goals>`);
      case 'templates':
        return html`<cp-admin-templates></cp-admin-templates>`;
      case 'requests':
        // The queue and the types editor, with the form they share: a chunk of their own.
        return lazy(this, 'cp-admin-request-types', () => import('../cp-admin-request-types/cp-admin-request-types.js'), html`<cp-admin-request-types></cp-admin-request-types>`);
      case 'library':
        // The widget's library view, with the publish form and retire buttons.
        return lazy(this, 'cp-library', () => import('../../components/cp-library/cp-library.js'), html`<cp-library manage></cp-library>`);
      case 'pages':
        // An editor with the portal's own renderer as its preview: a chunk of its own.
        return lazy(this, 'cp-admin-pages', () => import('../cp-admin-pages/cp-admin-pages.js'), html`<cp-admin-pages></cp-admin-pages>`);
      case 'faq':
        return lazy(this, 'cp-admin-faq', () => import('../cp-admin-faq/cp-admin-faq.js'), html`<cp-admin-faq></cp-admin-faq>`);
      case 'permissions':
        return html`<cp-admin-permissions></cp-admin-permissions>`;
      case 'branding':
        return html`<cp-admin-branding></cp-admin-branding>`;
      case 'settings':
        return html`<cp-admin-settings></cp-admin-settings>`;
      case 'webhooks':
        return html`<cp-admin-webhooks></cp-admin-webhooks>`;
      case 'partners':
        return html`<cp-admin-partners></cp-admin-partners>`;
      case 'activity':
        return html`<cp-admin-activity customer-id=${id}></cp-admin-activity>`;
      case 'engagement':
        // Charts are for the few who look at them: a chunk of their own.
        return lazy(this, 'cp-admin-engagement', () => import('../cp-admin-engagement/cp-admin-engagement.js'), html`<cp-admin-engagement customer-id=${id}></cp-admin-engagement>`);
    }
  }

  protected override isFinal(error: RequestError): boolean {
    return error.code === 'not_staff' || super.isFinal(error);
  }

  private renderFatal(error: RequestError) {
    const text = error.code === 'not_staff' ? error.message : errorText(error);
    return html`<div class="portal admin">${this.renderFatalState(msg('The admin page could not be opened'), text, error, () => this.open())}</div>`;
  }

  override render() {
    const { store } = this;
    if (this.fatal) return this.renderFatal(this.fatal);
    if (store.load('me').status === 'error') return this.renderFatal(store.load('me').error!);
    const { tab } = this.route;
    return html`<div class="portal admin">
      <header part="header">
        <div class="bar">
          <h1>${msg('Admin')}</h1>
          <div class="tools">
            <span class="muted">${store.me?.user.name ?? ''}</span>
            <cp-notifications exportparts="bell, notification-list, state"></cp-notifications>
          </div>
        </div>
        ${this.renderTabs(msg('Admin sections'), ADMIN_TABS, tab, (t) => this.go({ tab: t }, true), tabLabel)}
      </header>
      ${notices(store)}
      <div id="panel" part="view" role="tabpanel" aria-labelledby="tab-${tab}" tabindex="-1">${this.renderCustomerSelect()} ${this.renderView()}</div>
    </div>`;
  }
}
define('cp-admin', CpAdmin);

declare global {
  interface HTMLElementTagNameMap {
    'cp-admin': CpAdmin;
  }
}
