import { msg, str } from '@lit/localize';
import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Message, Thread } from '../../api/api.types.js';
import { formatDateTime } from '../../lib/format.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { internalBadge, unreadMessages } from '../../lib/templates.js';
import { notesStyles } from '../../styles/notes.styles.js';
import { viewStyles } from '../../styles/shared.styles.js';
import '../cp-comment-composer/cp-comment-composer.js';
import '../cp-markdown/cp-markdown.js';
import '../cp-state/cp-state.js';
import { loadEarlier, loadMessages, markRead } from './message-actions.js';

/**
 * The Messages view: the customer's threads (the general one first) and the open thread, its
 * latest page first with earlier ones on demand, read receipts ("Seen by Sam, 10:42") under the
 * newest message each person has read, and the message box for those who may post
 * (`messages.post`). Staff write internal notes in the same thread; no contact ever gets them.
 * The thread is marked read as its newest message shows. With `.thread`, it shows that one
 * thread alone, without the list (a deal's conversation with the rep, a co-selling workspace's notes).
 * @csspart thread-list - the list of threads
 * @csspart message - one message
 * @csspart read-receipt - who has read up to a message
 * @csspart message-box - the message form
 */
export class CpMessages extends PortalElement {
  static override styles = [
    PortalElement.styles,
    viewStyles,
    notesStyles,
    css`
      .threads {
        display: flex;
        flex-wrap: wrap;
        gap: var(--cp-space);
        margin-bottom: var(--cp-space);
      }
      .threads button[aria-current='true'] {
        border-color: var(--cp-color-primary);
        font-weight: 600;
      }
      li.mine {
        margin-inline-start: 10%;
      }
      .receipt {
        font-size: 0.85em;
        margin-top: 4px;
      }
      .earlier {
        justify-self: center;
      }
      cp-comment-composer {
        display: block;
        margin-top: var(--cp-space);
      }
    `,
  ];

  @state() private open: string | null = null;
  /** The one thread to show, without the list of the others. */
  @property({ attribute: false }) thread: Thread | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('portal') && !this.thread) void this.portal?.actions.loadThreads();
    const thread = this.current;
    if (this.portal && thread) void loadMessages(this.portal, thread.id);
  }

  protected override updated(): void {
    const thread = this.current;
    const last = thread && this.portal?.store.threads.messages.get(thread.id)?.list.filter((m) => !m.pending).at(-1);
    if (thread && last && thread.unreadCount > 0 && !this.portal!.store.portalOnly) void markRead(this.portal!, thread.id, last.id);
  }

  private get threads(): Thread[] {
    return this.portal?.store.threads.list ?? [];
  }

  private get current(): Thread | undefined {
    if (this.thread) return this.portal?.store.threads.byId.get(this.thread.id) ?? this.thread;
    const threads = this.threads;
    return threads.find((t) => t.id === this.open) ?? threads[0];
  }

  /** Each reader's receipt under the newest message they have read, by message id. */
  private receipts(messages: readonly Message[]): Map<string, string[]> {
    const placed = new Set<string>();
    const byMessage = new Map<string, string[]>();
    for (const m of [...messages].reverse()) {
      const shown = m.readBy.filter((r) => !placed.has(r.userId));
      for (const r of shown) placed.add(r.userId);
      if (shown.length) byMessage.set(m.id, shown.map((r) => `${r.name}, ${formatDateTime(r.readAt, this.portal!.store.dateFormat)}`));
    }
    return byMessage;
  }

  private renderMessage(m: Message, receipts: string[] | undefined) {
    const { store } = this.portal!;
    const names = [...store.people.values()].map((p) => p.name);
    const mine = m.authorId !== null && m.authorId === store.me?.user.id;
    return html`<li part="message" class="${m.visibility === 'internal' ? 'internal-note' : ''} ${m.pending ? 'pending' : ''} ${mine ? 'mine' : ''}">
      <div class="meta">
        <strong>${m.author?.name ?? (store.personName(m.authorId) || msg('The team'))}</strong>
        <span class="muted">${m.pending ? (store.online ? msg('Sending…') : msg('Waits for the network')) : formatDateTime(m.createdAt, store.dateFormat)}</span>
        ${internalBadge(m)}
      </div>
      <cp-markdown .text=${m.body} .mentions=${names}></cp-markdown>
      ${receipts ? html`<div class="receipt muted" part="read-receipt">${msg(str`Seen by ${receipts.join('; ')}`)}</div>` : nothing}
    </li>`;
  }

  override render() {
    if (!this.portal) return nothing;
    const { store, actions } = this.portal;
    const threads = this.threads;
    const thread = this.current;
    const loaded = thread ? store.threads.messages.get(thread.id) : undefined;
    // A preview as a contact shows what the customer sees: no internal notes.
    const messages = (loaded?.list ?? []).filter((m) => !store.portalOnly || m.visibility === 'portal');
    const receipts = this.receipts(messages);
    const pinned = this.thread !== null;
    return html`
      ${pinned
        ? nothing
        : html`<h2>${msg('Messages')}</h2>
            <cp-state exportparts="state" .load=${store.load('threads')} .empty=${!threads.length} empty-text=${msg('No conversations yet.')} .retry=${() => actions.loadThreads(true)}></cp-state>`}
      ${threads.length > 1 && !pinned
        ? html`<nav class="threads" part="thread-list" aria-label=${msg('Conversations')}>
            ${threads.map(
              (t) => html`<button aria-current=${String(t.id === thread?.id)} @click=${() => (this.open = t.id)}>
                ${t.general ? msg('General') : t.subject}${t.unreadCount ? html` <span class="badge">${unreadMessages(t.unreadCount)}</span>` : nothing}
              </button>`,
            )}
          </nav>`
        : nothing}
      ${thread
        ? html`<section aria-label=${thread.general ? msg('General') : thread.subject}>
            <cp-state exportparts="state"
              .load=${store.load(`messages:${thread.id}`)}
              .empty=${!messages.length}
              empty-text=${msg('No messages yet. Write to the team below.')}
              .retry=${() => loadMessages(this.portal!, thread.id, true)}
            ></cp-state>
            <div role="log" aria-label=${msg('Messages')}><ol role="list">
              ${loaded?.earlier ? html`<li class="earlier"><button @click=${() => loadEarlier(this.portal!, thread.id)}>${msg('Show earlier messages')}</button></li>` : nothing}
              ${messages.map((m) => this.renderMessage(m, receipts.get(m.id)))}
            </ol></div>
            ${store.can('messages.post')
              ? html`<cp-comment-composer exportparts="comment-box: message-box" .post=${(body: string, visibility: Message['visibility'] | undefined) => this.portal!.actions.addMessage(thread.id, body, visibility)}></cp-comment-composer>`
              : nothing}
          </section>`
        : nothing}
    `;
  }
}
define('cp-messages', CpMessages);

declare global {
  interface HTMLElementTagNameMap {
    'cp-messages': CpMessages;
  }
}
