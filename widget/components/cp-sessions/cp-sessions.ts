import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { BrowserSession } from '../../api/api.types.js';
import { asRequestError } from '../../api/request-error.js';
import { errorText } from '../../lib/error-text.js';
import { deviceOf } from '../../lib/device.js';
import { formatDateTime, plural } from '../../lib/format.js';
import { define, PortalElement } from '../../lib/portal-element.js';

/**
 * The person's own browser sessions (the portal's hosted page and the admin page): where and
 * when each was signed in, the one in use, a way to end each, and "sign out everywhere".
 * Nothing shows for someone who never signed in on those pages (a vendor's app signs them in).
 * @csspart sessions - the list
 */
export class CpSessions extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--cp-space);
        max-width: 520px;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--cp-space);
        padding-block: 6px;
        border-bottom: 1px solid var(--cp-color-border);
      }
      .meta {
        color: var(--cp-color-muted);
        font-size: 0.9em;
      }
      .current {
        font-weight: 600;
      }
    `,
  ];

  @state() private sessions: BrowserSession[] | null = null;
  @state() private busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  private async refresh(): Promise<void> {
    try {
      this.sessions = (await this.portal!.api.sessions()).data;
    } catch (error) {
      // An older service, or an API key: the section stays away rather than showing an error.
      this.sessions = [];
      this.portal?.store.fail(asRequestError(error));
    }
  }

  private async end(ids: string[] | null): Promise<void> {
    const ending = ids ? this.sessions!.filter((s) => ids.includes(s.id)) : this.sessions!;
    this.busy = true;
    try {
      if (ids) await Promise.all(ids.map((id) => this.portal!.api.endSession(id)));
      else await this.portal!.api.endAllSessions();
      // The page's own session ended: back to the sign-in page.
      if (ending.some((s) => s.current)) return location.reload();
      this.portal!.store.notify(ids ? msg('That session is signed out.') : msg('You are signed out everywhere.'));
      await this.refresh();
    } catch (error) {
      this.portal!.store.notify(`${msg('The session was not signed out.')} ${errorText(asRequestError(error))}`, 'error');
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const sessions = this.sessions;
    if (!sessions || sessions.length === 0) return nothing;
    const n = sessions.length;
    return html`<section part="sessions" aria-labelledby="sessions-title">
      <h3 id="sessions-title">${msg('Where you are signed in')}</h3>
      <p class="meta">${plural(n, { one: msg(str`${n} open session`), other: msg(str`${n} open sessions`) })}</p>
      <ul>
        ${sessions.map(
          (s) => html`<li>
            <span>
              <span class=${s.current ? 'current' : ''}>${deviceOf(s.userAgent)}${s.current ? html` · ${msg('this browser')}` : nothing}</span><br />
              <span class="meta">${msg(str`Signed in ${formatDateTime(s.createdAt)}`)}${s.ip ? ` · ${s.ip}` : ''} · ${msg(str`last used ${formatDateTime(s.lastUsedAt)}`)}</span>
            </span>
            <button type="button" class="link" ?disabled=${this.busy} aria-label=${msg(str`Sign out ${deviceOf(s.userAgent)}, signed in ${formatDateTime(s.createdAt)}`)} @click=${() => this.end([s.id])}>
              ${msg('Sign out')}
            </button>
          </li>`,
        )}
      </ul>
      <p><button type="button" ?disabled=${this.busy} @click=${() => this.end(null)}>${msg('Sign out everywhere')}</button></p>
    </section>`;
  }
}
define('cp-sessions', CpSessions);

declare global {
  interface HTMLElementTagNameMap {
    'cp-sessions': CpSessions;
  }
}
