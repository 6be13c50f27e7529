import { provide } from '@lit/context';
import { msg } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Theme } from '../api/api.types.js';
import { asRequestError, type RequestError } from '../api/request-error.js';
import { AppearanceController } from '../controllers/appearance.controller.js';
import type { LiveStatus } from '../controllers/live-events.controller.js';
import { SessionController } from '../controllers/session.controller.js';
import { TabOverflowController } from '../controllers/tab-overflow.controller.js';
import type { TokenClaims } from '../controllers/token-claims.js';
import { PortalStore } from '../store/portal-store.js';
import { portalContext, type Portal } from './portal-context.js';
import { PortalElement } from './portal-element.js';
import { tabKeyTarget } from './tab-keys.js';

/** The service the bundle was loaded from: the default `api-base`. */
const SCRIPT_ORIGIN = new URL(import.meta.url).origin;
/** Refusals no retry can overcome: the fatal state offers no "Try again" for them. */
const FINAL_CODES = ['access_revoked', 'token_revoked'];
const CREDENTIALS = ['token', 'tokenUrl', 'tokenProvider'] as const;

/**
 * The shell both top-level elements share (`<customer-portal>` and `<cp-admin>`): the
 * credentials and the session they open, the store and the portal it provides to every view,
 * the appearance, the fatal state, and the tab list with its keys.
 * A subclass sets `provided` in its constructor and says what a new user (`onUser`) starts.
 */
export abstract class PortalShell extends PortalElement {
  /** Why the element could not open (shown instead of everything else), or null. */
  @state() protected fatal: RequestError | null = null;
  /** The service's origin; defaults to the origin this script was loaded from. */
  @property({ attribute: 'api-base' }) apiBase = '';
  /** A static embed token. */
  @property() token = '';
  /** An endpoint of the host app that answers `POST` with `{"token": "…"}` (cookies included). */
  @property({ attribute: 'token-url' }) tokenUrl = '';
  /** A function that returns a fresh embed token. */
  @property({ attribute: false }) tokenProvider: (() => Promise<string>) | null = null;
  @property() theme: Theme | '' = '';
  @property() locale = '';

  protected readonly store = new PortalStore();
  /** Which tabs fit in the bar; the others are in its More menu. */
  protected readonly tabFit = new TabOverflowController(this);
  protected readonly session = new SessionController(
    this,
    () => ({ token: this.token, tokenUrl: this.tokenUrl, tokenProvider: this.tokenProvider }),
    (before, after) => this.onUser(before, after),
  );

  @provide({ context: portalContext })
  protected provided!: Portal;

  constructor() {
    super();
    new AppearanceController(this, this.store);
  }

  /** The service's origin. */
  protected readonly base = (): string => this.apiBase || SCRIPT_ORIGIN;

  /** A token whose user is not the previous one's (or the first token): what it starts. */
  protected abstract onUser(before: TokenClaims | null, after: TokenClaims): void;

  override connectedCallback(): void {
    super.connectedCallback();
    // The shell is a view of its own portal (its header reads the store).
    this.portal = this.provided;
  }

  protected override firstUpdated(): void {
    this.open();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.hasUpdated && CREDENTIALS.some((k) => changed.has(k))) {
      this.session.reset();
      this.open();
    }
  }

  /** Gets a token; the first one (or a new user's) starts the views through `onUser`. */
  protected open(): void {
    this.fatal = null;
    this.session.token().catch((error) => this.failed(asRequestError(error)));
  }

  /** Could not be opened: the error on screen, told to the host page. */
  protected failed(error: RequestError): void {
    this.fatal = error;
    this.tell(error);
  }

  /** Tells the host page of a failure: `cp-error`. */
  protected tell(error: RequestError): void {
    this.emit('cp-error', { status: error.status, code: error.code, message: error.message });
  }

  /** What both shells do as the live stream's status changes; a revoked access is final. */
  protected followLive(status: LiveStatus, error: RequestError | null | undefined): void {
    this.provided.actions.followLiveStatus(status);
    if (status === 'closed' && error?.code === 'access_revoked') this.fatal = error;
  }

  /** Whether `error` is a refusal for good (no "Try again"). */
  protected isFinal(error: RequestError): boolean {
    return FINAL_CODES.includes(error.code);
  }

  /** The fatal state: what could not be opened, why, and a retry unless the refusal is final. */
  protected renderFatalState(title: string, text: string, error: RequestError, retry: () => void): TemplateResult {
    return html`<div class="fatal" role="alert">
      <h2>${title}</h2>
      <p>${text}</p>
      ${this.isFinal(error) ? nothing : html`<button class="primary" @click=${retry}>${msg('Try again')}</button>`}
    </div>`;
  }

  /**
   * The tab list, as the ARIA tabs pattern has it: arrows, Home and End move between the tabs
   * (and focus the one reached), the selected tab alone is in the tab order. In a narrow element
   * the tabs that do not fit in one line go into a More menu (`TabOverflowController`); the
   * arrows still reach them, each taking its place in the bar once selected. `note` adds to the
   * More button what it hides that the user should not miss (an unread count).
   */
  protected renderTabs<T extends string>(label: string, tabs: readonly T[], current: T, go: (tab: T) => void, text: (tab: T) => unknown, note: (hidden: readonly T[]) => unknown = () => nothing): TemplateResult {
    // Drawn again first: a tab coming out of the More menu is focusable only once it is in the bar.
    const focus = (selector: string) => {
      this.requestUpdate();
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
    };
    const onKey = (event: KeyboardEvent) => {
      const tab = tabKeyTarget(event.key, tabs, current);
      if (!tab) return;
      event.preventDefault();
      go(tab);
      focus(`#tab-${tab}`);
    };
    const { compact, hidden } = this.tabFit.plan(tabs, current);
    const open = this.tabFit.open && hidden.length > 0;
    const choose = (tab: T) => {
      this.tabFit.toggle(false);
      go(tab);
      focus(`#tab-${tab}`);
    };
    const onMenuKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      this.tabFit.toggle(false);
      focus('nav .more > button');
    };
    return html`<nav part="nav" aria-label=${label} class=${compact ? 'compact' : ''}>
      <div class="tab-gauge" aria-hidden="true"></div>
      <div role="tablist" @keydown=${onKey}>
        ${tabs.map(
          (tab) =>
            html`<button role="tab" part="tab" id="tab-${tab}" class=${hidden.includes(tab) ? 'overflowed' : ''} aria-selected=${String(tab === current)} aria-controls="panel" tabindex=${tab === current ? 0 : -1} @click=${() => go(tab)}>
              ${text(tab)}
            </button>`,
        )}
      </div>
      <div class="more ${hidden.length ? '' : 'unused'}" @keydown=${onMenuKey}>
        <button part="more-button" aria-expanded=${String(open)} aria-controls="more-menu" @click=${() => this.tabFit.toggle()}>
          ${msg('More')}<span aria-hidden="true" class="caret"></span>${note(hidden)}
        </button>
        <ul id="more-menu" class="plain" part="more-menu" aria-label=${label} ?hidden=${!open}>
          ${hidden.map((tab) => html`<li><button @click=${() => choose(tab)}>${text(tab)}</button></li>`)}
        </ul>
      </div>
    </nav>`;
  }
}
