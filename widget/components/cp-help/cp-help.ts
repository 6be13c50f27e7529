import { msg } from '@lit/localize';
import { css, html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { contentApi, type FaqEntry } from '../../api/content-api.js';
import { asRequestError } from '../../api/request-error.js';
import { errorText } from '../../lib/error-text.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { internalBadge } from '../../lib/templates.js';
import type { Load } from '../../store/portal-store.js';
import { viewStyles } from '../../styles/shared.styles.js';
import '../cp-markdown/cp-markdown.js';
import '../cp-state/cp-state.js';

/** How long typing pauses before the search asks the service. */
const SEARCH_DELAY_MS = 250;

interface Feedback {
  helpful: boolean;
  sent: 'answer' | 'comment';
}

/**
 * The Help view: the vendor's FAQ, searched as one types (the service's search, the same as
 * tasks'), by category; opening an entry shows its answer and asks "Was this helpful?" (yes or
 * no, then an optional comment). A chunk of its own.
 * @csspart help-search - the search box and category choice
 * @csspart faq-entry - one question and, opened, its answer
 * @csspart faq-feedback - "Was this helpful?"
 */
export class CpHelp extends PortalElement {
  static override styles = [
    PortalElement.styles,
    viewStyles,
    css`
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: var(--cp-space);
        align-items: end;
      }
      .filters label {
        display: grid;
        gap: 4px;
        flex: 1 1 12em;
      }
      section {
        display: grid;
        gap: calc(var(--cp-space) / 2);
      }
      h3 {
        margin: 0;
        font-size: 1em;
      }
      .question {
        text-align: start;
        font-weight: 600;
      }
      .answer {
        display: grid;
        gap: var(--cp-space);
        padding: var(--cp-space) 0 0;
      }
      .feedback {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: calc(var(--cp-space) / 2);
      }
      .feedback form {
        display: grid;
        gap: calc(var(--cp-space) / 2);
        flex: 1 1 100%;
      }
      .rows > li {
        display: block;
      }
    `,
  ];

  @state() private entries: FaqEntry[] = [];
  @state() private categories: string[] = [];
  @state() private load: Load = { status: 'idle' };
  @state() private query = '';
  @state() private category = '';
  @state() private openId: string | null = null;
  @state() private opened: FaqEntry | null = null;
  @state() private feedback = new Map<string, Feedback>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private searching: AbortController | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('portal') && this.portal) {
      void this.search();
      contentApi(this.portal.api)
        .faqCategories()
        .then(
          (list) => (this.categories = list.map((c) => c.category)),
          () => undefined,
        );
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.searching?.abort();
  }

  /** Asks the service for the entries matching the words and the category; a newer search cancels an older one. */
  async search(): Promise<void> {
    this.searching?.abort();
    const searching = (this.searching = new AbortController());
    this.load = { status: 'loading' };
    try {
      const entries = await contentApi(this.portal!.api).faq({ q: this.query.trim(), category: this.category }, searching.signal);
      if (searching.signal.aborted) return;
      this.entries = entries;
      this.load = { status: 'ready' };
    } catch (error) {
      if (searching.signal.aborted) return;
      this.load = { status: 'error', error: asRequestError(error) };
      this.emit('cp-error', this.load.error);
    }
  }

  private typed(value: string): void {
    this.query = value;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.search(), SEARCH_DELAY_MS);
  }

  private async toggle(entry: FaqEntry): Promise<void> {
    if (this.openId === entry.id) {
      this.openId = null;
      return;
    }
    this.openId = entry.id;
    this.opened = entry;
    try {
      // Opening counts a view (the service counts contacts' openings); the answer may have changed.
      this.opened = await contentApi(this.portal!.api).openFaq(entry.id);
    } catch (error) {
      this.portal!.store.notify(errorText(asRequestError(error)), 'error');
    }
  }

  private async answer(entry: FaqEntry, helpful: boolean, comment?: string): Promise<void> {
    try {
      await contentApi(this.portal!.api).feedback(entry.id, helpful, comment);
      this.feedback = new Map(this.feedback).set(entry.id, { helpful, sent: comment ? 'comment' : 'answer' });
    } catch (error) {
      this.portal!.store.notify(`${msg('Your answer was not sent.')} ${errorText(asRequestError(error))}`, 'error');
    }
  }

  private renderFeedback(entry: FaqEntry) {
    const given = this.feedback.get(entry.id);
    const send = (event: SubmitEvent) => {
      event.preventDefault();
      const comment = String(new FormData(event.target as HTMLFormElement).get('comment') ?? '').trim();
      if (comment) void this.answer(entry, given!.helpful, comment);
    };
    return html`<div class="feedback" part="faq-feedback" role="group" aria-label=${msg('Was this helpful?')}>
      ${given?.sent === 'comment'
        ? html`<span role="status">${msg('Thank you for telling us.')}</span>`
        : html`<span>${msg('Was this helpful?')}</span>
            <button aria-pressed=${given?.helpful === true ? 'true' : 'false'} @click=${() => this.answer(entry, true)}>${msg('Yes')}</button>
            <button aria-pressed=${given?.helpful === false ? 'true' : 'false'} @click=${() => this.answer(entry, false)}>${msg('No')}</button>
            ${given
              ? html`<form @submit=${send}>
                  <span role="status">${given.helpful ? msg('Thanks! Anything to add?') : msg('Sorry about that. What were you looking for?')}</span>
                  <label>${msg('Comment (optional)')}<textarea name="comment" maxlength="2000" rows="3"></textarea></label>
                  <div><button class="primary">${msg('Send')}</button></div>
                </form>`
              : nothing}`}
    </div>`;
  }

  private renderEntry(entry: FaqEntry) {
    const open = this.openId === entry.id;
    const shown = open && this.opened?.id === entry.id ? this.opened : entry;
    return html`<li part="faq-entry">
      <button class="link question" aria-expanded=${open ? 'true' : 'false'} aria-controls="answer-${entry.id}" @click=${() => this.toggle(entry)}>${entry.question}</button>
      ${internalBadge(entry)}
      ${open
        ? html`<div class="answer" id="answer-${entry.id}">
            <cp-markdown .text=${shown.answer}></cp-markdown>
            ${this.renderFeedback(entry)}
          </div>`
        : nothing}
    </li>`;
  }

  override render() {
    if (!this.portal) return nothing;
    const categories = [...new Set(this.entries.map((e) => e.category))].sort((a, b) => a.localeCompare(b));
    return html`<h2>${msg('Help')}</h2>
      <div class="filters" part="help-search" role="search">
        <label>${msg('Search the help')}<input type="search" .value=${this.query} @input=${(e: Event) => this.typed((e.target as HTMLInputElement).value)} /></label>
        <label
          >${msg('Category')}
          <select
            @change=${(e: Event) => {
              this.category = (e.target as HTMLSelectElement).value;
              void this.search();
            }}
          >
            <option value="" .selected=${!this.category}>${msg('All categories')}</option>
            ${this.categories.map((c) => html`<option value=${c} .selected=${c === this.category}>${c}</option>`)}
          </select>
        </label>
      </div>
      <cp-state
        exportparts="state"
        .load=${this.load}
        .empty=${!this.entries.length}
        empty-text=${this.query || this.category ? msg('Nothing matches. Try other words.') : msg('There are no questions here yet.')}
        .retry=${() => this.search()}
      ></cp-state>
      ${repeat(
        categories,
        (c) => c,
        (c, i) => html`<section aria-labelledby="faq-cat-${i}">
          <h3 id="faq-cat-${i}">${c}</h3>
          <ul class="rows" role="list">
            ${repeat(
              this.entries.filter((e) => e.category === c),
              (e) => e.id,
              (e) => this.renderEntry(e),
            )}
          </ul>
        </section>`,
      )}`;
  }
}
define('cp-help', CpHelp);

declare global {
  interface HTMLElementTagNameMap {
    'cp-help': CpHelp;
  }
}
