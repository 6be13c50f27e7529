import { msg } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { formatDateTime } from '../../lib/format.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { notesStyles } from '../../styles/notes.styles.js';
import { viewStyles } from '../../styles/shared.styles.js';
import { internalBadge } from '../../lib/templates.js';
import '../cp-comment-composer/cp-comment-composer.js';
import '../cp-markdown/cp-markdown.js';
import '../cp-state/cp-state.js';

/**
 * A task's comment thread, oldest first, with the comment box below. New comments from
 * others arrive live; the user's own show at once, dimmed until the server confirms them. The
 * box is there only for those who may post (`comments.post`).
 * @csspart comment - one comment
 * @csspart comment-box - the comment form
 */
export class CpComments extends PortalElement {
  static override styles = [
    PortalElement.styles,
    viewStyles,
    notesStyles,
  ];

  @property({ attribute: 'task-id' }) taskId = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if ((changed.has('taskId') || changed.has('portal')) && this.taskId) void this.portal?.actions.loadComments(this.taskId);
  }

  override render() {
    if (!this.portal) return nothing;
    const { store, actions } = this.portal;
    const thread = store.comments.get(this.taskId) ?? [];
    const names = [...store.people.values()].map((p) => p.name);
    return html`
      <cp-state exportparts="state"
        .load=${store.load(`comments:${this.taskId}`)}
        .empty=${!thread.length}
        empty-text=${msg('No comments yet. Ask a question or share an update.')}
        .retry=${() => actions.loadComments(this.taskId, true)}
      ></cp-state>
      ${thread.length
        ? html`<ol role="list" aria-label=${msg('Comments')}>
            ${thread.map(
              (c) => html`<li part="comment" class="${c.visibility === 'internal' ? 'internal-note' : ''} ${c.pending ? 'pending' : ''}">
                <header>
                  <strong>${c.author?.name ?? (store.personName(c.authorId) || msg('Someone'))}</strong>
                  <span class="muted">${c.pending ? (store.online ? msg('Sending…') : msg('Waits for the network')) : formatDateTime(c.createdAt, store.dateFormat)}</span>
                  ${internalBadge(c)}
                </header>
                <cp-markdown .text=${c.body} .mentions=${names}></cp-markdown>
              </li>`,
            )}
          </ol>`
        : nothing}
      ${store.can('comments.post') ? html`<cp-comment-composer task-id=${this.taskId} exportparts="comment-box"></cp-comment-composer>` : nothing}
    `;
  }
}
define('cp-comments', CpComments);

declare global {
  interface HTMLElementTagNameMap {
    'cp-comments': CpComments;
  }
}
