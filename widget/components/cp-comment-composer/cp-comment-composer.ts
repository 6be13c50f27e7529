import { msg } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { Person, Visibility } from '../../api/api.types.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import '../cp-visibility/cp-visibility.js';
import { mentionAt, mentionCandidates } from './mention.js';

/**
 * The comment box: Markdown, `@name` autocomplete among the people of the task, Ctrl+Enter
 * to send; staff choose who sees it ("Customer and team", or "Team only": an internal note). What is typed
 * survives token renewals and live updates, and comes back if the server refuses the comment.
 * @csspart comment-box - the form
 */
export class CpCommentComposer extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      form {
        display: grid;
        gap: var(--cp-space);
        position: relative;
      }
      form.internal textarea {
        border-color: var(--cp-color-internal);
        border-style: dashed;
      }
      [role='listbox'] {
        list-style: none;
        margin: 0;
        padding: 4px;
        border: 1px solid var(--cp-color-border);
        border-radius: var(--cp-radius);
        background: var(--cp-color-background);
        box-shadow: var(--cp-shadow);
      }
      [role='option'] {
        padding: 4px var(--cp-space);
        border-radius: 4px;
        cursor: pointer;
      }
      [role='option'][aria-selected='true'] {
        background: var(--cp-color-primary);
        color: var(--cp-color-on-primary);
      }
      .actions {
        justify-content: space-between;
      }
    `,
  ];

  @query('textarea') private textarea!: HTMLTextAreaElement;
  @state() private draft = '';
  @state() private internal = false;
  @state() private mention: { start: number; query: string } | null = null;
  @state() private active = 0;
  @property({ attribute: 'task-id' }) taskId = '';
  /** Sends somewhere else than the task's comments (a message thread); rejects when refused. */
  @property({ attribute: false }) post?: (body: string, visibility: Visibility | undefined) => Promise<unknown>;

  private get candidates(): Person[] {
    return this.mention ? mentionCandidates(this.portal!.store.people.values(), this.mention.query) : [];
  }

  private onInput(): void {
    this.draft = this.textarea.value;
    this.mention = mentionAt(this.draft, this.textarea.selectionStart);
    this.active = 0;
  }

  private pick(person: Person): void {
    const { start } = this.mention!;
    const caret = this.textarea.selectionStart;
    const inserted = `@${person.name} `;
    this.draft = this.draft.slice(0, start) + inserted + this.draft.slice(caret);
    this.mention = null;
    this.textarea.value = this.draft;
    this.textarea.focus();
    this.textarea.setSelectionRange(start + inserted.length, start + inserted.length);
  }

  private onKey(event: KeyboardEvent): void {
    const candidates = this.candidates;
    if (candidates.length) {
      const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 };
      if (event.key in moves) {
        event.preventDefault();
        this.active = (this.active + moves[event.key]! + candidates.length) % candidates.length;
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        this.pick(candidates[this.active]!);
        return;
      }
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.mention = null;
        return;
      }
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void this.send(event);
  }

  private async send(event: Event): Promise<void> {
    event.preventDefault();
    const body = this.draft.trim();
    if (!body) return;
    const visibility = this.internal ? 'internal' : 'portal';
    this.draft = '';
    this.mention = null;
    try {
      const chosen = this.portal!.store.isStaff ? visibility : undefined;
      await (this.post ? this.post(body, chosen) : this.portal!.actions.addComment(this.taskId, body, chosen));
    } catch {
      // Refused: give the text back, unless a new one was started meanwhile.
      if (!this.draft) this.draft = body;
    }
  }

  override render() {
    if (!this.portal) return nothing;
    const candidates = this.candidates;
    const listId = 'mention-list';
    return html`<form part="comment-box" class=${this.internal ? 'internal' : ''} @submit=${this.send}>
      <label
        >${this.internal ? msg('Internal note (only your team sees it)') : this.post ? msg('Write a message') : msg('Add a comment')}
        <textarea
          rows="3"
          .value=${this.draft}
          @input=${this.onInput}
          @keydown=${this.onKey}
          @click=${this.onInput}
          @blur=${() => setTimeout(() => (this.mention = null), 150)}
          aria-autocomplete="list"
          aria-controls=${candidates.length ? listId : nothing}
          aria-activedescendant=${candidates.length ? `mention-${this.active}` : nothing}
          placeholder=${this.post ? msg('Type @ to mention someone. Ctrl+Enter sends.') : msg('Write a comment. Type @ to mention someone.')}
        ></textarea>
      </label>
      ${candidates.length
        ? html`<ul id=${listId} role="listbox" aria-label=${msg('People to mention')}>
            ${candidates.map(
              (p, i) => html`<li id="mention-${i}" role="option" aria-selected=${String(i === this.active)} @mousedown=${(e: Event) => (e.preventDefault(), this.pick(p))}>
                ${p.name}
              </li>`,
            )}
          </ul>`
        : nothing}
      <div class="row actions">
        ${this.portal.store.isStaff
          ? html`<cp-visibility
              label=${this.post ? msg('Who sees this message') : msg('Who sees this comment')}
              hide-label
              .value=${this.internal ? 'internal' : 'portal'}
              @cp-visibility-change=${(e: CustomEvent<{ visibility: string }>) => (this.internal = e.detail.visibility === 'internal')}
            ></cp-visibility>`
          : html`<span></span>`}
        <button class="primary" type="submit" ?disabled=${!this.draft.trim()}>${this.internal ? msg('Add internal note') : msg('Send')}</button>
      </div>
    </form>`;
  }
}
define('cp-comment-composer', CpCommentComposer);

declare global {
  interface HTMLElementTagNameMap {
    'cp-comment-composer': CpCommentComposer;
  }
}
