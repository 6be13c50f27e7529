import type { Kysely } from 'kysely';
import { hashOpaqueToken, newOpaqueToken } from '../auth/opaque-token.js';
import { accessCutoff } from '../auth/token-cutoff.js';
import type { Database, Role } from '../db/database.js';

/** A session ends after this long without use. */
export const SESSION_IDLE_MS = 30 * 24 * 60 * 60 * 1000;
/** Use is recorded at most this often, so a busy page does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

/** Who a browser session belongs to, as the pages and the token exchange need it. */
export interface SessionUser {
  tenantId: string;
  tenantSlug: string;
  userId: string;
  name: string;
  role: Role;
  customerId: string | null;
  /** When the user's access last ended (ms): tokens for the session are issued after it. */
  accessCutoff: number | null;
}

export type SessionLookup =
  | { kind: 'active'; user: SessionUser; touched: boolean }
  /** The session existed but its user's access ended: it is gone now. */
  | { kind: 'revoked' }
  /** No such session, or it expired. */
  | { kind: 'none' };

const plusIdle = (now: number) => new Date(now + SESSION_IDLE_MS).toISOString();

/**
 * Opens a session for `userId` and returns the cookie value (only its hash is stored).
 * @example const cookie = await createSession(trx, user.tenant_id, user.id);
 */
export async function createSession(trx: Kysely<Database>, tenantId: string, userId: string, now = Date.now()): Promise<string> {
  const { token, hash } = newOpaqueToken();
  const at = new Date(now).toISOString();
  await trx.insertInto('sessions').values({ id_hash: hash, tenant_id: tenantId, user_id: userId, created_at: at, last_used_at: at, expires_at: plusIdle(now) }).execute();
  return token;
}

/**
 * The session behind a cookie value, checked against its user's current access on every use:
 * a deactivated user or a disabled customer portal ends it at once. A live session slides
 * forward (and the user's `last_seen_at` with it), at most once a minute.
 */
export async function resolveSession(db: Kysely<Database>, cookie: string, now = Date.now()): Promise<SessionLookup> {
  const hash = hashOpaqueToken(cookie);
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('tenants as t', 't.id', 's.tenant_id')
    .leftJoin('customers as c', 'c.id', 'u.customer_id')
    .select([
      's.created_at',
      's.last_used_at',
      's.expires_at',
      't.id as tenant_id',
      't.slug',
      'u.id as user_id',
      'u.name',
      'u.role',
      'u.customer_id',
      'u.portal_access',
      'u.access_revoked_at',
      'c.portal_enabled',
      'c.portal_disabled_at',
    ])
    .where('s.id_hash', '=', hash)
    .executeTakeFirst();
  if (!row) return { kind: 'none' };
  if (Date.parse(row.expires_at) <= now) {
    await db.deleteFrom('sessions').where('id_hash', '=', hash).execute();
    return { kind: 'none' };
  }
  const cutoff = accessCutoff(row.access_revoked_at, row.role === 'contact' ? row.portal_disabled_at : null);
  // A session opened before access last ended stays ended, even once access is back.
  const predatesCutoff = cutoff !== null && Date.parse(row.created_at) <= cutoff;
  if (row.portal_access === 'deactivated' || (row.role === 'contact' && row.portal_enabled !== 1) || predatesCutoff) {
    await db.deleteFrom('sessions').where('id_hash', '=', hash).execute();
    return { kind: 'revoked' };
  }
  const touched = now - Date.parse(row.last_used_at) >= TOUCH_EVERY_MS;
  if (touched) {
    const at = new Date(now).toISOString();
    await db.updateTable('sessions').set({ last_used_at: at, expires_at: plusIdle(now) }).where('id_hash', '=', hash).execute();
    await db.updateTable('users').set({ last_seen_at: at }).where('id', '=', row.user_id).execute();
  }
  return {
    kind: 'active',
    touched,
    user: { tenantId: row.tenant_id, tenantSlug: row.slug, userId: row.user_id, name: row.name, role: row.role, customerId: row.customer_id, accessCutoff: cutoff },
  };
}

/** Ends the session behind a cookie value (sign-out); unknown values are ignored. */
export async function endSession(db: Kysely<Database>, cookie: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', hashOpaqueToken(cookie)).execute();
}
