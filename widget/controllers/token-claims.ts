import type { Role } from '../api/api.types.js';
import { RequestError } from '../api/request-error.js';

/** What the widget reads from an embed token: it never verifies it (the service does). */
export interface TokenClaims {
  /** The user id. */
  sub: string;
  role: Role;
  /** The customer id, for contacts (and staff tokens issued for one customer). */
  cid: string | null;
  /** The tenant id. */
  aud: string;
  iat: number;
  exp: number;
}

/**
 * Reads a JWT's payload.
 * @example decodeClaims(token).exp * 1000 - Date.now() // ms left
 */
export function decodeClaims(token: string): TokenClaims {
  try {
    const payload = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const json = JSON.parse(decodeURIComponent(escape(atob(payload)))) as Record<string, unknown>;
    if (typeof json.sub !== 'string' || typeof json.exp !== 'number') throw new Error('missing claims');
    return {
      sub: json.sub,
      role: json.role === 'staff' ? 'staff' : 'contact',
      cid: typeof json.cid === 'string' ? json.cid : null,
      aud: String(json.aud),
      iat: typeof json.iat === 'number' ? json.iat : Math.floor(Date.now() / 1000),
      exp: json.exp,
    };
  } catch {
    throw new RequestError(401, 'invalid_token', 'The embed token is not a valid token');
  }
}
