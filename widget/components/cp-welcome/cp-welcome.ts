import { msg } from '@lit/localize';
import { css, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { contentApi, type ContentPage } from '../../api/content-api.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { seen } from '../../lib/seen.js';
import { dialogStyles } from '../cp-dialog/dialog.styles.js';
import '../cp-page-body/cp-page-body.js';

/**
 * The welcome page, on a contact's first visit: the vendor's page marked `welcome` (the
 * customer's own before the tenant-wide one), in a dialog. With `offer-tour` it is where the
 * tour starts: *Show me around* or *Skip the tour*, so one greeting asks once instead of a
 * second dialog greeting again (docs/decisions/widget.md). Remembered as seen like the tour
 * (per user and browser) once it was shown and closed; when there is no welcome page, nothing
 * is remembered, so one published later still greets the next visit.
 * @fires cp-welcome-closed - when it is done: `{shown, tour}`, whether the page was shown and
 *   whether the tour should follow (no page to show: the tour follows as it would alone)
 * @csspart welcome - the dialog
 */
/** `cp-welcome-closed`: whether the page was shown, and whether the tour should follow. */
export interface WelcomeClosed {
  shown: boolean;
  tour: boolean;
}

export class CpWelcome extends PortalElement {
  static override styles = [
    PortalElement.styles,
    dialogStyles,
    css`
      dialog {
        max-width: min(720px, 100vw - 2 * var(--cp-space));
      }
      cp-page-body {
        max-height: 60vh;
        overflow: auto;
        margin-top: var(--cp-space);
      }
    `,
  ];

  @query('dialog') private dialog!: HTMLDialogElement;
  @state() private page: ContentPage | null = null;
  /** Where "seen" is remembered; empty keeps it closed. */
  @property({ attribute: 'storage-key' }) storageKey = '';
  /** The tour is still to come: the page offers it instead of just closing. */
  @property({ type: Boolean, attribute: 'offer-tour' }) offerTour = false;
  private asked = '';

  protected override updated(changed: PropertyValues<this>): void {
    if ((changed.has('storageKey') || changed.has('portal')) && this.storageKey && this.portal && this.asked !== this.storageKey) {
      this.asked = this.storageKey;
      void this.greet();
    }
  }

  private async greet(): Promise<void> {
    if (seen.done(this.storageKey)) return this.settle(false, true);
    try {
      const [page] = await contentApi(this.portal!.api).pages({ welcome: true });
      if (!page) return this.settle(false, true);
      this.page = page;
      await this.updateComplete;
      this.dialog.showModal();
    } catch {
      // The greeting is a courtesy: without it the portal (and the tour) go on.
      this.settle(false, true);
    }
  }

  private settle(shown: boolean, tour: boolean): void {
    this.emit<WelcomeClosed>('cp-welcome-closed', { shown, tour });
  }

  /** Closed by a button or Escape; `tour`: the person asked to be shown around. */
  private close(tour: boolean): void {
    seen.finish(this.storageKey);
    if (this.dialog.open) this.dialog.close();
    this.settle(true, tour);
  }

  private renderButtons() {
    if (!this.offerTour) return html`<button class="primary" @click=${() => this.close(false)}>${msg('Get started')}</button>`;
    return html`<button @click=${() => this.close(false)}>${msg('Skip the tour')}</button>
      <button class="primary" @click=${() => this.close(true)}>${msg('Show me around')}</button>`;
  }

  override render() {
    return html`<dialog part="welcome" aria-labelledby="welcome-title" @cancel=${() => this.close(false)}>
      ${this.page
        ? html`<h2 id="welcome-title">${this.page.title}</h2>
            <cp-page-body .body=${this.page.body}></cp-page-body>
            ${this.offerTour ? html`<p class="muted">${msg('A quick look around the portal takes twenty seconds.')}</p>` : nothing}
            <div class="buttons">${this.renderButtons()}</div>`
        : nothing}
    </dialog>`;
  }
}
define('cp-welcome', CpWelcome);

declare global {
  interface HTMLElementTagNameMap {
    'cp-welcome': CpWelcome;
  }
}
