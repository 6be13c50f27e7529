import { css, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { contentApi } from '../../api/content-api.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { renderPage } from '../../lib/page-markdown.js';
import { CpMarkdown } from '../cp-markdown/cp-markdown.js';

/**
 * A page's body: markdown with images by document id and embedded videos (see `renderPage`).
 * Each image is the document's preview, fetched with the reader's token: a document the reader
 * may not see answers 404 and its image stays out (its alt text says what was meant).
 * @example html`<cp-page-body .body=${page.body}></cp-page-body>`
 * @csspart content - the rendered page
 * @cssproperty --cp-color-border - around images
 */
export class CpPageBody extends PortalElement {
  static override styles = [
    PortalElement.styles,
    CpMarkdown.styles,
    css`
      img.page-image {
        max-width: 100%;
        height: auto;
        border-radius: var(--cp-radius);
        border: 1px solid var(--cp-color-border);
      }
      img.page-image:not([src]) {
        display: none;
      }
      .video {
        display: block;
        position: relative;
        aspect-ratio: 16 / 9;
        max-width: 720px;
      }
      .video iframe {
        position: absolute;
        inset: 0;
        width: 100%;
        height: 100%;
        border: 0;
        border-radius: var(--cp-radius);
      }
      .missing {
        color: var(--cp-color-muted);
        font-style: italic;
      }
    `,
  ];

  /** Markdown. */
  @property() body = '';
  /** Object URLs made for the images shown, released when the body changes or the element goes. */
  private urls: string[] = [];

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.release();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('body') || changed.has('portal')) void this.loadImages();
  }

  private release(): void {
    for (const url of this.urls) URL.revokeObjectURL(url);
    this.urls = [];
  }

  private async loadImages(): Promise<void> {
    this.release();
    if (!this.portal) return;
    const api = contentApi(this.portal.api);
    const images = Array.from(this.renderRoot.querySelectorAll<HTMLImageElement>('img[data-doc]'));
    await Promise.all(
      images.map(async (img) => {
        try {
          const url = URL.createObjectURL(await api.pageImage(img.dataset.doc!));
          this.urls.push(url);
          img.src = url;
        } catch {
          // Not a document this reader may see (or no preview of it): its alt text stands in.
          const note = document.createElement('span');
          note.className = 'missing';
          note.textContent = img.alt;
          img.replaceWith(note);
        }
      }),
    );
  }

  override render() {
    return this.body ? html`<div class="content" part="content">${unsafeHTML(renderPage(this.body))}</div>` : nothing;
  }
}
define('cp-page-body', CpPageBody);

declare global {
  interface HTMLElementTagNameMap {
    'cp-page-body': CpPageBody;
  }
}
