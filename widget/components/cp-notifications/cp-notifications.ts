import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import type { PortalNotification } from '../../api/api.types.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import '../cp-state/cp-state.js';
import { notificationText } from './notification-text.js';

/**
 * The bell: the unread count, and a list that opens below it; a click on a notification marks
 * it read and opens its task. Escape or a click elsewhere closes the list.
 * @csspart bell - the bell button
 * @csspart notification-list - the opened list
 */
export class CpNotifications extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      :host {
        position: relative;
        display: inline-block;
      }
      .bell {
        position: relative;
      }
      .count {
        position: absolute;
        top: -6px;
        inset-inline-end: -6px;
        min-width: 20px;
        height: 20px;
        border-radius: 10px;
        background: var(--cp-color-danger);
        color: #fff;
        font-size: 12px;
        font-weight: 700;
        line-height: 20px;
        padding: 0 5px;
      }
      .panel {
        position: absolute;
        inset-inline-end: 0;
        top: calc(100% + 6px);
        z-index: 10;
        width: min(360px, calc(100vw - 24px));
        background: var(--cp-color-background);
        border: 1px solid var(--cp-color-border);
        border-radius: var(--cp-radius);
        box-shadow: var(--cp-shadow);
        padding: var(--cp-space);
        display: grid;
        gap: var(--cp-space);
      }
      .head {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: var(--cp-space);
      }
      li button {
        width: 100%;
        text-align: start;
        border: 0;
        border-radius: var(--cp-radius);
        display: grid;
        gap: 2px;
        padding: var(--cp-space);
        background: none;
      }
      li button:hover {
        background: var(--cp-color-surface);
      }
      li.unread button {
        font-weight: 600;
        box-shadow: inset 3px 0 0 var(--cp-color-primary);
      }
      .excerpt,
      time {
        font-weight: 400;
        font-size: 0.9em;
      }
    `,
  ];

  @query('.bell') private bell!: HTMLButtonElement;
  @state() private open = false;
  private readonly outside = (event: Event) => {
    if (!event.composedPath().includes(this)) this.open = false;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('click', this.outside);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('click', this.outside);
  }

  private toggle(): void {
    this.open = !this.open;
    if (this.open) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.panel button')?.focus());
  }

  private close(): void {
    this.open = false;
    this.bell.focus();
  }

  /** The button disables itself: focus stays in the list, so Escape still closes it. */
  private markAll(): void {
    void this.portal!.actions.markRead('all');
    this.renderRoot.querySelector<HTMLElement>('.panel')?.focus();
  }

  private choose(n: PortalNotification): void {
    const { actions, navigate } = this.portal!;
    if (!n.readAt) void actions.markRead([n.id]);
    this.open = false;
    if (n.taskId) navigate({ task: n.taskId });
    else if (n.threadId) navigate({ view: 'messages' });
    else if (n.kind === 'request') navigate({ view: 'requests' });
  }

  override render() {
    if (!this.portal) return nothing;
    const { store, actions } = this.portal;
    const unread = store.unread;
    const list = store.notifications;
    return html`<button
        class="bell icon"
        part="bell"
        aria-expanded=${String(this.open)}
        aria-controls="notifications"
        aria-label=${unread ? msg(str`Notifications, ${unread} unread`) : msg('Notifications')}
        @click=${this.toggle}
      >
        <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round">
          <path d="M6 8a6 6 0 1 1 12 0c0 7 3 8 3 8H3s3-1 3-8M10 20a2 2 0 0 0 4 0" />
        </svg>
        ${unread ? html`<span class="count" aria-hidden="true">${unread > 99 ? '99+' : formatNumber(unread)}</span>` : nothing}
      </button>
      <div id="notifications" class="panel" part="notification-list" role="dialog" tabindex="-1" aria-label=${msg('Notifications')} ?hidden=${!this.open} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.close()}>
        <div class="head">
          <h2>${msg('Notifications')}</h2>
          <button class="link" ?disabled=${!unread} @click=${this.markAll}>${msg('Mark all as read')}</button>
        </div>
        ${list.length
          ? html`<ul class="plain" role="list">
              ${list.map((n) => {
                const { title, excerpt } = notificationText(n, store);
                return html`<li class=${n.readAt ? '' : 'unread'}>
                  <button @click=${() => this.choose(n)}>
                    <span>${n.readAt ? '' : html`<span class="visually-hidden">${msg('Unread:')} </span>`}${title}</span>
                    ${excerpt ? html`<span class="excerpt muted">${excerpt}</span>` : nothing}
                    <time class="muted" datetime=${n.createdAt}>${formatDateTime(n.createdAt, store.dateFormat)}</time>
                  </button>
                </li>`;
              })}
            </ul>`
          : html`<cp-state exportparts="state" .load=${store.load('notifications')} .empty=${true} empty-text=${msg('You are all caught up.')} .retry=${() => actions.loadNotifications(true)}></cp-state>`}
      </div>`;
  }
}
define('cp-notifications', CpNotifications);

declare global {
  interface HTMLElementTagNameMap {
    'cp-notifications': CpNotifications;
  }
}
