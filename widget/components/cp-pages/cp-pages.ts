import { msg } from '@lit/localize';
import { css, html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { contentApi, type ContentPage } from '../../api/content-api.js';
import { Loader } from '../../admin/lib/loader.js';
import { formatDate } from '../../lib/format.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { internalBadge } from '../../lib/templates.js';
import { viewStyles } from '../../styles/shared.styles.js';
import '../cp-page-body/cp-page-body.js';
import '../cp-state/cp-state.js';

/** Pinned pages first, then the newest. */
export const pageOrder = (a: ContentPage, b: ContentPage) => Number(b.pinned) - Number(a.pinned) || b.createdAt.localeCompare(a.createdAt);

/**
 * The Pages view: the vendor's pages for this customer (a welcome, process guides, product
 * updates), pinned ones first, and a reader for one of them. A chunk of its own.
 * @csspart page-list - the list of pages
 * @csspart page-reader - the open page
 */
export class CpPages extends PortalElement {
  static override styles = [
    PortalElement.styles,
    viewStyles,
    css`
      article {
        display: grid;
        gap: var(--cp-space);
      }
      article header {
        display: grid;
        gap: 4px;
      }
      h3 {
        margin: 0;
      }
      .pinned {
        font-size: 0.8em;
      }
    `,
  ];

  @state() private openId: string | null = null;
  private started = false;
  /** Every page the reader may see (a portal holds a few dozen at most). */
  private readonly pages = new Loader<ContentPage[]>(this, async () => (await contentApi(this.portal!.api).pages()).sort(pageOrder));

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.portal && !this.started) {
      this.started = true;
      void this.pages.run();
    }
  }

  private open(id: string | null): void {
    this.openId = id;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(id ? 'article h3' : 'ul button')?.focus());
  }

  private renderReader(page: ContentPage) {
    const { store } = this.portal!;
    return html`<article part="page-reader" aria-labelledby="page-title">
      <div><button class="link" @click=${() => this.open(null)}>← ${msg('All pages')}</button></div>
      <header>
        <h3 id="page-title" tabindex="-1">${page.title}</h3>
        <span class="muted">${msg('Updated')} ${formatDate(page.updatedAt, store.dateFormat)} ${internalBadge(page)}</span>
      </header>
      <cp-page-body .body=${page.body}></cp-page-body>
    </article>`;
  }

  override render() {
    if (!this.portal) return nothing;
    const { store } = this.portal;
    const pages = this.pages.value ?? [];
    const open = pages.find((p) => p.id === this.openId);
    if (open) return this.renderReader(open);
    return html`<h2>${msg('Pages')}</h2>
      <cp-state exportparts="state" .load=${this.pages.load} .empty=${!pages.length} empty-text=${msg('No pages have been shared with you yet.')} .retry=${() => this.pages.run()}></cp-state>
      ${pages.length
        ? html`<ul class="rows" role="list" part="page-list">
            ${pages.map(
              (page) => html`<li>
                <button class="main link" @click=${() => this.open(page.id)}>${page.title}</button>
                <span class="meta muted">
                  ${page.pinned ? html`<span class="badge pinned">${msg('Pinned')}</span>` : nothing}
                  <span>${formatDate(page.updatedAt, store.dateFormat)}</span>
                  ${internalBadge(page)}
                </span>
              </li>`,
            )}
          </ul>`
        : nothing}`;
  }
}
define('cp-pages', CpPages);

declare global {
  interface HTMLElementTagNameMap {
    'cp-pages': CpPages;
  }
}
