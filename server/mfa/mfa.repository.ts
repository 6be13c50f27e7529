import { createHash, randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { Secret, TOTP } from 'otpauth';
import { transact, type Deps } from '../context.js';
import type { Database, User } from '../db/database.js';
import { ApiError } from '../errors.js';
import { appendEvent } from '../events/event-log.js';
import { blockedFor, hit, tooManyRequests, type Limit } from '../lib/rate-limit.js';
import { mfaRequiredFor } from '../tenants/session-limits.js';

/** Wrong codes allowed per person per window, across the code page and the API; then locked until the window ends. */
export const MFA_FAILURE_LIMIT: Limit = { max: 5, windowMs: 15 * 60_000 };
export const RECOVERY_CODE_COUNT = 10;
const PERIOD = 30;

type Person = Pick<User, 'id' | 'tenant_id' | 'name' | 'role' | 'customer_id' | 'email'>;

const failureBucket = (userId: string) => `mfa:fail:${userId}`;

const totpFor = (secret: string, label: string, issuer: string) =>
  new TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });

/** A recovery code as stored: lowercase, without the dash people may or may not type. */
const hashRecoveryCode = (code: string) => createHash('sha256').update(code.replace(/[\s-]/g, '').toLowerCase()).digest('hex');

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
/** `xxxxx-xxxxx`, from an alphabet without look-alikes (50 bits). */
const newRecoveryCode = () => {
  const part = () => Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${part()}-${part()}`;
};

export interface MfaStatus {
  totp: 'off' | 'pending' | 'on';
  /** Whether the tenant's `mfa_required` applies to the person. */
  required: boolean;
  recovery_codes_left: number;
}

/** A person's TOTP state, and whether their tenant requires one. */
export async function mfaStatus(db: Kysely<Database>, userId: string): Promise<MfaStatus> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('tenants as t', 't.id', 'u.tenant_id')
    .leftJoin('mfa_totp as m', 'm.user_id', 'u.id')
    .select(['u.role', 't.settings', 'm.confirmed_at', 'm.user_id as enrolled'])
    .where('u.id', '=', userId)
    .executeTakeFirstOrThrow();
  const left = await db.selectFrom('mfa_recovery_codes').select((eb) => eb.fn.countAll<number | string>().as('n')).where('user_id', '=', userId).where('used_at', 'is', null).executeTakeFirstOrThrow();
  return {
    totp: row.confirmed_at ? 'on' : row.enrolled ? 'pending' : 'off',
    required: mfaRequiredFor(row.settings, row.role),
    recovery_codes_left: row.confirmed_at ? Number(left.n) : 0,
  };
}

/** Whether a sign-in of this person must pass the code page: they have TOTP, or their tenant requires it. */
export async function needsSecondFactor(db: Kysely<Database>, userId: string): Promise<boolean> {
  const status = await mfaStatus(db, userId);
  return status.totp === 'on' || status.required;
}

/**
 * Starts (or restarts) enrolment: a new secret, pending until a code from it is confirmed.
 * Refused (409) while a confirmed one exists: remove it first.
 * @example const { secret, otpauth_url } = await startTotp(trx, user, tenant.name);
 */
export async function startTotp(trx: Kysely<Database>, user: Person, issuer: string): Promise<{ secret: string; otpauth_url: string }> {
  const existing = await trx.selectFrom('mfa_totp').select('confirmed_at').where('user_id', '=', user.id).executeTakeFirst();
  if (existing?.confirmed_at) throw new ApiError(409, 'mfa_already_enabled', 'An authenticator is already set up; remove it before setting up another');
  const secret = new Secret({ size: 20 }).base32;
  const now = new Date().toISOString();
  await trx.deleteFrom('mfa_totp').where('user_id', '=', user.id).execute();
  await trx.insertInto('mfa_totp').values({ user_id: user.id, tenant_id: user.tenant_id, secret, created_at: now, confirmed_at: null, last_counter: 0 }).execute();
  return { secret, otpauth_url: totpFor(secret, user.email ?? user.name, issuer).toString() };
}

/** The pending enrolment's secret and URL, started if there is none (the code page of someone required to enrol). */
export async function pendingTotp(trx: Kysely<Database>, user: Person, issuer: string): Promise<{ secret: string; otpauth_url: string }> {
  const row = await trx.selectFrom('mfa_totp').select(['secret', 'confirmed_at']).where('user_id', '=', user.id).executeTakeFirst();
  if (row && !row.confirmed_at) return { secret: row.secret, otpauth_url: totpFor(row.secret, user.email ?? user.name, issuer).toString() };
  return startTotp(trx, user, issuer);
}

/**
 * Checks a TOTP code against the secret's current step (±1) and accepts each step once: the
 * step is remembered, so the same code (or an older one) never passes twice.
 */
async function acceptTotp(trx: Kysely<Database>, userId: string, code: string, confirmed: boolean, now: number): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const row = await trx.selectFrom('mfa_totp').select(['secret', 'last_counter', 'confirmed_at']).where('user_id', '=', userId).executeTakeFirst();
  if (!row || (row.confirmed_at !== null) !== confirmed) return false;
  const totp = totpFor(row.secret, '', '');
  const delta = totp.validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return false;
  const counter = totp.counter({ timestamp: now }) + delta;
  // Conditional update: two requests with the same code cannot both pass.
  const updated = await trx
    .updateTable('mfa_totp')
    .set({ last_counter: counter })
    .where('user_id', '=', userId)
    .where('last_counter', '<', counter)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

async function acceptRecoveryCode(trx: Kysely<Database>, userId: string, code: string): Promise<boolean> {
  if (!/^[a-z0-9]{5}-?[a-z0-9]{5}$/i.test(code.trim())) return false;
  const updated = await trx
    .updateTable('mfa_recovery_codes')
    .set({ used_at: new Date().toISOString() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hashRecoveryCode(code.trim()))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

export type CodeKind = 'totp' | 'recovery_code';

/** A code of a confirmed authenticator (TOTP or a recovery code), each accepted once; null when wrong. */
export async function acceptCode(trx: Kysely<Database>, userId: string, code: string, now = Date.now()): Promise<CodeKind | null> {
  const trimmed = code.trim().replace(/\s/g, '');
  if (await acceptTotp(trx, userId, trimmed, true, now)) return 'totp';
  if (await acceptRecoveryCode(trx, userId, trimmed)) return 'recovery_code';
  return null;
}

const who = (user: Person) => ({ id: user.id, name: user.name, role: user.role, customer_id: user.customer_id });

async function recordMfaEvent(
  trx: Kysely<Database>,
  user: Person,
  type: 'user.mfa_enabled' | 'user.mfa_disabled' | 'user.mfa_locked',
  data: Record<string, unknown> = {},
  actor: string | null = type === 'user.mfa_locked' ? null : user.id,
) {
  await appendEvent(trx, { tenantId: user.tenant_id, customerId: user.customer_id, visibility: 'internal', type, subjectId: user.id, actorId: actor, data: { user: who(user), ...data } });
}

/**
 * Confirms a pending enrolment with a code from it: TOTP is on from now, with fresh recovery
 * codes (answered here once; only their hashes are kept) and `user.mfa_enabled`. Null when the
 * code is wrong or nothing is pending.
 */
export async function confirmTotp(trx: Kysely<Database>, user: Person, code: string, now = Date.now()): Promise<string[] | null> {
  if (!(await acceptTotp(trx, user.id, code.trim().replace(/\s/g, ''), false, now))) return null;
  const at = new Date(now).toISOString();
  await trx.updateTable('mfa_totp').set({ confirmed_at: at }).where('user_id', '=', user.id).execute();
  await trx.deleteFrom('mfa_recovery_codes').where('user_id', '=', user.id).execute();
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await trx.insertInto('mfa_recovery_codes').values(codes.map((c) => ({ code_hash: hashRecoveryCode(c), user_id: user.id, created_at: at, used_at: null }))).execute();
  await recordMfaEvent(trx, user, 'user.mfa_enabled', { method: 'totp' });
  return codes;
}

/**
 * Removes the person's authenticator and recovery codes with `user.mfa_disabled`; false when there was none.
 * `resetBy`: an admin's reset of a lost authenticator (the actor, `reset: true`), which also ends the person's open code pages.
 */
export async function removeTotp(trx: Kysely<Database>, user: Person, resetBy?: { actorId: string | null }): Promise<boolean> {
  const removed = await trx.deleteFrom('mfa_totp').where('user_id', '=', user.id).returning('confirmed_at').executeTakeFirst();
  await trx.deleteFrom('mfa_recovery_codes').where('user_id', '=', user.id).execute();
  if (resetBy) await trx.deleteFrom('mfa_challenges').where('user_id', '=', user.id).execute();
  if (removed?.confirmed_at) {
    if (resetBy) await recordMfaEvent(trx, user, 'user.mfa_disabled', { method: 'totp', reset: true }, resetBy.actorId);
    else await recordMfaEvent(trx, user, 'user.mfa_disabled', { method: 'totp' });
  }
  return removed !== undefined;
}

/** 429 when the person has entered too many wrong codes lately. */
export async function checkNotLocked(db: Kysely<Database>, userId: string): Promise<void> {
  const wait = await blockedFor(db, failureBucket(userId), MFA_FAILURE_LIMIT);
  if (wait) throw tooManyRequests(wait, 'Too many wrong codes');
}

/**
 * Counts a wrong code; the one that reaches the limit locks the person's code entry for the
 * rest of the window and writes `user.mfa_locked`. Answers whether they are locked now.
 */
export async function recordFailure(deps: Deps, user: Person): Promise<boolean> {
  await hit(deps.db, failureBucket(user.id), MFA_FAILURE_LIMIT);
  const locked = (await blockedFor(deps.db, failureBucket(user.id), MFA_FAILURE_LIMIT)) !== null;
  if (locked) {
    await transact(deps, async (trx) => {
      // One row per lock: only the failure that reaches the limit writes it.
      const row = await trx.selectFrom('rate_limits').select('count').where('bucket', '=', failureBucket(user.id)).executeTakeFirst();
      if (Number(row?.count) === MFA_FAILURE_LIMIT.max) await recordMfaEvent(trx, user, 'user.mfa_locked', { failures: MFA_FAILURE_LIMIT.max });
      await trx.deleteFrom('mfa_challenges').where('user_id', '=', user.id).execute();
    });
  }
  return locked;
}
