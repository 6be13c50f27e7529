import { hashApiKey } from './access.js';
import { randomToken } from '../lib/ids.js';

/**
 * A fresh bearer secret (an emailed link, a session cookie) and the hash it is stored under:
 * like API keys, the secret itself is never written down, so a copy of the database signs
 * nobody in.
 * @example const { token, hash } = newOpaqueToken(); await insert({ token_hash: hash }); mail(token);
 */
export function newOpaqueToken(): { token: string; hash: string } {
  const token = randomToken(32);
  return { token, hash: hashOpaqueToken(token) };
}

/** The stored form of a secret from `newOpaqueToken`. */
export const hashOpaqueToken = (token: string): string => hashApiKey(token);
