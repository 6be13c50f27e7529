import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { transact, type AppEnv } from '../context.js';
import { endSessions, resolveSession, sessionByCookie, type SessionLookup, type SignOutReason } from './session.repository.js';

/** The browser session cookie of the hosted portal and the admin page. */
export const SESSION_COOKIE = 'cp_session';

const ownOrigin = (c: Context<AppEnv>) => new URL(c.var.deps.config.publicUrl).origin;

const cookieOptions = (c: Context<AppEnv>) => ({
  httpOnly: true,
  sameSite: 'Lax' as const,
  path: '/',
  secure: ownOrigin(c).startsWith('https:'),
});

/** Sets (or refreshes) the session cookie; it lives until the session ends unless used (`endsAt`, ms). */
export function setSessionCookie(c: Context<AppEnv>, value: string, endsAt: number): void {
  setCookie(c, SESSION_COOKIE, value, { ...cookieOptions(c), maxAge: Math.max(1, Math.ceil((endsAt - Date.now()) / 1000)) });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, cookieOptions(c));
}

export const readSessionCookie = (c: Context<AppEnv>): string | undefined => getCookie(c, SESSION_COOKIE) || undefined;

/**
 * Whether a cookie-carrying write comes from one of our own pages. Browsers send `Origin` on
 * every POST, and a page elsewhere (even a sibling subdomain, which SameSite=Lax lets through)
 * cannot forge it, so this stops cross-site request forgery on the session endpoints.
 */
export const isSameOrigin = (c: Context<AppEnv>): boolean => c.req.header('origin') === ownOrigin(c);

/**
 * The request's session, checked against the user's current access. The cookie follows the
 * session: refreshed when the session slides, removed when the session is gone.
 * @example const session = await currentSession(c); if (session.kind === 'active') …
 */
export async function currentSession(c: Context<AppEnv>): Promise<SessionLookup> {
  const cookie = readSessionCookie(c);
  if (!cookie) return { kind: 'none' };
  const session = await resolveSession(c.var.deps.db, cookie);
  if (session.kind === 'active' && session.touched) setSessionCookie(c, cookie, session.endsAt);
  if (session.kind !== 'active') clearSessionCookie(c);
  return session;
}

/**
 * Ends the session behind a cookie value with its `user.signed_out` row (by its own person);
 * an unknown value ends nothing.
 * @example await signOutCookie(c, cookie, 'logout');
 */
export async function signOutCookie(c: Context<AppEnv>, cookie: string, reason: SignOutReason): Promise<void> {
  const session = await sessionByCookie(c.var.deps.db, cookie);
  if (!session) return;
  const user = { id: session.user_id, tenant_id: session.tenant_id, name: session.name, role: session.role, customer_id: session.customer_id };
  await transact(c.var.deps, (trx) => endSessions(trx, user, [session.id], reason, user.id));
}
