import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { MFA_PAGE, setChallengeCookie } from '../mfa/mfa-challenge.js';
import { readSessionCookie, setSessionCookie, signOutCookie } from '../sessions/session-cookie.js';
import type { OpenedSignIn } from './magic-link.js';

/**
 * The browser's answer to a sign-in that went through (a link's POST, the SSO callback): to the
 * code page with its cookie, or the session cookie (ending the browser's previous session) and the landing.
 */
export async function answerSignIn(c: Context<AppEnv>, opened: OpenedSignIn): Promise<Response> {
  c.header('Cache-Control', 'no-store');
  if (opened.kind === 'code_needed') {
    setChallengeCookie(c, opened.challenge);
    return c.redirect(MFA_PAGE, 303);
  }
  const previous = readSessionCookie(c);
  if (previous) await signOutCookie(c, previous, 'replaced');
  setSessionCookie(c, opened.cookie, opened.endsAt);
  return c.redirect(opened.landing, 303);
}
