import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { accessEnded } from '../auth/magic-link.js';
import { transact, type AppEnv } from '../context.js';
import { pageTenant, sendPage } from '../hosted/layout.js';
import { accessEndedPage, forbiddenPage } from '../hosted/pages.js';
import { blockedFor } from '../lib/rate-limit.js';
import { createRouter } from '../lib/router.js';
import { isSameOrigin, readSessionCookie, setSessionCookie, signOutCookie } from '../sessions/session-cookie.js';
import { createSession, type SignInMethod } from '../sessions/session.repository.js';
import { findTenant } from '../tenants/tenant.repository.js';
import { recordSignIn } from '../users/user.repository.js';
import { clearChallengeCookie, findChallenge, MFA_PAGE } from './mfa-challenge.js';
import { challengeGonePage, codePage, enrolPage, lockedPage, recoveryCodesPage } from './mfa-pages.js';
import { acceptCode, confirmTotp, MFA_FAILURE_LIMIT, mfaStatus, pendingTotp, recordFailure, type CodeKind } from './mfa.repository.js';

type Challenge = NonNullable<Awaited<ReturnType<typeof findChallenge>>>;

const lockWait = (c: Context<AppEnv>, userId: string) => blockedFor(c.var.deps.db, `mfa:fail:${userId}`, MFA_FAILURE_LIMIT);

/** The page the challenge's person sees now: their code, or enrolment when their organisation requires one. */
async function challengePage(c: Context<AppEnv>, challenge: Challenge, status: 400 | 200, error?: string): Promise<Response> {
  const tenant = pageTenant((await findTenant(c.var.deps.db, challenge.tenant_id))!);
  const { totp } = await mfaStatus(c.var.deps.db, challenge.id);
  if (totp === 'on') return sendPage(c, status, codePage(tenant, error));
  const enrolment = await transact(c.var.deps, (trx) => pendingTotp(trx, challenge, tenant.name));
  return sendPage(c, status, enrolPage(tenant, enrolment, error));
}

/**
 * The code page of a sign-in (`/auth/mfa`, reached only with the `cp_mfa` cookie the link's
 * POST set): the code (TOTP or a recovery code), or, for a person required to have one and
 * without, enrolment. Only a right code opens the session and sets `cp_session`.
 */
export const mfaPageRoutes = createRouter()
  .use(MFA_PAGE, bodyLimit({ maxSize: 4 * 1024 }))
  .get(MFA_PAGE, async (c) => {
    c.header('Cache-Control', 'no-store');
    const challenge = await findChallenge(c);
    if (!challenge) return sendPage(c, 410, challengeGonePage());
    const wait = await lockWait(c, challenge.id);
    if (wait) return sendPage(c, 429, lockedPage(null, wait), { 'Retry-After': String(wait) });
    return challengePage(c, challenge, 200);
  })
  .post(MFA_PAGE, async (c) => {
    if (!isSameOrigin(c)) return sendPage(c, 403, forbiddenPage());
    c.header('Cache-Control', 'no-store');
    const challenge = await findChallenge(c);
    if (!challenge) {
      clearChallengeCookie(c);
      return sendPage(c, 410, challengeGonePage());
    }
    const tenantRow = (await findTenant(c.var.deps.db, challenge.tenant_id))!;
    const tenant = pageTenant(tenantRow);
    const wait = await lockWait(c, challenge.id);
    if (wait) return sendPage(c, 429, lockedPage(tenant, wait), { 'Retry-After': String(wait) });
    const form = await c.req.parseBody();
    const code = typeof form.code === 'string' ? form.code.trim() : '';
    if (code.length < 6 || code.length > 20) return challengePage(c, challenge, 400, 'Enter the 6-digit code from your app, or a recovery code.');

    const enrolled = (await mfaStatus(c.var.deps.db, challenge.id)).totp === 'on';
    const outcome = await transact(c.var.deps, async (trx) => {
      let secondFactor: CodeKind | null;
      let recoveryCodes: string[] | null = null;
      if (enrolled) secondFactor = await acceptCode(trx, challenge.id, code);
      else {
        recoveryCodes = await confirmTotp(trx, challenge, code);
        secondFactor = recoveryCodes ? 'totp' : null;
      }
      if (!secondFactor) return { kind: 'wrong' as const };
      // The challenge is spent whatever happens next: one sign-in per code page.
      await trx.deleteFrom('mfa_challenges').where('id_hash', '=', challenge.id_hash).execute();
      const user = await trx.selectFrom('users').selectAll().where('id', '=', challenge.id).executeTakeFirstOrThrow();
      if (await accessEnded(trx, user)) return { kind: 'access_ended' as const };
      await recordSignIn(trx, user);
      const session = await createSession(trx, user, challenge.method as SignInMethod, Date.now(), secondFactor);
      return { kind: 'signed_in' as const, session, recoveryCodes };
    });
    if (outcome.kind === 'wrong') {
      if (await recordFailure(c.var.deps, challenge)) {
        clearChallengeCookie(c);
        const locked = (await lockWait(c, challenge.id)) ?? MFA_FAILURE_LIMIT.windowMs / 1000;
        return sendPage(c, 429, lockedPage(tenant, locked), { 'Retry-After': String(locked) });
      }
      return challengePage(c, challenge, 400, 'This code is not right, or was already used. Enter the current one.');
    }
    clearChallengeCookie(c);
    if (outcome.kind === 'access_ended') return sendPage(c, 403, accessEndedPage(tenant));
    await c.var.deps.invalidator.catchUp();
    const previous = readSessionCookie(c);
    if (previous) await signOutCookie(c, previous, 'replaced');
    setSessionCookie(c, outcome.session.cookie, outcome.session.endsAt);
    if (outcome.recoveryCodes) return sendPage(c, 200, recoveryCodesPage(tenant, outcome.recoveryCodes, challenge.landing));
    return c.redirect(challenge.landing, 303);
  });
