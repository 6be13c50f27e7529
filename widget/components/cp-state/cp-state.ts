import { msg } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { errorText } from '../../lib/error-text.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import type { Load } from '../../store/portal-store.js';

/**
 * A view's loading, error and empty states; renders nothing once there is something to show.
 * An error offers a retry. (The `cp-error` event itself is fired once, by the element.)
 * @example html`<cp-state exportparts="state" .load=${store.load('tasks')} .empty=${!tasks.length} .retry=${() => actions.loadTasks(true)}></cp-state>`
 * @csspart state - the message box
 */
export class CpState extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      .box {
        display: grid;
        justify-items: center;
        gap: var(--cp-space);
        padding: calc(var(--cp-space) * 3) var(--cp-space);
        text-align: center;
        color: var(--cp-color-muted);
      }
      .error {
        color: var(--cp-color-danger);
      }
      .spinner {
        width: 20px;
        height: 20px;
        border-radius: 50%;
        border: 3px solid var(--cp-color-border);
        border-top-color: var(--cp-color-primary);
        animation: spin 0.8s linear infinite;
      }
      @keyframes spin {
        to {
          transform: rotate(1turn);
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .spinner {
          animation-duration: 3s;
        }
      }
    `,
  ];

  @property({ attribute: false }) load: Load = { status: 'idle' };
  /** Whether the view has nothing to show (once loaded). */
  @property({ type: Boolean }) empty = false;
  @property({ attribute: 'empty-text' }) emptyText = '';
  @property({ attribute: false }) retry?: () => void;

  protected override updated(): void {
    // Nothing to say takes no room (not even a grid gap in the view around it).
    this.hidden = !this.renderRoot.querySelector('[part=state]');
  }

  override render() {
    const { status, error } = this.load;
    if (status === 'error' && error) {
      return html`<div class="box" part="state" role="alert">
        <p class="error">${errorText(error)}</p>
        ${this.retry ? html`<button @click=${this.retry}>${msg('Try again')}</button>` : nothing}
      </div>`;
    }
    if (!this.empty) return nothing;
    if (status === 'loading' || status === 'idle') {
      return html`<div class="box" part="state" role="status"><span class="spinner" aria-hidden="true"></span>${msg('Loading…')}</div>`;
    }
    return html`<div class="box" part="state"><p>${this.emptyText || msg('Nothing here yet.')}</p></div>`;
  }
}
define('cp-state', CpState);

declare global {
  interface HTMLElementTagNameMap {
    'cp-state': CpState;
  }
}
