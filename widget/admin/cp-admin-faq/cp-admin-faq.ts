import { msg, str } from '@lit/localize';
import { css, html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import type { PortalType } from '../../api/api.types.js';
import { contentApi, type FaqEntry, type FaqStatEntry, type FaqStats } from '../../api/content-api.js';
import '../../components/cp-markdown/cp-markdown.js';
import '../../components/cp-state/cp-state.js';
import { formatDate, formatNumber } from '../../lib/format.js';
import { define } from '../../lib/portal-element.js';
import { internalBadge } from '../../lib/templates.js';
import { contentStyles } from '../cp-admin-pages/cp-admin-pages.styles.js';
import { AdminElement } from '../lib/admin-element.js';
import { Loader } from '../lib/loader.js';

interface Draft {
  question: string;
  answer: string;
  category: string;
  portalType: PortalType;
  draft: boolean;
}
const EMPTY: Draft = { question: '', answer: '', category: '', portalType: 'customer', draft: false };

const rate = (r: number | null) => (r === null ? '–' : `${formatNumber(Math.round(r * 100))} %`);

/**
 * The FAQ tab: entries by category with how often contacts opened them and whether they helped,
 * an editor, and what the FAQ teaches the team: the most viewed entries and the least helpful
 * ones with their comments.
 * @csspart faq-stats - the statistics
 * @csspart faq-editor - the form
 * @csspart faq-row - one entry
 */
export class CpAdminFaq extends AdminElement {
  static override styles = [
    AdminElement.styles,
    contentStyles,
    css`
      .totals {
        display: flex;
        flex-wrap: wrap;
        gap: calc(var(--cp-space) * 2);
      }
      .totals strong {
        display: block;
        font-size: 1.4em;
      }
      table {
        border-collapse: collapse;
        width: 100%;
      }
      th,
      td {
        text-align: start;
        padding: 4px 8px 4px 0;
        vertical-align: top;
      }
      .comments {
        margin: 4px 0 0;
        padding-inline-start: 1.2em;
      }
    `,
  ];

  @state() private editing: FaqEntry | 'new' | null = null;
  @state() private draft: Draft = { ...EMPTY };
  @state() private confirming = false;
  private started = false;
  private readonly entries = new Loader<FaqEntry[]>(this, () => contentApi(this.admin!.api).faq());
  private readonly stats = new Loader<FaqStats>(this, () => contentApi(this.admin!.api).faqStats());

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.admin && !this.started) {
      this.started = true;
      void this.entries.run();
      void this.stats.run();
    }
  }

  private edit(entry: FaqEntry | 'new'): void {
    this.editing = entry;
    this.confirming = false;
    this.draft = entry === 'new' ? { ...EMPTY } : { question: entry.question, answer: entry.answer, category: entry.category, portalType: entry.portalType, draft: entry.visibility === 'internal' };
  }

  private set<K extends keyof Draft>(key: K, value: Draft[K]): void {
    this.draft = { ...this.draft, [key]: value };
  }

  private async refresh(): Promise<void> {
    await Promise.all([this.entries.run(true), this.stats.run(true)]);
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const api = contentApi(this.admin!.api);
    const d = this.draft;
    const fields = { question: d.question, answer: d.answer, category: d.category.trim(), portalType: d.portalType, visibility: d.draft ? ('internal' as const) : ('portal' as const) };
    const editing = this.editing;
    const saved =
      editing === 'new'
        ? await this.attempt(() => api.createFaq(fields), { done: msg('The question was added.'), failed: msg('The question was not saved.') })
        : editing
          ? await this.attempt(() => api.updateFaq(editing.id, fields), { done: msg('The question was saved.'), failed: msg('The question was not saved.') })
          : undefined;
    if (!saved) return;
    await this.refresh();
    this.edit(saved);
  }

  private async discard(entry: FaqEntry): Promise<void> {
    if (!this.confirming) {
      this.confirming = true;
      return;
    }
    const done = await this.attempt(() => contentApi(this.admin!.api).deleteFaq(entry.id).then(() => true), { done: msg('The question was deleted.'), failed: msg('The question was not deleted.') });
    if (!done) return;
    this.editing = null;
    await this.refresh();
  }

  private counts(e: { views?: number | undefined; helpful?: number | undefined; unhelpful?: number | undefined }) {
    return msg(str`${formatNumber(e.views ?? 0)} views · ${formatNumber(e.helpful ?? 0)} helpful · ${formatNumber(e.unhelpful ?? 0)} not helpful`);
  }

  private statRow(e: FaqStatEntry, extra: unknown = nothing) {
    return html`<tr>
      <td><button class="link" @click=${() => this.openById(e.id)}>${e.question}</button>${extra}</td>
      <td>${e.category}</td>
      <td>${formatNumber(e.views)}</td>
      <td>${rate(e.helpfulRate)}</td>
    </tr>`;
  }

  private openById(id: string): void {
    const entry = this.entries.value?.find((e) => e.id === id);
    if (entry) this.edit(entry);
  }

  private renderStats(stats: FaqStats) {
    const dateFormat = this.portal!.store.dateFormat;
    const head = html`<tr><th scope="col">${msg('Question')}</th><th scope="col">${msg('Category')}</th><th scope="col">${msg('Views')}</th><th scope="col">${msg('Helpful')}</th></tr>`;
    return html`<section class="card" part="faq-stats" aria-labelledby="faq-stats-title">
      <h2 id="faq-stats-title">${msg('What the FAQ tells you')}</h2>
      <div class="totals">
        <span><strong>${formatNumber(stats.totals.entries)}</strong>${msg('questions')}</span>
        <span><strong>${formatNumber(stats.totals.views)}</strong>${msg('views')}</span>
        <span><strong>${formatNumber(stats.totals.helpful)}</strong>${msg('found helpful')}</span>
        <span><strong>${formatNumber(stats.totals.unhelpful)}</strong>${msg('not helpful')}</span>
      </div>
      <h3>${msg('Most viewed')}</h3>
      ${stats.mostViewed.length ? html`<table>${head}${stats.mostViewed.map((e) => this.statRow(e))}</table>` : html`<p class="muted">${msg('No views yet.')}</p>`}
      <h3>${msg('Least helpful')}</h3>
      ${stats.leastHelpful.length
        ? html`<table>
            ${head}
            ${stats.leastHelpful.map((e) =>
              this.statRow(
                e,
                e.comments.length
                  ? html`<ul class="comments">
                      ${e.comments.map((c) => html`<li>“${c.comment}” <span class="muted">${c.user?.name ?? ''} · ${formatDate(c.createdAt, dateFormat)}</span></li>`)}
                    </ul>`
                  : nothing,
              ),
            )}
          </table>`
        : html`<p class="muted">${msg('Nobody has said an answer did not help.')}</p>`}
    </section>`;
  }

  private renderEditor(categories: string[]) {
    const d = this.draft;
    const entry = this.editing === 'new' ? null : this.editing!;
    return html`<form part="faq-editor" @submit=${(e: SubmitEvent) => this.save(e)} aria-labelledby="faq-editor-title">
      <h3 id="faq-editor-title">${entry ? msg('Edit the question') : msg('New question')}</h3>
      ${entry ? html`<p class="muted">${this.counts(entry)}</p>` : nothing}
      <label>${msg('Question')}<input required maxlength="300" .value=${d.question} @input=${(e: Event) => this.set('question', (e.target as HTMLInputElement).value)} /></label>
      <label
        >${msg('Category')}
        <input required maxlength="80" list="faq-categories" .value=${d.category} @input=${(e: Event) => this.set('category', (e.target as HTMLInputElement).value)} />
        <datalist id="faq-categories">${categories.map((c) => html`<option value=${c}></option>`)}</datalist>
      </label>
      <div class="options">
        <label
          >${msg('Shown to')}
          <select @change=${(e: Event) => this.set('portalType', (e.target as HTMLSelectElement).value as PortalType)}>
            <option value="customer" .selected=${d.portalType === 'customer'}>${msg('Every customer')}</option>
            <option value="partner" .selected=${d.portalType === 'partner'}>${msg('Every partner')}</option>
          </select>
        </label>
        <label class="inline"><input type="checkbox" .checked=${d.draft} @change=${(e: Event) => this.set('draft', (e.target as HTMLInputElement).checked)} /> ${msg('Draft (staff only)')}</label>
      </div>
      <div class="editor">
        <label>${msg('Answer (markdown)')}<textarea required .value=${d.answer} @input=${(e: Event) => this.set('answer', (e.target as HTMLTextAreaElement).value)}></textarea></label>
        <div>
          <span id="faq-preview-title" class="muted">${msg('Preview')}</span>
          <div class="preview" role="region" aria-labelledby="faq-preview-title"><cp-markdown .text=${d.answer}></cp-markdown></div>
        </div>
      </div>
      <div class="buttons">
        <button class="primary">${entry ? msg('Save') : msg('Add')}</button>
        <button type="button" @click=${() => (this.editing = null)}>${msg('Cancel')}</button>
        ${entry ? html`<button type="button" @click=${() => this.discard(entry)} @blur=${() => (this.confirming = false)}>${this.confirming ? msg('Confirm delete') : msg('Delete')}</button>` : nothing}
      </div>
    </form>`;
  }

  override render() {
    if (!this.portal) return nothing;
    const entries = this.entries.value ?? [];
    const categories = [...new Set(entries.map((e) => e.category))].sort((a, b) => a.localeCompare(b));
    return html`${this.stats.value ? this.renderStats(this.stats.value) : nothing}
      <div class="split">
        <section aria-labelledby="faq-title">
          <h2 id="faq-title">${msg('FAQ')}</h2>
          <div><button class="primary" @click=${() => this.edit('new')}>${msg('New question')}</button></div>
          <cp-state exportparts="state" .load=${this.entries.load} .empty=${!entries.length} empty-text=${msg('No questions yet.')} .retry=${() => this.entries.run()}></cp-state>
          ${categories.map(
            (c, i) => html`<h3 id="faq-category-${i}">${c}</h3>
              <ul class="rows" role="list" aria-labelledby="faq-category-${i}">
                ${entries
                  .filter((e) => e.category === c)
                  .map(
                    (e) => html`<li part="faq-row">
                      <button class="main link" @click=${() => this.edit(e)}>${e.question}</button>
                      <span class="meta muted"><span>${this.counts(e)}</span>${e.portalType === 'partner' ? html`<span>${msg('Partners')}</span>` : nothing} ${internalBadge(e)}</span>
                    </li>`,
                  )}
              </ul>`,
          )}
        </section>
        ${this.editing ? this.renderEditor(categories) : nothing}
      </div>`;
  }
}
define('cp-admin-faq', CpAdminFaq);

declare global {
  interface HTMLElementTagNameMap {
    'cp-admin-faq': CpAdminFaq;
  }
}
