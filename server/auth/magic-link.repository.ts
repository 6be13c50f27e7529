import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/database.js';
import { hashOpaqueToken, newOpaqueToken } from './opaque-token.js';

/** How long a link asked for on the sign-in page works. */
export const SIGN_IN_LINK_TTL_MS = 10 * 60_000;
/** How long an invitation works: people read invitations hours later, not within minutes. */
export const INVITE_LINK_TTL_MS = 72 * 60 * 60_000;

export type LinkPurpose = 'sign_in' | 'invite';

/** A person a link may be sent to. */
export interface LinkRecipient {
  id: string;
  tenant_id: string;
  name: string;
  email: string | null;
  role: Role;
  customer_id: string | null;
  customer_name: string | null;
}

/**
 * The people of `tenantId` with this email who may sign in: not deactivated, and for a
 * contact, its customer's portal switched on. Usually one; a person who is a contact of two
 * customers has two accounts.
 */
export async function findRecipients(db: Kysely<Database>, tenantId: string, email: string): Promise<LinkRecipient[]> {
  return db
    .selectFrom('users as u')
    .leftJoin('customers as c', 'c.id', 'u.customer_id')
    .select(['u.id', 'u.tenant_id', 'u.name', 'u.email', 'u.role', 'u.customer_id', 'c.name as customer_name'])
    .where('u.tenant_id', '=', tenantId)
    .where('u.email', '=', email)
    .where('u.portal_access', '!=', 'deactivated')
    .where((eb) => eb.or([eb('u.role', '=', 'staff'), eb('c.portal_enabled', '=', 1)]))
    .orderBy('u.created_at')
    .limit(5)
    .execute();
}

/**
 * Stores a new single-use link for `user` and returns its token (only the hash is kept).
 * @example const { token } = await issueLink(trx, user, 'sign_in', SIGN_IN_LINK_TTL_MS, null);
 */
export async function issueLink(
  trx: Kysely<Database>,
  user: { id: string; tenant_id: string },
  purpose: LinkPurpose,
  ttlMs: number,
  returnTo: string | null,
  now = Date.now(),
): Promise<{ token: string; expiresAt: string }> {
  const { token, hash } = newOpaqueToken();
  const expiresAt = new Date(now + ttlMs).toISOString();
  await trx
    .insertInto('magic_links')
    .values({ token_hash: hash, tenant_id: user.tenant_id, user_id: user.id, purpose, return_to: returnTo, created_at: new Date(now).toISOString(), expires_at: expiresAt, used_at: null })
    .execute();
  return { token, expiresAt };
}

export type LinkState = 'valid' | 'used' | 'expired' | 'unknown';

/** What a link is now, without using it: what the confirm page (and a mail scanner) sees. */
export async function inspectLink(db: Kysely<Database>, token: string, now = Date.now()): Promise<{ state: LinkState; tenantId: string | null }> {
  const row = await db.selectFrom('magic_links').select(['tenant_id', 'expires_at', 'used_at']).where('token_hash', '=', hashOpaqueToken(token)).executeTakeFirst();
  if (!row) return { state: 'unknown', tenantId: null };
  const state = row.used_at ? 'used' : Date.parse(row.expires_at) <= now ? 'expired' : 'valid';
  return { state, tenantId: row.tenant_id };
}

/**
 * Uses a link: one conditional update, so of two concurrent uses exactly one wins.
 * @returns the link's user and landing, or null when it was used, expired or never existed.
 */
export async function consumeLink(trx: Kysely<Database>, token: string, now = Date.now()): Promise<{ userId: string; returnTo: string | null } | null> {
  const hash = hashOpaqueToken(token);
  const at = new Date(now).toISOString();
  const result = await trx
    .updateTable('magic_links')
    .set({ used_at: at })
    .where('token_hash', '=', hash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return null;
  const row = await trx.selectFrom('magic_links').select(['user_id', 'return_to']).where('token_hash', '=', hash).executeTakeFirstOrThrow();
  return { userId: row.user_id, returnTo: row.return_to };
}
