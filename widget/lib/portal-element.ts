import { consume } from '@lit/context';
import { updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, type CSSResultGroup, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { sharedStyles } from '../styles/shared.styles.js';
import { portalContext, type Portal } from './portal-context.js';

/**
 * The base of every `cp-*` component: it receives the portal through context, renders again
 * when the store changes or the language switches, and shares the base styles.
 */
export class PortalElement extends LitElement {
  static override styles: CSSResultGroup = [sharedStyles];

  @consume({ context: portalContext, subscribe: true })
  @state()
  portal?: Portal;

  private subscribed: Portal | undefined;
  private readonly onChange = () => this.requestUpdate();

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.subscribe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.subscribed?.store.removeEventListener('change', this.onChange);
    this.subscribed = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('portal')) this.subscribe();
  }

  private subscribe(): void {
    if (this.subscribed === this.portal) return;
    this.subscribed?.store.removeEventListener('change', this.onChange);
    this.subscribed = this.portal;
    this.portal?.store.addEventListener('change', this.onChange);
  }

  /** Fires a `cp-*` event that crosses shadow roots to the host page. */
  protected emit<T>(name: string, detail: T): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

/**
 * Defines a custom element unless the name is taken (the widget loaded twice, or beside the
 * admin bundle): a second definition would throw into the host page.
 * @example define('cp-markdown', CpMarkdown);
 */
export function define(name: string, element: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, element);
}
