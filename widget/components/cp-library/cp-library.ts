import { msg, str } from '@lit/localize';
import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PortalDocument, PortalType } from '../../api/api.types.js';
import { asRequestError } from '../../api/request-error.js';
import { errorText } from '../../lib/error-text.js';
import { formatDate, formatNumber, formatSize, plural } from '../../lib/format.js';
import { libraryCategoryLabel } from '../../lib/labels.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { internalBadge } from '../../lib/templates.js';
import type { Load } from '../../store/portal-store.js';
import { viewStyles } from '../../styles/shared.styles.js';
import '../cp-state/cp-state.js';

/** The categories the publish form offers first; a vendor may type its own. */
const CATEGORIES = ['collateral', 'technical', 'training', 'templates'];

const downloadCount = (n: number) => plural(n, { one: msg(str`${formatNumber(n)} download`), other: msg(str`${formatNumber(n)} downloads`) });
const audienceLabel = (type: PortalType) => (type === 'partner' ? msg('Partners') : msg('Customers'));

/**
 * The resources library: the vendor's documents published to every customer (or every
 * partner), by category, with a search over their names; a click downloads one. Staff also see
 * each one's audience and download count; with `manage` (the admin page) they publish new ones
 * and retire old ones. A chunk of its own.
 * @csspart library-filters - the category and search controls
 * @csspart library-row - one document
 * @csspart library-form - the publish form (`manage`)
 */
export class CpLibrary extends PortalElement {
  static override styles = [
    PortalElement.styles,
    viewStyles,
    css`
      .filters,
      form {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: var(--cp-space);
      }
      .filters label,
      form label {
        display: grid;
        gap: 4px;
      }
      h3 {
        margin: 0;
        font-size: 1em;
      }
      section {
        display: grid;
        gap: calc(var(--cp-space) / 2);
      }
    `,
  ];

  /** Staff on the admin page: the publish form and the retire buttons. */
  @property({ type: Boolean }) manage = false;
  @state() private items: PortalDocument[] = [];
  @state() private load: Load = { status: 'idle' };
  @state() private category = '';
  @state() private query = '';
  @state() private confirming: string | null = null;
  @state() private publishing = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('portal') && this.portal) void this.reload();
  }

  /** Loads the whole library (it is small: one page or a few). */
  async reload(): Promise<void> {
    this.load = { status: 'loading' };
    try {
      this.items = await this.portal!.api.library();
      this.load = { status: 'ready' };
    } catch (error) {
      this.load = { status: 'error', error: asRequestError(error) };
    }
  }

  private async retire(doc: PortalDocument): Promise<void> {
    if (this.confirming !== doc.id) {
      this.confirming = doc.id;
      return;
    }
    this.confirming = null;
    const { api, store } = this.portal!;
    try {
      await api.deleteDocument(doc.id);
      this.items = this.items.filter((d) => d.id !== doc.id);
      store.notify(msg(str`${doc.name} was retired from the library.`), 'info');
    } catch (error) {
      store.notify(`${msg(str`${doc.name} was not retired.`)} ${errorText(asRequestError(error))}`, 'error');
    }
  }

  private async publish(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const file = data.get('file');
    if (!(file instanceof File) || !file.name) return;
    const { api, store } = this.portal!;
    this.publishing = true;
    try {
      const doc = await api.upload(file, {
        libraryCategory: String(data.get('category') ?? '').trim(),
        portalType: data.get('portal_type') as PortalType,
        visibility: data.get('draft') ? 'internal' : 'portal',
      });
      this.items = [doc, ...this.items];
      form.reset();
      store.notify(msg(str`${doc.name} was published to the library.`), 'info');
    } catch (error) {
      store.notify(`${msg(str`${file.name} was not published.`)} ${errorText(asRequestError(error))}`, 'error');
    } finally {
      this.publishing = false;
    }
  }

  private renderForm() {
    return html`<form part="library-form" @submit=${(e: SubmitEvent) => this.publish(e)} aria-label=${msg('Publish to the library')}>
      <label>${msg('File')}<input type="file" name="file" required /></label>
      <label
        >${msg('Category')}
        <input name="category" list="cp-library-categories" required pattern="[A-Za-z][A-Za-z0-9_\\-]{0,39}" value="collateral" />
        <datalist id="cp-library-categories">${CATEGORIES.map((c) => html`<option value=${c}>${libraryCategoryLabel(c)}</option>`)}</datalist>
      </label>
      <label
        >${msg('Published to')}
        <select name="portal_type">
          <option value="customer">${audienceLabel('customer')}</option>
          <option value="partner">${audienceLabel('partner')}</option>
        </select>
      </label>
      <label class="inline"><input type="checkbox" name="draft" /> ${msg('Draft (staff only)')}</label>
      <button class="primary" ?disabled=${this.publishing}>${this.publishing ? msg('Publishing…') : msg('Publish')}</button>
    </form>`;
  }

  private renderRow(doc: PortalDocument, staff: boolean) {
    const { store, actions } = this.portal!;
    return html`<li part="library-row">
      <button class="main link" @click=${() => actions.download(doc)} aria-label=${msg(str`Download ${doc.name}`)}>${doc.name}</button>
      <span class="meta muted">
        <span>${formatSize(doc.size)}</span>
        <span>${formatDate(doc.createdAt, store.dateFormat)}</span>
        ${staff && doc.portalType ? html`<span>${audienceLabel(doc.portalType)}</span>` : nothing}
        ${staff && doc.downloads !== undefined ? html`<span>${downloadCount(doc.downloads)}</span>` : nothing}
        ${internalBadge(doc)}
      </span>
      ${this.manage
        ? html`<button class="link" @click=${() => this.retire(doc)} @blur=${() => (this.confirming = null)} aria-label=${this.confirming === doc.id ? msg(str`Confirm: retire ${doc.name}`) : msg(str`Retire ${doc.name}`)}>
            ${this.confirming === doc.id ? msg('Confirm retire') : msg('Retire')}
          </button>`
        : nothing}
    </li>`;
  }

  override render() {
    if (!this.portal) return nothing;
    const staff = this.portal.store.showsStaffTools;
    const categories = [...new Set(this.items.map((d) => d.libraryCategory ?? ''))].filter(Boolean).sort((a, b) => libraryCategoryLabel(a).localeCompare(libraryCategoryLabel(b)));
    const words = this.query.toLowerCase().split(/\s+/).filter(Boolean);
    const shown = this.items.filter((d) => (!this.category || d.libraryCategory === this.category) && words.every((w) => d.name.toLowerCase().includes(w)));
    const groups = categories.filter((c) => shown.some((d) => d.libraryCategory === c));
    return html`
      <h2>${msg('Library')}</h2>
      ${this.manage ? this.renderForm() : nothing}
      ${this.items.length
        ? html`<div class="filters" part="library-filters">
            <label
              >${msg('Category')}
              <select @change=${(e: Event) => (this.category = (e.target as HTMLSelectElement).value)}>
                <option value="" .selected=${!this.category}>${msg('All categories')}</option>
                ${categories.map((c) => html`<option value=${c} .selected=${c === this.category}>${libraryCategoryLabel(c)}</option>`)}
              </select>
            </label>
            <label>${msg('Search')}<input type="search" .value=${this.query} @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)} /></label>
          </div>`
        : nothing}
      <cp-state exportparts="state"
        .load=${this.load}
        .empty=${!shown.length}
        empty-text=${this.items.length ? msg('Nothing matches.') : msg('Nothing has been published to the library yet.')}
        .retry=${() => this.reload()}
      ></cp-state>
      ${groups.map(
        (c) => html`<section aria-labelledby="cat-${c}">
          <h3 id="cat-${c}">${libraryCategoryLabel(c)}</h3>
          <ul class="rows" role="list">${shown.filter((d) => d.libraryCategory === c).map((d) => this.renderRow(d, staff))}</ul>
        </section>`,
      )}
    `;
  }
}
define('cp-library', CpLibrary);

declare global {
  interface HTMLElementTagNameMap {
    'cp-library': CpLibrary;
  }
}
