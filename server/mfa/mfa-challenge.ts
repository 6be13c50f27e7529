import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Kysely } from 'kysely';
import { hashOpaqueToken, newOpaqueToken } from '../auth/opaque-token.js';
import type { AppEnv } from '../context.js';
import type { Database, User } from '../db/database.js';
import type { SignInMethod } from '../sessions/session.repository.js';

/** The cookie of a sign-in waiting for its code; it only reaches the code page. */
export const MFA_COOKIE = 'cp_mfa';
export const MFA_PAGE = '/auth/mfa';
/** Time to open the authenticator app and type a code. */
export const CHALLENGE_TTL_MS = 10 * 60_000;

/**
 * Opens a code page for a person who proved their email (a link, or later SSO): no session
 * yet, only a short-lived cookie naming this challenge. A new one replaces the person's older ones.
 */
export async function openChallenge(
  trx: Kysely<Database>,
  user: Pick<User, 'id' | 'tenant_id'>,
  method: SignInMethod,
  landing: string,
  now = Date.now(),
): Promise<{ cookie: string; expiresAt: number }> {
  const { token, hash } = newOpaqueToken();
  await trx.deleteFrom('mfa_challenges').where('user_id', '=', user.id).execute();
  const expiresAt = now + CHALLENGE_TTL_MS;
  await trx
    .insertInto('mfa_challenges')
    .values({ id_hash: hash, tenant_id: user.tenant_id, user_id: user.id, method, landing, created_at: new Date(now).toISOString(), expires_at: new Date(expiresAt).toISOString() })
    .execute();
  return { cookie: token, expiresAt };
}

/** The open challenge behind the request's `cp_mfa` cookie, with its person; undefined when none or expired. */
export async function findChallenge(c: Context<AppEnv>, now = Date.now()) {
  const cookie = getCookie(c, MFA_COOKIE);
  if (!cookie) return undefined;
  const row = await c.var.deps.db
    .selectFrom('mfa_challenges as ch')
    .innerJoin('users as u', 'u.id', 'ch.user_id')
    .select(['ch.id_hash', 'ch.method', 'ch.landing', 'ch.expires_at', 'u.id', 'u.tenant_id', 'u.name', 'u.role', 'u.customer_id', 'u.email'])
    .where('ch.id_hash', '=', hashOpaqueToken(cookie))
    .executeTakeFirst();
  return row && Date.parse(row.expires_at) > now ? row : undefined;
}

const challengeCookieOptions = (c: Context<AppEnv>) => ({
  httpOnly: true,
  sameSite: 'Lax' as const,
  path: MFA_PAGE,
  secure: new URL(c.var.deps.config.publicUrl).protocol === 'https:',
});

export function setChallengeCookie(c: Context<AppEnv>, value: string): void {
  setCookie(c, MFA_COOKIE, value, { ...challengeCookieOptions(c), maxAge: CHALLENGE_TTL_MS / 1000 });
}

export function clearChallengeCookie(c: Context<AppEnv>): void {
  deleteCookie(c, MFA_COOKIE, challengeCookieOptions(c));
}
