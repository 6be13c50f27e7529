import { provide } from '@lit/context';
import { msg } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ApiClient } from '../api/api-client.js';
import type { Theme } from '../api/api.types.js';
import { asRequestError, type RequestError } from '../api/request-error.js';
import '../components/cp-dashboard/cp-dashboard.js';
import type { CpNewTask } from '../components/cp-new-task/cp-new-task.js';
import '../components/cp-notifications/cp-notifications.js';
import '../components/cp-projects/cp-projects.js';
import '../components/cp-task-list/cp-task-list.js';
import { AppearanceController } from '../controllers/appearance.controller.js';
import { LiveEventsController } from '../controllers/live-events.controller.js';
import { SessionController } from '../controllers/session.controller.js';
import type { TokenClaims } from '../controllers/token-claims.js';
import { errorText } from '../lib/error-text.js';
import { allowedViews, viewLabel, type View } from '../lib/labels.js';
import { lazy } from '../lib/lazy.js';
import { tabKeyTarget } from '../lib/tab-keys.js';
import { notices } from '../lib/templates.js';
import { portalContext, type Navigation, type Portal } from '../lib/portal-context.js';
import { define, PortalElement } from '../lib/portal-element.js';
import { PortalActions } from '../store/portal-actions.js';
import { PortalStore, type TaskChange } from '../store/portal-store.js';
import { tokenStyles } from '../styles/tokens.styles.js';
import { portalStyles } from './customer-portal.styles.js';

/** The service the bundle was loaded from: the default `api-base`. */
const SCRIPT_ORIGIN = new URL(import.meta.url).origin;

/**
 * `<customer-portal>`: the whole customer experience in one element. See the README ("The widget") for
 * every attribute, property, event, custom property and part.
 * @example
 *   <script type="module" src="https://portal.vendor.test/customer-portal.js"></script>
 *   <customer-portal api-base="https://portal.vendor.test" token-url="/portal-token"></customer-portal>
 * @fires cp-ready - `{user, customer}`: the session is open and the first data has arrived
 * @fires cp-error - `{status, code, message}`: a request failed (the widget shows it and offers a retry)
 * @fires cp-navigate - `{view, task, customer}`: the user moved to another view, task or customer
 * @fires cp-task-change - `{task, source}`: a task changed, by this user (`user`) or live (`live`)
 * @csspart header, nav, tab, bell, notification-list, new-task-button, customer-select, notices, view,
 *   task-detail, dashboard, tasks, projects, documents, settings, tour, new-task - see the README
 */
export class CustomerPortal extends PortalElement {
  static override styles = [tokenStyles, PortalElement.styles, portalStyles];

  @query('cp-new-task') private newTask!: CpNewTask;
  @state() private fatal: RequestError | null = null;
  /** The service's origin; defaults to the origin this script was loaded from. */
  @property({ attribute: 'api-base' }) apiBase = '';
  /** A static embed token. */
  @property() token = '';
  /** An endpoint of the host app that answers `POST` with `{"token": "…"}` (cookies included). */
  @property({ attribute: 'token-url' }) tokenUrl = '';
  /** A function that returns a fresh embed token. */
  @property({ attribute: false }) tokenProvider: (() => Promise<string>) | null = null;
  @property() view: View | '' = '';
  /** Scope every view to one project. */
  @property() project = '';
  @property() theme: Theme | '' = '';
  @property() locale = '';
  /** Open this task on load. */
  @property() task = '';
  /** Staff: the customer to show first. */
  @property() customer = '';
  /** Never show the first-visit tour. */
  @property({ type: Boolean, attribute: 'no-tour' }) noTour = false;
  /** Staff: show the portal as the customer's contacts see it (shared items only, no staff tools). */
  @property({ type: Boolean }) preview = false;
  /** With `preview`: the logo to show instead of the tenant's (an unsaved one); null for none. */
  @property({ attribute: false }) previewLogo: string | null | undefined = undefined;

  private readonly store = new PortalStore();
  private readonly session = new SessionController(
    this,
    () => ({ token: this.token, tokenUrl: this.tokenUrl, tokenProvider: this.tokenProvider }),
    (before, after) => this.onUser(before, after),
  );
  private readonly live = new LiveEventsController(this, {
    api: () => (this.isConnected ? this.portal?.api : undefined),
    onMessage: (type, data) => this.store.applyMessage(type, data),
    onStatus: (status, error) => {
      this.provided.actions.followLiveStatus(status);
      if (status === 'closed' && error?.code === 'access_revoked') this.fatal = error;
    },
  });
  private ready = false;
  private booted = false;

  constructor() {
    super();
    new AppearanceController(this, this.store);
    const api = new ApiClient({ base: () => this.apiBase || SCRIPT_ORIGIN, token: this.session.token });
    this.provided = { session: this.session, api, store: this.store, actions: new PortalActions(api, this.store), navigate: (to) => this.navigate(to, true) };
    this.store.addEventListener('error', (e) => this.emit('cp-error', this.errorDetail((e as CustomEvent<RequestError>).detail)));
    this.store.addEventListener('task-change', (e) => this.emit('cp-task-change', (e as CustomEvent<TaskChange>).detail));
  }

  @provide({ context: portalContext })
  private provided: Portal;

  override connectedCallback(): void {
    super.connectedCallback();
    this.portal = this.provided;
  }

  protected override firstUpdated(): void {
    this.open();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.hasUpdated) {
      this.store.route = { view: this.view || 'dashboard', task: this.task || null };
      this.store.projectId = this.project || null;
      this.store.portalOnly = this.preview;
      return;
    }
    if (changed.has('view') && this.view) this.navigate({ view: this.view }, false);
    if (changed.has('task')) this.navigate({ task: this.task || null }, false);
    if (changed.has('customer') && this.customer && this.store.isStaff) void this.provided.actions.selectCustomer(this.customer);
    if (changed.has('project') && (this.project || null) !== this.store.projectId) {
      this.store.projectId = this.project || null;
      this.store.clearCustomerData();
      void this.provided.actions.loadCustomerData();
    }
    if (['token', 'tokenUrl', 'tokenProvider'].some((k) => changed.has(k as keyof CustomerPortal))) {
      this.session.reset();
      this.open();
    }
    if (changed.has('apiBase')) this.restart();
  }

  /** Gets a token; the first one (or a new user's) boots the views through `onUser`. */
  private open(): void {
    this.fatal = null;
    this.session.token().catch((error) => {
      this.fatal = asRequestError(error);
      this.emit('cp-error', this.errorDetail(this.fatal));
    });
  }

  /** Starts over: nothing of what was loaded may remain. */
  private restart(): void {
    this.session.reset();
    this.store.clear();
    this.booted = false;
    this.ready = false;
    this.live.stop();
    this.open();
  }

  private onUser(before: TokenClaims | null, after: TokenClaims): void {
    if (before || this.booted) {
      // Another user behind the new token: drop every cached item of the previous one.
      this.store.clear();
      this.store.route = { view: this.store.route.view, task: null };
      this.ready = false;
    }
    this.booted = true;
    void this.boot(after);
  }

  private async boot(claims: TokenClaims): Promise<void> {
    const { store, actions } = this.provided;
    store.role = claims.role;
    store.projectId = this.project || null;
    store.customerId = claims.role === 'contact' ? claims.cid : this.customer || claims.cid;
    if (claims.role === 'staff' && !store.customerId) {
      await actions.loadCustomers();
      store.customerId = store.customers[0]?.id ?? null;
    }
    // The tasks first: they are what the user came for (the requests leave in this order).
    const data = actions.loadCustomerData();
    const me = actions.loadMe();
    this.live.restart();
    if (claims.role === 'staff') void actions.loadCustomers();
    await Promise.all([me, data]);
    if (!this.ready && store.load('me').status === 'ready' && store.load('tasks').status === 'ready') {
      this.ready = true;
      this.emit('cp-ready', { user: store.me!.user, customer: store.me!.customer });
      // The task panel is a chunk of its own: fetched once the portal is on screen, so a task opens at once.
      setTimeout(() => void import('../components/cp-task-detail/cp-task-detail.js').catch(() => undefined), 0);
    }
  }

  private get logo(): string | null | undefined {
    return this.preview && this.previewLogo !== undefined ? this.previewLogo : this.store.me?.tenant.branding?.logoUrl;
  }

  private errorDetail(error: RequestError) {
    return { status: error.status, code: error.code, message: error.message };
  }

  /** Moves to a view and/or task; `user` moves are told to the host page (`cp-navigate`). */
  private navigate(to: Navigation, user: boolean): void {
    const { store } = this;
    const view = to.view ?? (to.project ? 'projects' : to.task && store.route.view === 'settings' ? 'tasks' : store.route.view);
    const task = to.task !== undefined ? to.task : to.view && to.view !== store.route.view ? null : store.route.task;
    // A project page belongs to the Projects view: another view (or the tab itself) closes it.
    const project = to.project !== undefined ? to.project : view !== 'projects' || to.view ? null : (store.route.project ?? null);
    if (view === store.route.view && task === store.route.task && project === (store.route.project ?? null)) return;
    const closing = store.route.task && !task;
    store.route = { view, task, project };
    store.changed();
    if (closing) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[role=tabpanel]')?.focus());
    if (user) this.emit('cp-navigate', { view, task, customer: store.customerId, project });
  }

  private onTabKey(event: KeyboardEvent): void {
    const view = tabKeyTarget(event.key, allowedViews(this.store), this.store.route.view);
    if (!view) return;
    event.preventDefault();
    this.navigate({ view }, true);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${view}`)?.focus());
  }

  private selectCustomer(id: string): void {
    void this.provided.actions.selectCustomer(id);
    this.navigate({ task: null }, false);
    this.emit('cp-navigate', { view: this.store.route.view, task: null, customer: id });
  }

  private renderView(view: View) {
    switch (view) {
      case 'dashboard':
        return html`<cp-dashboard part="dashboard" exportparts="counts, task-row, project-card, progress, internal-badge, state"></cp-dashboard>`;
      case 'tasks':
        return html`<cp-task-list part="tasks" exportparts="filters, group, task-row, internal-badge, state"></cp-task-list>`;
      case 'projects': {
        const project = this.store.route.project;
        return project
          ? lazy(
              this,
              'cp-project-page',
              () => import('../components/cp-project-page/cp-project-page.js'),
              html`<cp-project-page part="project-page" project-id=${project} exportparts="project-members, next-steps, task-row, progress, internal-badge, state"></cp-project-page>`,
            )
          : html`<cp-projects part="projects" exportparts="project-card, progress, internal-badge"></cp-projects>`;
      }
      case 'documents':
        return lazy(
          this,
          'cp-documents',
          () => import('../components/cp-documents/cp-documents.js'),
          html`<cp-documents part="documents" exportparts="dropzone, visibility, upload-progress, document-row, internal-badge, state"></cp-documents>`,
        );
      case 'settings':
        return lazy(this, 'cp-settings', () => import('../components/cp-settings/cp-settings.js'), html`<cp-settings part="settings" exportparts="state"></cp-settings>`);
    }
  }

  /**
   * The view on screen: the one asked for, unless the user's capabilities do not allow it
   * (a `view` attribute or a link naming it), then the first one they allow.
   */
  private shownView(): View {
    const { store } = this;
    const allowed = allowedViews(store);
    return !store.me || allowed.includes(store.route.view) ? store.route.view : allowed[0]!;
  }

  /** The dialog is a chunk of its own, fetched the first time it is opened. */
  private async openNewTask(): Promise<void> {
    try {
      await import('../components/cp-new-task/cp-new-task.js');
    } catch (error) {
      this.store.notify(errorText(asRequestError(error)), 'error');
      return;
    }
    await this.newTask.updateComplete;
    this.newTask.show();
  }

  private renderFatal(error: RequestError) {
    const final = error.code === 'access_revoked' || error.code === 'token_revoked';
    return html`<div class="fatal" role="alert">
      <h2>${msg('The portal could not be opened')}</h2>
      <p>${errorText(error)}</p>
      ${final ? nothing : html`<button class="primary" @click=${() => this.restart()}>${msg('Try again')}</button>`}
    </div>`;
  }

  private renderHeader() {
    const { store } = this;
    const { me } = store;
    return html`<header part="header">
      <div class="bar">
        <div class="brand">
          ${this.logo ? html`<img class="logo" part="logo" src=${this.logo} alt="" />` : nothing}
          <strong part="tenant-name">${me?.tenant.name ?? ''}</strong>
          <span class="muted">${me?.customer?.name ?? store.customers.find((c) => c.id === store.customerId)?.name ?? ''}</span>
        </div>
        <div class="tools">
          ${store.showsStaffTools && store.customers.length
            ? html`<label class="inline" part="customer-select"
                >${msg('Customer')}
                <select @change=${(e: Event) => this.selectCustomer((e.target as HTMLSelectElement).value)}>
                  ${store.customers.map((c) => html`<option value=${c.id} .selected=${c.id === store.customerId}>${c.name}</option>`)}
                </select></label
              >`
            : nothing}
          ${store.can('tasks.create') ? html`<button class="primary" part="new-task-button" @click=${this.openNewTask}>${msg('New task')}</button>` : nothing}
          <cp-notifications exportparts="bell, notification-list, state"></cp-notifications>
        </div>
      </div>
      <nav part="nav" aria-label=${msg('Portal sections')}>
        <div role="tablist" @keydown=${this.onTabKey}>
          ${allowedViews(store).map(
            (view) => html`<button
              role="tab"
              part="tab"
              id="tab-${view}"
              aria-selected=${String(view === store.route.view)}
              aria-controls="panel"
              tabindex=${view === store.route.view ? 0 : -1}
              @click=${() => this.navigate({ view }, true)}
            >
              ${viewLabel(view)}
            </button>`,
          )}
        </div>
      </nav>
    </header>`;
  }

  override render() {
    const { store } = this;
    if (this.fatal) return html`<div class="portal">${this.renderFatal(this.fatal)}</div>`;
    if (store.load('me').status === 'error') return html`<div class="portal">${this.renderFatal(store.load('me').error!)}</div>`;
    const { task } = store.route;
    const view = this.shownView();
    const key = store.me && !this.noTour ? `cp-tour:${store.me.user.id}` : '';
    return html`<div class="portal">
      ${this.renderHeader()}
      ${notices(store)}
      <div class="layout ${task ? 'with-detail' : ''}">
        <div id="panel" part="view" role="tabpanel" aria-labelledby="tab-${view}" tabindex="-1">${this.renderView(view)}</div>
        ${task
          ? lazy(
              this,
              'cp-task-detail',
              () => import('../components/cp-task-detail/cp-task-detail.js'),
              html`<cp-task-detail task-id=${task} exportparts="task-detail, visibility, assignees, editor, comment, comment-box, dropzone, upload-progress, document-row, internal-badge, state"></cp-task-detail>`,
            )
          : nothing}
      </div>
      ${key ? lazy(this, 'cp-tour', () => import('../components/cp-tour/cp-tour.js'), html`<cp-tour storage-key=${key} exportparts="tour"></cp-tour>`, true) : nothing}
      <cp-new-task exportparts="new-task"></cp-new-task>
    </div>`;
  }
}
define('customer-portal', CustomerPortal);

declare global {
  interface HTMLElementTagNameMap {
    'customer-portal': CustomerPortal;
  }
}
