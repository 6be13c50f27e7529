import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ApiClient, REQUEST_TIMEOUT_MS, RESUMABLE_FROM } from '../api/api-client.js';
import { asRequestError, RequestError } from '../api/request-error.js';
import '../components/cp-dashboard/cp-dashboard.js';
import type { CpNewTask } from '../components/cp-new-task/cp-new-task.js';
import type { WelcomeClosed } from '../components/cp-welcome/cp-welcome.js';
import '../components/cp-notifications/cp-notifications.js';
import '../components/cp-projects/cp-projects.js';
import '../components/cp-task-list/cp-task-list.js';
import { ConnectionController } from '../controllers/connection.controller.js';
import { LiveEventsController } from '../controllers/live-events.controller.js';
import type { TokenClaims } from '../controllers/token-claims.js';
import { ViewBeaconController, type ViewOpened } from '../controllers/view-beacon.controller.js';
import { errorText } from '../lib/error-text.js';
import { formatNumber, plural } from '../lib/format.js';
import { allowedViews, viewLabel, type View } from '../lib/labels.js';
import { lazy } from '../lib/lazy.js';
import { seen } from '../lib/seen.js';
import { notices, unreadMessages } from '../lib/templates.js';
import type { Navigation } from '../lib/portal-context.js';
import { define, PortalElement } from '../lib/portal-element.js';
import { PortalShell } from '../lib/portal-shell.js';
import { PortalActions } from '../store/portal-actions.js';
import type { TaskChange } from '../store/portal-store.js';
import { tokenStyles } from '../styles/tokens.styles.js';
import { portalStyles } from './customer-portal.styles.js';

/**
 * The task panel is a chunk of its own, and the Markdown renderer with DOMPurify another (each
 * under 15 KB gzipped): the first paint never waits for them; they are fetched as soon as the
 * first data is on screen.
 */
const taskPanel = () => Promise.all([import('../components/cp-markdown/cp-markdown.js'), import('../components/cp-task-detail/cp-task-detail.js')]);
/** A page may give the credentials just after adding the element (React sets properties in an effect). */
const CREDENTIALS_GRACE_MS = 500;
/** A portal that could not be opened tries again by itself, this far apart. */
const REOPEN_MS = [2_000, 5_000, 15_000, 30_000];
/** Worth trying again by itself: the service or the vendor's backend was away, not a refusal. */
const transient = (error: RequestError) => error.status === 0 || error.status >= 500;

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
 * @csspart header, logo, tenant-name, customer-name, nav, tab, bell, notification-list, new-task-button, customer-select, notices, connection, view,
 *   task-detail, dashboard, tasks, projects, goals, requests, documents, pages, page-list, page-reader, help, help-search, faq-entry, faq-feedback, welcome, library, deals, billing, partner, registrations, referrals, commissions,
 *   settings, tour, new-task - see the README
 */
export class CustomerPortal extends PortalShell {
  static override styles = [tokenStyles, PortalElement.styles, portalStyles];

  @query('cp-new-task') private newTask!: CpNewTask;
  /** The welcome page has had its turn (shown and closed, or none to show): the tour may follow. */
  @state() private welcomed = false;
  /** The welcome page was shown and the person chose the tour from it: the tour does not greet again. */
  private greeted = false;
  @property() view: View | '' = '';
  /** Scope every view to one project. */
  @property() project = '';
  /** Open this task on load. */
  @property() task = '';
  /** Staff: the customer to show first. */
  @property() customer = '';
  /** Never show the first-visit tour. */
  @property({ type: Boolean, attribute: 'no-tour' }) noTour = false;
  /** Staff: show the portal as the customer's contacts see it (shared items only, no staff tools, no bell: it would be the staff's own). */
  @property({ type: Boolean }) preview = false;
  /** With `preview`: the logo to show instead of the tenant's (an unsaved one); null for none. */
  @property({ attribute: false }) previewLogo: string | null | undefined = undefined;
  /** How long a request waits for the service before the widget calls it unreachable (ms). */
  @property({ attribute: false }) requestTimeout = REQUEST_TIMEOUT_MS;
  /** Files from this size on (bytes) upload with the resumable protocol: in parts, resumed after a dropped connection or a reload. */
  @property({ attribute: false }) resumableUploadFrom = RESUMABLE_FROM;

  private readonly live = new LiveEventsController(this, {
    api: () => (this.isConnected ? this.portal?.api : undefined),
    key: () => this.owner(),
    onMessage: (type, data) => this.store.applyMessage(type, data),
    onStatus: (status, error) => {
      this.followLive(status, error);
      // Another tab may hold the stream: its status is the only sign of the network here.
      if (status === 'open') this.connection.reached(true);
      if (status === 'retrying') this.connection.reached(false, RequestError.network(null));
    },
  });
  private ready = false;
  private booted = false;
  /** Counts the opens: a boot that a newer one replaced stops where it is. */
  private opening = 0;
  /** While the first data loads, failures are gathered into one `cp-error` (not one a resource). */
  private booting = false;
  /** Failed opens in a row (the backoff), and the timer of the next one. */
  private failedOpens = 0;
  private reopen: ReturnType<typeof setTimeout> | undefined;
  private readonly connection = new ConnectionController(this, {
    store: this.store,
    emit: (error) => this.tell(error),
    muted: () => this.booting || this.fatal !== null || !this.isConnected,
    probe: () => (this.store.unsent.size ? this.provided.actions.flushOutbox() : this.provided.actions.loadNotifications(true)),
    onBack: () => {
      if (this.fatal && transient(this.fatal)) return this.restart();
      this.live.retryNow();
      void this.provided.actions.flushOutbox();
    },
  });

  constructor() {
    super();
    const api = new ApiClient({ base: this.base, token: this.session.token, timeoutMs: () => this.requestTimeout, resumableFrom: () => this.resumableUploadFrom, owner: () => this.store.me?.user.id ?? '', onReach: (reached, error) => this.connection.reached(reached, error) });
    this.provided = { session: this.session, api, store: this.store, actions: new PortalActions(api, this.store), navigate: (to) => this.navigate(to, true) };
    new ViewBeaconController(this, {
      current: () => this.viewOpened(),
      send: (views) => api.reportViews(views),
    });
    this.store.addEventListener('error', (e) => this.connection.report((e as CustomEvent<RequestError>).detail));
    this.store.addEventListener('task-change', (e) => this.emit('cp-task-change', (e as CustomEvent<TaskChange>).detail));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Taken out of the page and back while it could not open: it tries again.
    if (this.fatal && transient(this.fatal) && !this.reopen) this.restart();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.reopen);
    this.reopen = undefined;
  }

  /** Whose portal this is (the service, tenant and user): the key of the shared stream and the outbox. */
  private owner(): string | null {
    const claims = this.session.claims;
    return claims && `${new URL(this.base(), location.href).origin}|${claims.aud}|${claims.sub}`;
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
    if (changed.has('apiBase')) this.restart();
  }

  /**
   * Gets a token; the first one (or a new user's) boots the views through `onUser`. Without
   * any credential yet, it waits a moment: a page may set `tokenProvider` just after.
   */
  protected override open(patient = true): void {
    this.fatal = null;
    this.booting = false;
    clearTimeout(this.reopen);
    const opening = ++this.opening;
    if (patient && !this.token && !this.tokenUrl && !this.tokenProvider) {
      this.reopen = setTimeout(() => this.open(false), CREDENTIALS_GRACE_MS);
      return;
    }
    this.session.token().catch((error) => opening === this.opening && this.failed(asRequestError(error)));
  }

  /** Starts over: nothing of what was loaded may remain. */
  private restart(): void {
    this.session.reset(true);
    this.store.clear();
    this.booted = false;
    this.ready = false;
    this.live.stop();
    this.open();
  }

  /**
   * The portal could not be opened: the error on screen and one `cp-error` (the retries it then
   * makes by itself, with a backoff, fire none), unless it was refused for good.
   */
  protected override failed(error: RequestError): void {
    this.live.stop();
    this.booting = false;
    if (!this.failedOpens) this.connection.tell(error);
    this.fatal = error;
    if (transient(error) && this.isConnected) this.reopen = setTimeout(() => this.restart(), REOPEN_MS[Math.min(this.failedOpens++, REOPEN_MS.length - 1)]);
  }

  protected onUser(before: TokenClaims | null, after: TokenClaims): void {
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
    const opening = this.opening;
    this.booting = true;
    // The outbox lives in its own chunk, fetched now so that it is at hand once offline.
    actions.outbox = import('../store/outbox.js').then(({ Outbox }) => new Outbox(this.owner()!));
    actions.outbox.catch(() => (actions.outbox = null));
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
    // A task open from the start (the `task` attribute, a link from an email) is part of the first screen.
    await Promise.all([me, data, store.route.task && taskPanel()]);
    if (opening !== this.opening) return;
    this.booting = false;
    const failure = ['customers', 'me', 'tasks', 'projects', 'people'].map((key) => store.load(key).error).find(Boolean);
    if (failure) return this.failed(failure);
    this.failedOpens = 0;
    void actions.flushOutbox();
    void taskPanel();
    if (!this.ready) {
      this.ready = true;
      // The view beacons start from the first view shown.
      this.requestUpdate();
      this.emit('cp-ready', { user: store.me!.user, customer: store.me!.customer });
    }
  }

  private get logo(): string | null | undefined {
    return this.preview && this.previewLogo !== undefined ? this.previewLogo : this.store.me?.tenant.branding?.logoUrl;
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

  /**
   * The welcome page is done: the tour follows from it (without greeting twice) when asked for,
   * is remembered as skipped when the person skipped it there, and follows as usual when there
   * was no page to show.
   */
  private welcomeClosed(tourKey: string, { shown, tour }: WelcomeClosed): void {
    if (!tour) seen.finish(tourKey);
    this.greeted = shown && tour;
    this.welcomed = true;
  }

  private selectCustomer(id: string): void {
    void this.provided.actions.selectCustomer(id);
    this.navigate({ task: null }, false);
    this.emit('cp-navigate', { view: this.store.route.view, task: null, customer: id });
  }

  private renderView(view: View) {
    switch (view) {
      case 'dashboard':
        return html`<cp-dashboard part="dashboard" exportparts="counts, next-milestone, goals-summary, request-summary, task-row, project-card, progress, internal-badge, state"></cp-dashboard>`;
      case 'tasks':
        return html`<cp-task-list part="tasks" exportparts="filters, group, task-row, internal-badge, state"></cp-task-list>`;
      case 'projects': {
        const project = this.store.route.project;
        return project
          ? lazy(
              this,
              'cp-project-page',
              () => import('../components/cp-project-page/cp-project-page.js'),
              html`<cp-project-page part="project-page" project-id=${project} exportparts="project-members, next-steps, milestones, milestone, milestone-form, task-row, progress, internal-badge, state"></cp-project-page>`,
            )
          : html`<cp-projects part="projects" exportparts="project-card, progress, internal-badge"></cp-projects>`;
      }
      case 'timeline':
        return lazy(
          this,
          'cp-timeline',
          () => import('../components/cp-timeline/cp-timeline.js'),
          html`<cp-timeline part="deal-timeline" exportparts="timeline-chart, timeline-bar, timeline-milestone, state"></cp-timeline>`,
        );
      case 'goals':
        return lazy(
          this,
          'cp-goals',
          () => import('../components/cp-goals/cp-goals.js'),
          html`<cp-goals part="goals" exportparts="goal-card, goal-chart, goal-history, goal-progress-form, goal-form, internal-badge, state"></cp-goals>`,
        );
      case 'messages':
        return lazy(
          this,
          'cp-messages',
          () => import('../components/cp-messages/cp-messages.js'),
          html`<cp-messages part="messages" exportparts="thread-list, message, read-receipt, message-box, comment-box, internal-badge, state"></cp-messages>`,
        );
      case 'requests':
        return lazy(
          this,
          'cp-requests',
          () => import('../components/cp-requests/cp-requests.js'),
          html`<cp-requests part="requests" exportparts="request-row, new-request, request-form, field-error, meeting-form, state"></cp-requests>`,
        );
      case 'documents':
        return lazy(
          this,
          'cp-documents',
          () => import('../components/cp-documents/cp-documents.js'),
          html`<cp-documents part="documents" exportparts="dropzone, visibility, upload-progress, document-row, internal-badge, state"></cp-documents>`,
        );
      case 'pages':
        return lazy(this, 'cp-pages', () => import('../components/cp-pages/cp-pages.js'), html`<cp-pages part="pages" exportparts="page-list, page-reader, internal-badge, state"></cp-pages>`);
      case 'help':
        return lazy(this, 'cp-help', () => import('../components/cp-help/cp-help.js'), html`<cp-help part="help" exportparts="help-search, faq-entry, faq-feedback, internal-badge, state"></cp-help>`);
      case 'library':
        return lazy(this, 'cp-library', () => import('../components/cp-library/cp-library.js'), html`<cp-library part="library" exportparts="library-filters, library-row, internal-badge, state"></cp-library>`);
      case 'deals':
        return lazy(this, 'cp-deals', () => import('../components/cp-deals/cp-deals.js'), html`<cp-deals part="deals" exportparts="deal-card, pipeline, deal-timeline, deal-thread, message, message-box, internal-badge, state"></cp-deals>`);
      case 'billing':
        return lazy(
          this,
          'cp-billing',
          () => import('../components/cp-billing/cp-billing.js'),
          html`<cp-billing part="billing" exportparts="billing-summary, financial-row, decline-form, internal-badge, state"></cp-billing>`,
        );
      case 'partner':
        return lazy(
          this,
          'cp-partner-dashboard',
          () => import('../components/cp-partner-dashboard/cp-partner-dashboard.js'),
          html`<cp-partner-dashboard part="partner" exportparts="tier, pipeline-counts, earnings, state"></cp-partner-dashboard>`,
        );
      case 'registrations':
        return lazy(
          this,
          'cp-registrations',
          () => import('../components/cp-registrations/cp-registrations.js'),
          html`<cp-registrations part="registrations" exportparts="registration-form, registration-row, appeal-form, workspace, workspace-tabs, workspace-task-form, message, message-box, state"></cp-registrations>`,
        );
      case 'referrals':
        return lazy(
          this,
          'cp-referrals',
          () => import('../components/cp-referrals/cp-referrals.js'),
          html`<cp-referrals part="referrals" exportparts="referral-form, referral-row, state"></cp-referrals>`,
        );
      case 'commissions':
        return lazy(
          this,
          'cp-commissions',
          () => import('../components/cp-commissions/cp-commissions.js'),
          html`<cp-commissions part="commissions" exportparts="commission-row, export, state"></cp-commissions>`,
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

  /** What a contact has on screen, for the view beacons (staff and previews report nothing). */
  private viewOpened(): ViewOpened | null {
    const { store } = this;
    if (!this.ready || this.preview || store.role !== 'contact') return null;
    const view = this.shownView();
    if (store.route.task) return { view: 'task', subjectId: store.route.task };
    if (view === 'projects' && store.route.project) return { view: 'project', subjectId: store.route.project };
    return { view };
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
    return this.renderFatalState(msg('The portal could not be opened'), errorText(error), error, () => ((this.failedOpens = 0), this.restart()));
  }

  /** Offline, or sending what waited: said in words, for as long as it lasts. */
  private renderConnection() {
    const { online, unsent } = this.store;
    if (online && !unsent.size) return nothing;
    const count = formatNumber(unsent.size);
    const waiting = plural(unsent.size, { one: msg(str`${count} change waits to be sent.`), other: msg(str`${count} changes wait to be sent.`) });
    return html`<div class="notice connection" part="connection" role="status">
      ${online ? msg('Sending your changes…') : msg('You are offline: what you change is kept and sent when the connection is back.')} ${unsent.size ? waiting : nothing}
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
          <span class="muted" part="customer-name">${me?.customer?.name ?? store.customers.find((c) => c.id === store.customerId)?.name ?? ''}</span>
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
          ${this.preview ? nothing : html`<cp-notifications exportparts="bell, notification-list, state"></cp-notifications>`}
        </div>
      </div>
      ${this.renderTabs(
        msg('Portal sections'),
        allowedViews(store),
        store.route.view,
        (view) => this.navigate({ view }, true),
        (view) => html`${viewLabel(view)}${view === 'messages' && store.threads.unread ? html` <span class="badge" part="unread-count">${unreadMessages(store.threads.unread)}</span>` : nothing}`,
        // Messages in the More menu: its unread count shows on the button (the number alone, to leave room for the tabs).
        (hidden) =>
          hidden.includes('messages') && store.threads.unread
            ? html` <span class="badge" aria-hidden="true">${formatNumber(store.threads.unread)}</span><span class="visually-hidden">${unreadMessages(store.threads.unread)}</span>`
            : nothing,
      )}
    </header>`;
  }

  override render() {
    const { store } = this;
    if (this.fatal) return html`<div class="portal">${this.renderFatal(this.fatal)}</div>`;
    const { task } = store.route;
    const view = this.shownView();
    const key = store.me && !this.noTour ? `cp-tour:${store.me.user.id}` : '';
    // A contact's first visit: the welcome page first, which offers the tour (one greeting, not two).
    const welcomeKey = key && !store.isStaff && !this.welcomed && !seen.done(`cp-welcome:${store.me!.user.id}`) ? `cp-welcome:${store.me!.user.id}` : '';
    return html`<div class="portal">
      ${this.renderHeader()}
      ${this.renderConnection()}
      ${notices(store)}
      <div class="layout ${task ? 'with-detail' : ''}">
        <div id="panel" part="view" role="tabpanel" aria-labelledby="tab-${view}" tabindex="-1">${this.renderView(view)}</div>
        ${task
          ? lazy(
              this,
              'cp-task-detail',
              taskPanel,
              html`<cp-task-detail task-id=${task} exportparts="task-detail, visibility, assignees, editor, comment, comment-box, dropzone, upload-progress, document-row, internal-badge, state"></cp-task-detail>`,
            )
          : nothing}
      </div>
      ${welcomeKey
        ? lazy(
            this,
            'cp-welcome',
            () => import('../components/cp-welcome/cp-welcome.js'),
            html`<cp-welcome storage-key=${welcomeKey} ?offer-tour=${!seen.done(key)} exportparts="welcome" @cp-welcome-closed=${(e: CustomEvent<WelcomeClosed>) => this.welcomeClosed(key, e.detail)}></cp-welcome>`,
            true,
          )
        : nothing}
      ${key && !welcomeKey ? lazy(this, 'cp-tour', () => import('../components/cp-tour/cp-tour.js'), html`<cp-tour storage-key=${key} ?greeted=${this.greeted} exportparts="tour"></cp-tour>`, true) : nothing}
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
