import { msg, str } from '@lit/localize';
import { css, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { PortalDocument } from '../../api/api.types.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { dialogStyles } from '../cp-dialog/dialog.styles.js';

/** Audio and video that play in the pane; the service refuses any other type the same way. */
const playable = (type: string) => /^(audio|video)\//.test(type) && !/html|xml|svg|javascript/i.test(type);

/**
 * A document's thumbnail, and its preview in a pane when clicked: the service's re-encoded
 * raster (`GET /v1/documents/:id/preview`), fetched with the token, never the uploaded bytes.
 * Nothing shows when the service has no preview (a corrupt file). Audio and video play in the
 * pane instead, streamed by the media element from a signed address with range requests, so
 * it starts at once and seeks without downloading the whole file.
 * @example html`<cp-document-preview .document=${doc}></cp-document-preview>`
 * @csspart thumbnail - the small image that opens the pane
 * @csspart preview - the pane
 * @csspart player - the `<audio>` or `<video>` element
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
      button.play {
        width: 40px;
        height: 40px;
        cursor: pointer;
        font-size: 1rem;
        line-height: 1;
      }
      dialog video,
      dialog audio {
        display: block;
        width: 100%;
        max-height: calc(100vh - 180px);
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
  /** The media element's address, fetched when the pane opens. */
  @state() private media: string | null = null;
  @property({ attribute: false }) document!: PortalDocument;
  private shownFor: string | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A new version has other bytes, so another preview.
    const key = this.document ? `${this.document.id}:${this.document.version ?? 1}` : undefined;
    if (this.portal && key && key !== this.shownFor) {
      this.shownFor = key;
      this.media = null;
      if (!playable(this.document.contentType)) void this.load();
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

  private async play(): Promise<void> {
    try {
      this.media = await this.portal!.api.mediaAddress(this.document.id);
      this.dialog.showModal();
    } catch {
      this.portal!.store.notify(msg(str`${this.document.name} cannot be played here; download it instead.`), 'error');
    }
  }

  private close(): void {
    this.dialog.close();
    // The element stops and lets go of its connection.
    this.media = null;
  }

  private renderPlayer() {
    const name = this.document.name;
    const video = this.document.contentType.startsWith('video/');
    return html`<button class="thumb play" part="thumbnail" @click=${() => this.play()} aria-label=${msg(str`Play ${name}`)}>▶</button>
      <dialog part="preview" aria-label=${msg(str`Playing ${name}`)} @close=${() => (this.media = null)}>
        ${this.media
          ? video
            ? html`<video part="player" controls autoplay preload="metadata" src=${this.media} aria-label=${name}></video>`
            : html`<audio part="player" controls autoplay preload="metadata" src=${this.media} aria-label=${name}></audio>`
          : nothing}
        <div class="buttons">
          <button type="button" @click=${() => this.portal!.actions.download(this.document)}>${msg('Download')}</button>
          <button type="button" class="primary" @click=${() => this.close()}>${msg('Close')}</button>
        </div>
      </dialog>`;
  }

  override render() {
    if (!this.portal || !this.document) return nothing;
    if (playable(this.document.contentType)) return this.renderPlayer();
    if (!this.url) return nothing;
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
