import { msg } from '@lit/localize';
import { css, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { contentApi, type ContentPage } from '../../api/content-api.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { seen } from '../../lib/seen.js';
import { dialogStyles } from '../cp-dialog/dialog.styles.js';
import '../cp-page-body/cp-page-body.js';

/**
 * The welcome page, on a contact's first visit, before the tour: the vendor's page marked
 * `welcome` (the customer's own before the tenant-wide one), in a dialog. Remembered as seen
 * like the tour (per user and browser) once it was shown and closed; when there is no welcome
 * page, nothing is remembered, so one published later still greets the next visit.
 * @fires cp-welcome-closed - when it is done: closed, or there was nothing to show
 * @csspart welcome - the dialog
 */
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
  private asked = '';

  protected override updated(changed: PropertyValues<this>): void {
    if ((changed.has('storageKey') || changed.has('portal')) && this.storageKey && this.portal && this.asked !== this.storageKey) {
      this.asked = this.storageKey;
      void this.greet();
    }
  }

  private async greet(): Promise<void> {
    if (seen.done(this.storageKey)) return this.settle();
    try {
      const [page] = await contentApi(this.portal!.api).pages({ welcome: true });
      if (!page) return this.settle();
      this.page = page;
      await this.updateComplete;
      this.dialog.showModal();
    } catch {
      // The greeting is a courtesy: without it the portal (and the tour) go on.
      this.settle();
    }
  }

  private settle(): void {
    this.emit('cp-welcome-closed', {});
  }

  private close(): void {
    seen.finish(this.storageKey);
    if (this.dialog.open) this.dialog.close();
    this.settle();
  }

  override render() {
    return html`<dialog part="welcome" aria-labelledby="welcome-title" @cancel=${() => this.close()}>
      ${this.page
        ? html`<h2 id="welcome-title">${this.page.title}</h2>
            <cp-page-body .body=${this.page.body}></cp-page-body>
            <div class="buttons"><button class="primary" @click=${() => this.close()}>${msg('Get started')}</button></div>`
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
