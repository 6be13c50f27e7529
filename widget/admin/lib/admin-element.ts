import { consume } from '@lit/context';
import { msg } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { asRequestError } from '../../api/request-error.js';
import { errorText } from '../../lib/error-text.js';
import { PortalElement } from '../../lib/portal-element.js';
import { adminStyles } from '../styles/admin.styles.js';
import { adminContext, type Admin, type LiveMessage } from './admin-context.js';

/**
 * The base of every admin view: a `PortalElement` (session, store and notices through the
 * portal context, the widget's styles, a new render on a language switch) that also receives
 * the admin context, and says how each write the user asked for went.
 */
export class AdminElement extends PortalElement {
  static override styles = [PortalElement.styles, adminStyles];

  @consume({ context: adminContext, subscribe: true })
  @state()
  admin?: Admin;

  private listening: EventTarget | undefined;
  private readonly onLive = (event: Event) => this.live((event as CustomEvent<LiveMessage>).detail);

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.listening?.removeEventListener('live', this.onLive);
    this.listening = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (this.admin && this.listening !== this.admin.live) {
      this.listening?.removeEventListener('live', this.onLive);
      this.listening = this.admin.live;
      this.listening.addEventListener('live', this.onLive);
    }
  }

  /**
   * A form only admins may use: for a member (`staff_role: member`), shown with every control
   * disabled and the reason above it, rather than offered and then refused.
   */
  protected adminOnly(form: TemplateResult) {
    const admin = this.portal!.store.isAdmin;
    return html`${admin ? nothing : html`<p class="hint" role="note">${msg('Only admins of your team change this. Ask one of them.')}</p>`}
      <fieldset class="plain-fieldset" ?disabled=${!admin}>${form}</fieldset>`;
  }

  /** A message of the page's event stream; views that show what it changes override this. */
  protected live(_message: LiveMessage): void {}

  /**
   * Runs a write the user asked for: a notice says it was done, or why not (with the service's
   * reason), and a refusal also reaches the page as `cp-error`. Resolves to undefined when refused.
   * @example await this.attempt(() => api.invite(id), { done: msg('Invitation sent.'), failed: msg('The invitation was not sent.') });
   */
  protected async attempt<T>(work: () => Promise<T>, text: { done?: string; failed: string }): Promise<T | undefined> {
    const { store } = this.portal!;
    try {
      const result = await work();
      if (text.done) store.notify(text.done);
      return result;
    } catch (error) {
      const failure = asRequestError(error);
      store.notify(`${text.failed} ${errorText(failure)}`, 'error');
      store.fail(failure);
      return undefined;
    }
  }
}
