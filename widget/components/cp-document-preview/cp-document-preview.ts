import { msg, str } from '@lit/localize';
import { css, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { PortalDocument } from '../../api/api.types.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { dialogStyles } from '../cp-dialog/dialog.styles.js';

/**
 * A document's thumbnail, and its preview in a pane when clicked: the service's re-encoded
 * raster (`GET /v1/documents/:id/preview`), fetched with the token, never the uploaded bytes.
 * Nothing shows when the service has no preview (a corrupt file).
 * @example html`<cp-document-preview .document=${doc}></cp-document-preview>`
 * @csspart thumbnail - the small image that opens the pane
 * @csspart preview - the pane
 */
export class CpDocumentPreview extends PortalElement {
  static override styles = [
    PortalElement.styles,
    dialogStyles,
    css`
      :host {
        display: inline-block;
      }
      button.thumb {
        padding: 0;
        border: 1px solid var(--cp-color-border);
        border-radius: var(--cp-radius);
        background: var(--cp-color-surface);
        line-height: 0;
        cursor: zoom-in;
      }
      button.thumb img {
        width: 40px;
        height: 40px;
        object-fit: cover;
        border-radius: var(--cp-radius);
      }
      dialog {
        width: min(1080px, calc(100vw - 24px));
      }
      dialog img {
        display: block;
        max-width: 100%;
        max-height: calc(100vh - 180px);
        margin: 0 auto;
      }
    `,
  ];

  @query('dialog') private dialog!: HTMLDialogElement;
  @state() private url: string | null = null;
  @property({ attribute: false }) document!: PortalDocument;
  private shownFor: string | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A new version has other bytes, so another preview.
    const key = this.document ? `${this.document.id}:${this.document.version ?? 1}` : undefined;
    if (this.portal && key && key !== this.shownFor) {
      this.shownFor = key;
      void this.load();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.url) URL.revokeObjectURL(this.url);
    this.url = null;
    this.shownFor = undefined;
  }

  private async load(): Promise<void> {
    try {
      const blob = await (await this.portal!.api.send('GET', `/v1/documents/${encodeURIComponent(this.document.id)}/preview`)).blob();
      if (this.url) URL.revokeObjectURL(this.url);
      this.url = URL.createObjectURL(blob);
    } catch {
      // No preview of this file (unreadable, or gone): the row shows none.
      this.url = null;
    }
  }

  override render() {
    if (!this.portal || !this.document || !this.url) return nothing;
    const name = this.document.name;
    return html`<button class="thumb" part="thumbnail" @click=${() => this.dialog.showModal()} aria-label=${msg(str`Preview ${name}`)}>
        <img src=${this.url} alt="" />
      </button>
      <dialog part="preview" aria-label=${msg(str`Preview of ${name}`)}>
        <img src=${this.url} alt=${msg(str`Preview of ${name}`)} />
        <div class="buttons">
          <button type="button" @click=${() => this.portal!.actions.download(this.document)}>${msg('Download')}</button>
          <button type="button" class="primary" @click=${() => this.dialog.close()}>${msg('Close')}</button>
        </div>
      </dialog>`;
  }
}
define('cp-document-preview', CpDocumentPreview);

declare global {
  interface HTMLElementTagNameMap {
    'cp-document-preview': CpDocumentPreview;
  }
}
