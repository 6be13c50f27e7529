import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import type { PortalType } from '../../api/api.types.js';
import { contentApi, type ContentPage, type PageInput } from '../../api/content-api.js';
import '../../components/cp-page-body/cp-page-body.js';
import { pageOrder } from '../../components/cp-pages/cp-pages.js';
import '../../components/cp-state/cp-state.js';
import { formatDate } from '../../lib/format.js';
import { define } from '../../lib/portal-element.js';
import { internalBadge } from '../../lib/templates.js';
import { AdminElement } from '../lib/admin-element.js';
import { Loader } from '../lib/loader.js';
import { contentStyles } from './cp-admin-pages.styles.js';

type Draft = Required<Pick<ContentPage, 'title' | 'body' | 'pinned' | 'welcome'>> & { audience: string; draft: boolean };

const EMPTY: Draft = { title: '', body: '', pinned: false, welcome: false, audience: 'customer', draft: false };

/** `customer`, `partner` (every customer of that portal type) or a customer's id. */
const audienceOf = (page: ContentPage) => page.customerId ?? page.portalType;

/**
 * The Pages tab: the tenant's pages (a welcome page, process guides, product updates) for every
 * customer, every partner or one customer; an editor with a live preview drawn by the same
 * renderer the portal uses, so what staff see is what contacts will see.
 * @csspart page-editor - the form
 * @csspart page-preview - the live preview
 */
export class CpAdminPages extends AdminElement {
  static override styles = [AdminElement.styles, contentStyles];

  @state() private editing: ContentPage | 'new' | null = null;
  @state() private draft: Draft = { ...EMPTY };
  @state() private confirming = false;
  private started = false;
  private readonly pages = new Loader<ContentPage[]>(this, async () => (await contentApi(this.admin!.api).pages()).sort(pageOrder));

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.admin && !this.started) {
      this.started = true;
      void this.pages.run();
    }
  }

  private edit(page: ContentPage | 'new'): void {
    this.editing = page;
    this.confirming = false;
    this.draft = page === 'new' ? { ...EMPTY } : { title: page.title, body: page.body, pinned: page.pinned, welcome: page.welcome, audience: audienceOf(page), draft: page.visibility === 'internal' };
  }

  private set<K extends keyof Draft>(key: K, value: Draft[K]): void {
    this.draft = { ...this.draft, [key]: value };
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const api = contentApi(this.admin!.api);
    const d = this.draft;
    const fields: PageInput = { title: d.title, body: d.body, pinned: d.pinned, welcome: d.welcome, visibility: d.draft ? 'internal' : 'portal' };
    const editing = this.editing;
    const saved =
      editing === 'new'
        ? await this.attempt(
            () => api.createPage({ ...fields, ...(d.audience === 'customer' || d.audience === 'partner' ? { portalType: d.audience as PortalType } : { customerId: d.audience }) }),
            { done: msg(str`${d.title} was published.`), failed: msg('The page was not saved.') },
          )
        : editing
          ? await this.attempt(() => api.updatePage(editing.id, fields), { done: msg(str`${d.title} was saved.`), failed: msg('The page was not saved.') })
          : undefined;
    if (!saved) return;
    await this.pages.run(true);
    this.edit(this.pages.value?.find((p) => p.id === saved.id) ?? saved);
  }

  private async discard(page: ContentPage): Promise<void> {
    if (!this.confirming) {
      this.confirming = true;
      return;
    }
    const done = await this.attempt(() => contentApi(this.admin!.api).deletePage(page.id).then(() => true), { done: msg(str`${page.title} was deleted.`), failed: msg('The page was not deleted.') });
    if (!done) return;
    this.editing = null;
    await this.pages.run(true);
  }

  private audienceName(page: ContentPage): string {
    if (page.customerId) return this.portal!.store.customers.find((c) => c.id === page.customerId)?.name ?? msg('One customer');
    return page.portalType === 'partner' ? msg('Every partner') : msg('Every customer');
  }

  private renderEditor() {
    const d = this.draft;
    const page = this.editing === 'new' ? null : this.editing!;
    return html`<form part="page-editor" @submit=${(e: SubmitEvent) => this.save(e)} aria-labelledby="editor-title">
      <h3 id="editor-title">${page ? msg('Edit the page') : msg('New page')}</h3>
      <label>${msg('Title')}<input required maxlength="200" .value=${d.title} @input=${(e: Event) => this.set('title', (e.target as HTMLInputElement).value)} /></label>
      <label
        >${msg('Shown to')}
        <select ?disabled=${page !== null} @change=${(e: Event) => this.set('audience', (e.target as HTMLSelectElement).value)}>
          <option value="customer" .selected=${d.audience === 'customer'}>${msg('Every customer')}</option>
          <option value="partner" .selected=${d.audience === 'partner'}>${msg('Every partner')}</option>
          ${this.portal!.store.customers.map((c) => html`<option value=${c.id} .selected=${d.audience === c.id}>${c.name}</option>`)}
        </select>
      </label>
      <div class="options">
        <label class="inline"><input type="checkbox" .checked=${d.pinned} @change=${(e: Event) => this.set('pinned', (e.target as HTMLInputElement).checked)} /> ${msg('Pinned')}</label>
        <label class="inline"><input type="checkbox" .checked=${d.welcome} @change=${(e: Event) => this.set('welcome', (e.target as HTMLInputElement).checked)} /> ${msg('Welcome page (first visit)')}</label>
        <label class="inline"><input type="checkbox" .checked=${d.draft} @change=${(e: Event) => this.set('draft', (e.target as HTMLInputElement).checked)} /> ${msg('Draft (staff only)')}</label>
      </div>
      <div class="editor">
        <label
          >${msg('Body (markdown)')}
          <textarea required .value=${d.body} @input=${(e: Event) => this.set('body', (e.target as HTMLTextAreaElement).value)}></textarea>
          <span class="hint muted">${msg('Images: ![Description](doc_…) with a library document’s id. Videos: ![Title](a YouTube, Vimeo or Loom link).')}</span>
        </label>
        <div>
          <span id="preview-title" class="muted">${msg('Preview')}</span>
          <div class="preview" part="page-preview" role="region" aria-labelledby="preview-title"><cp-page-body .body=${d.body}></cp-page-body></div>
        </div>
      </div>
      <div class="buttons">
        <button class="primary">${page ? msg('Save') : msg('Publish')}</button>
        <button type="button" @click=${() => (this.editing = null)}>${msg('Cancel')}</button>
        ${page ? html`<button type="button" @click=${() => this.discard(page)} @blur=${() => (this.confirming = false)}>${this.confirming ? msg('Confirm delete') : msg('Delete')}</button>` : nothing}
      </div>
    </form>`;
  }

  override render() {
    if (!this.portal) return nothing;
    const list = this.pages.value ?? [];
    const selected = this.editing === 'new' || !this.editing ? null : this.editing.id;
    return html`<div class="split">
      <section aria-labelledby="pages-title">
        <h2 id="pages-title">${msg('Pages')}</h2>
        <div><button class="primary" @click=${() => this.edit('new')}>${msg('New page')}</button></div>
        <cp-state exportparts="state" .load=${this.pages.load} .empty=${!list.length} empty-text=${msg('No pages yet.')} .retry=${() => this.pages.run()}></cp-state>
        <ul class="rows" role="list">
          ${list.map(
            (page) => html`<li class=${page.id === selected ? 'selected' : ''}>
              <button class="main link" aria-current=${page.id === selected ? 'true' : 'false'} @click=${() => this.edit(page)}>${page.title}</button>
              <span class="meta muted">
                <span>${this.audienceName(page)}</span>
                ${page.pinned ? html`<span class="badge">${msg('Pinned')}</span>` : nothing}
                ${page.welcome ? html`<span class="badge">${msg('Welcome')}</span>` : nothing}
                <span>${formatDate(page.updatedAt, this.portal!.store.dateFormat)}</span>
                ${internalBadge(page)}
              </span>
            </li>`,
          )}
        </ul>
      </section>
      ${this.editing ? this.renderEditor() : nothing}
    </div>`;
  }
}
define('cp-admin-pages', CpAdminPages);

declare global {
  interface HTMLElementTagNameMap {
    'cp-admin-pages': CpAdminPages;
  }
}
