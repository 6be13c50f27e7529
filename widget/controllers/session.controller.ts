import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { REQUEST_TIMEOUT_MS } from '../api/api-client.js';
import { RequestError } from '../api/request-error.js';
import { decodeClaims, type TokenClaims } from './token-claims.js';

/** Where tokens come from: the element's `token`, `token-url` or `tokenProvider`. */
export interface TokenSource {
  token?: string | null | undefined;
  tokenUrl?: string | null | undefined;
  tokenProvider?: (() => Promise<string>) | null | undefined;
}

/** Renew this long before `exp`: a fifth of the lifetime, at most a minute. */
const margin = (c: TokenClaims) => Math.min(60, Math.max(5, (c.exp - c.iat) / 5)) * 1000;
const RETRY_MS = [2_000, 5_000, 15_000, 30_000];

/**
 * The session: holds the embed token, renews it before it expires (so nothing on screen is
 * lost), and tells the host when the user behind the token changes.
 * @example
 *   session = new SessionController(this, () => ({ tokenUrl: this.tokenUrl }), (before, after) => …);
 *   const token = await session.token();
 */
export class SessionController implements ReactiveController {
  claims: TokenClaims | null = null;
  private current: string | null = null;
  private pending: Promise<string> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private connected = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly source: () => TokenSource,
    private readonly onClaims: (before: TokenClaims | null, after: TokenClaims) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    if (this.claims) this.schedule(this.claims);
  }

  hostDisconnected(): void {
    this.connected = false;
    clearTimeout(this.timer);
  }

  /**
   * The credential changed (new attribute or provider): the next call fetches a token. With
   * `forget`, that token counts as a new user's even if it is the same one (a start over).
   */
  reset(forget = false): void {
    if (forget) this.claims = null;
    this.current = null;
    this.pending = null;
    clearTimeout(this.timer);
  }

  /** A valid token: the current one, or a new one if it is about to expire or `renew` asks. */
  token = (renew = false): Promise<string> => {
    const fresh = this.current && this.claims && this.claims.exp * 1000 - Date.now() > 5_000;
    if (this.current && fresh && !renew) return Promise.resolve(this.current);
    this.pending ??= this.fetch()
      .then((token) => this.accept(token))
      .finally(() => (this.pending = null));
    return this.pending;
  };

  private async fetch(): Promise<string> {
    const { token, tokenUrl, tokenProvider } = this.source();
    if (tokenProvider) return tokenProvider();
    if (tokenUrl) {
      let response: Response;
      try {
        response = await fetch(tokenUrl, { method: 'POST', credentials: 'include', headers: { accept: 'application/json' }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      } catch (error) {
        throw RequestError.network(error, (error as Error).name === 'TimeoutError');
      }
      if (!response.ok) {
        // The vendor's endpoint passes the portal's refusal through: its reason reaches cp-error.
        const refusal = await RequestError.from(response);
        const reason = refusal.code.startsWith('http_') ? '' : `: ${refusal.message}`;
        throw new RequestError(response.status, reason ? refusal.code : 'token_url_failed', `The token URL answered ${response.status}${reason}`, refusal.details);
      }
      const body = (await response.json().catch(() => ({}))) as { token?: unknown };
      if (typeof body.token !== 'string') throw new RequestError(502, 'token_url_failed', 'The token URL did not answer {"token": "…"}');
      return body.token;
    }
    if (token) return token;
    throw new RequestError(401, 'no_credentials', 'Give the widget a token, a token-url or a tokenProvider');
  }

  private accept(token: string): string {
    const claims = decodeClaims(token);
    const before = this.claims;
    this.current = token;
    this.claims = claims;
    this.failures = 0;
    this.schedule(claims);
    if (!before || before.sub !== claims.sub || before.aud !== claims.aud || before.cid !== claims.cid) this.onClaims(before, claims);
    return token;
  }

  private schedule(claims: TokenClaims): void {
    clearTimeout(this.timer);
    // A static token cannot be renewed; the host replaces it through the attribute.
    if (!this.connected || (!this.source().tokenUrl && !this.source().tokenProvider)) return;
    const delay = Math.max(0, claims.exp * 1000 - margin(claims) - Date.now());
    this.timer = setTimeout(() => this.renew(), delay);
  }

  private renew(): void {
    this.token(true).catch(() => {
      // Keep trying until the token expires; after that, the next request asks again and
      // its failure reaches the view (error state and cp-error).
      const wait = RETRY_MS[Math.min(this.failures++, RETRY_MS.length - 1)]!;
      if (this.connected && this.claims && this.claims.exp * 1000 > Date.now() + wait) this.timer = setTimeout(() => this.renew(), wait);
    });
  }
}
