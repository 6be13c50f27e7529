import type { Kysely } from 'kysely';
import { hashOpaqueToken, newOpaqueToken } from '../auth/opaque-token.js';
import { accessCutoff } from '../auth/token-cutoff.js';
import type { Database, Role, User } from '../db/database.js';
import { appendEvent } from '../events/event-log.js';
import { newId } from '../lib/ids.js';
import { requestOrigin } from '../lib/request-context.js';
import { sessionLimits, type SessionLimits } from '../tenants/session-limits.js';

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
  | { kind: 'active'; id: string; user: SessionUser; touched: boolean; /** When it ends unless used again (ms). */ endsAt: number }
  /** The session existed but its user's access ended: it is gone now. */
  | { kind: 'revoked' }
  /** No such session, or it expired. */
  | { kind: 'none' };

/** How a session was opened, as its sign-in row says. */
export type SignInMethod = 'magic_link' | 'sso';

/** When a session ends if it is not used again: idle time after its last use, never past its maximum age. */
export const sessionEnd = (limits: SessionLimits, createdAt: number, lastUsedAt: number): number =>
  Math.min(lastUsedAt + limits.idleMs, createdAt + limits.maxMs);

/** When a stored session ends under the tenant's current limits (shortened ones apply at once). */
const endOf = (limits: SessionLimits, row: { created_at: string; last_used_at: string; expires_at: string }): number =>
  Math.min(Date.parse(row.expires_at), sessionEnd(limits, Date.parse(row.created_at), Date.parse(row.last_used_at)));

async function tenantLimits(db: Kysely<Database>, tenantId: string): Promise<SessionLimits> {
  const tenant = await db.selectFrom('tenants').select('settings').where('id', '=', tenantId).executeTakeFirstOrThrow();
  return sessionLimits(tenant.settings);
}

const who = (user: Pick<User, 'id' | 'name' | 'role' | 'customer_id'>) => ({ id: user.id, name: user.name, role: user.role, customer_id: user.customer_id });

/**
 * Opens a session for `user` (remembering the request's address and user agent), writes its
 * `user.signed_in` row (with the `second_factor` that passed the code page, if one did), and returns the cookie value (only its hash is stored) with when the
 * session ends unless used.
 * @example const { cookie, endsAt } = await createSession(trx, user, 'magic_link');
 */
export async function createSession(
  trx: Kysely<Database>,
  user: Pick<User, 'id' | 'tenant_id' | 'name' | 'role' | 'customer_id'>,
  method: SignInMethod,
  now = Date.now(),
  secondFactor?: 'totp' | 'recovery_code',
): Promise<{ cookie: string; id: string; endsAt: number }> {
  const { token, hash } = newOpaqueToken();
  const id = newId('ses');
  // A deactivation within a second of an earlier one records its cutoff up to a second ahead
  // (`nextCutoff`); a session opened once access is back starts after it, as `issuedAtFor` does
  // for tokens, or `resolveSession` would take it for one that predates the cutoff.
  const ends = await trx.selectFrom('users as u').leftJoin('customers as c', 'c.id', 'u.customer_id').select(['u.access_revoked_at', 'c.portal_disabled_at']).where('u.id', '=', user.id).executeTakeFirst();
  const cutoff = accessCutoff(ends?.access_revoked_at, user.role === 'contact' ? ends?.portal_disabled_at : null);
  const opened = cutoff === null ? now : Math.max(now, cutoff + 1);
  const at = new Date(opened).toISOString();
  const endsAt = sessionEnd(await tenantLimits(trx, user.tenant_id), opened, opened);
  const origin = requestOrigin();
  await trx
    .insertInto('sessions')
    .values({ id, id_hash: hash, tenant_id: user.tenant_id, user_id: user.id, created_at: at, last_used_at: at, expires_at: new Date(endsAt).toISOString(), ip: origin?.ip ?? null, user_agent: origin?.userAgent ?? null })
    .execute();
  await appendEvent(trx, {
    tenantId: user.tenant_id,
    customerId: user.customer_id,
    visibility: 'internal',
    type: 'user.signed_in',
    subjectId: user.id,
    actorId: user.id,
    data: { user: who(user), session_id: id, method, ...(secondFactor ? { second_factor: secondFactor } : {}) },
  });
  return { cookie: token, id, endsAt };
}

/**
 * The session behind a cookie value, checked against its user's current access and its tenant's
 * idle time and maximum age on every use: a deactivated user, a disabled customer portal or an
 * expired session ends it at once. A live session slides forward (and the user's
 * `last_seen_at` with it), at most once a minute.
 */
export async function resolveSession(db: Kysely<Database>, cookie: string, now = Date.now()): Promise<SessionLookup> {
  const hash = hashOpaqueToken(cookie);
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('tenants as t', 't.id', 's.tenant_id')
    .leftJoin('customers as c', 'c.id', 'u.customer_id')
    .select([
      's.id',
      's.created_at',
      's.last_used_at',
      's.expires_at',
      't.id as tenant_id',
      't.slug',
      't.settings',
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
  const limits = sessionLimits(row.settings);
  const created = Date.parse(row.created_at);
  const endsAt = endOf(limits, row);
  if (endsAt <= now) {
    await db.deleteFrom('sessions').where('id_hash', '=', hash).execute();
    return { kind: 'none' };
  }
  const cutoff = accessCutoff(row.access_revoked_at, row.role === 'contact' ? row.portal_disabled_at : null);
  // A session opened before access last ended stays ended, even once access is back.
  const predatesCutoff = cutoff !== null && created <= cutoff;
  if (row.portal_access === 'deactivated' || (row.role === 'contact' && row.portal_enabled !== 1) || predatesCutoff) {
    await db.deleteFrom('sessions').where('id_hash', '=', hash).execute();
    return { kind: 'revoked' };
  }
  const touched = now - Date.parse(row.last_used_at) >= TOUCH_EVERY_MS;
  const slid = touched ? sessionEnd(limits, created, now) : endsAt;
  if (touched) {
    const at = new Date(now).toISOString();
    await db.updateTable('sessions').set({ last_used_at: at, expires_at: new Date(slid).toISOString() }).where('id_hash', '=', hash).execute();
    await db.updateTable('users').set({ last_seen_at: at }).where('id', '=', row.user_id).execute();
  }
  return {
    kind: 'active',
    id: row.id,
    touched,
    endsAt: slid,
    user: { tenantId: row.tenant_id, tenantSlug: row.slug, userId: row.user_id, name: row.name, role: row.role, customerId: row.customer_id, accessCutoff: cutoff },
  };
}

/** Whether the session `id` is still open (an embed token exchanged from it lives only as long). */
export async function sessionIsOpen(db: Kysely<Database>, id: string, now = Date.now()): Promise<boolean> {
  const row = await db.selectFrom('sessions').select('expires_at').where('id', '=', id).executeTakeFirst();
  return row !== undefined && Date.parse(row.expires_at) > now;
}

/** A session as its person lists it. */
export interface SessionView {
  id: string;
  created_at: string;
  last_used_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
  current: boolean;
}

/**
 * The open sessions of `userId`, most recently used first; `current` marks the one the caller
 * is using (its embed token was exchanged from it).
 * @example await listSessions(db, principal, c.var.sessionId ?? null);
 */
export async function listSessions(db: Kysely<Database>, user: { tenantId: string; userId: string }, currentId: string | null, now = Date.now()): Promise<SessionView[]> {
  const limits = await tenantLimits(db, user.tenantId);
  const rows = await db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_used_at', 'expires_at', 'ip', 'user_agent'])
    .where('user_id', '=', user.userId)
    .where('expires_at', '>', new Date(now).toISOString())
    .orderBy('last_used_at', 'desc')
    .orderBy('id')
    .execute();
  // As `resolveSession` sees them: the tenant's current limits end some sooner than stored.
  return rows.flatMap((row) => {
    const endsAt = endOf(limits, row);
    return endsAt > now ? [{ ...row, expires_at: new Date(endsAt).toISOString(), current: row.id === currentId }] : [];
  });
}

export type SignOutReason = 'logout' | 'replaced' | 'ended' | 'everywhere';

/**
 * Ends sessions of `user` (`ids` null: all of them) with one `user.signed_out` row each, by
 * `actorId` (the person, or null when the session simply expired); answers the ids ended.
 * @example await endSessions(trx, user, [sessionId], 'ended', user.id);
 */
export async function endSessions(
  trx: Kysely<Database>,
  user: Pick<User, 'id' | 'tenant_id' | 'name' | 'role' | 'customer_id'>,
  ids: readonly string[] | null,
  reason: SignOutReason,
  actorId: string | null,
): Promise<string[]> {
  let query = trx.deleteFrom('sessions').where('user_id', '=', user.id);
  if (ids) {
    if (ids.length === 0) return [];
    query = query.where('id', 'in', ids);
  }
  const ended = (await query.returning('id').execute()).map((r) => r.id).sort();
  if (ended.length > 0) {
    await appendEvent(trx, {
      tenantId: user.tenant_id,
      customerId: user.customer_id,
      visibility: 'internal',
      type: 'user.signed_out',
      subjectId: user.id,
      actorId,
      data: { user: who(user), session_ids: ended, reason },
    });
  }
  return ended;
}

/** The session behind a cookie value, for sign-out: its id and its user, or null. */
export async function sessionByCookie(db: Kysely<Database>, cookie: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id', 'u.id as user_id', 'u.tenant_id', 'u.name', 'u.role', 'u.customer_id'])
    .where('s.id_hash', '=', hashOpaqueToken(cookie))
    .executeTakeFirst();
}
