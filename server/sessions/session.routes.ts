import { createRoute, z } from '@hono/zod-openapi';
import { safeReturnTo } from '../auth/magic-link.js';
import { issuedAtFor } from '../auth/token-cutoff.js';
import { ApiError, forbidden } from '../errors.js';
import { createRouter } from '../lib/router.js';
import { errorResponses, json } from '../lib/schemas.js';
import { clearSessionCookie, currentSession, isSameOrigin, readSessionCookie, signOutCookie } from './session-cookie.js';

/** The embed tokens the hosted pages get: short, renewed by the widget through `token-url`, never past the session's end. */
export const SESSION_TOKEN_TTL_SECONDS = 15 * 60;

const notOurPage = () => forbidden('This request must come from the portal\'s own pages', 'origin_not_allowed');

/**
 * The session endpoints of the hosted pages, both authenticated by the `cp_session` cookie
 * (never a Bearer) and both refusing a request whose Origin is not this service's.
 */
export const sessionRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/auth/session/token',
      tags: ['Sign-in'],
      summary: "Exchange the session cookie for a 15-minute embed token: the hosted pages' token-url",
      description: 'Cookie `cp_session`; the request must carry this service\'s own `Origin`.',
      responses: { 200: json(z.object({ token: z.string() }), 'An embed token for the session\'s user'), ...errorResponses },
    }),
    async (c) => {
      if (!isSameOrigin(c)) throw notOurPage();
      c.header('Cache-Control', 'no-store');
      const session = await currentSession(c);
      if (session.kind === 'revoked') throw new ApiError(401, 'access_revoked', 'Portal access has been revoked');
      if (session.kind === 'none') throw new ApiError(401, 'unauthenticated', 'Sign in first: no session');
      const { user } = session;
      // Never outlives the session: a tenant's short idle time or its maximum age bounds it too.
      const ttl = Math.max(1, Math.min(SESSION_TOKEN_TTL_SECONDS, Math.floor((session.endsAt - Date.now()) / 1000)));
      const { token } = await c.var.deps.tokens.sign(
        { tenantId: user.tenantId, userId: user.userId, role: user.role, customerId: user.role === 'contact' ? user.customerId : null, sessionId: session.id },
        ttl,
        issuedAtFor(user.accessCutoff),
      );
      return c.json({ token }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/auth/logout',
      tags: ['Sign-in'],
      summary: 'End the session',
      description: 'Answers 204; a plain HTML form post (with an optional `return_to` page) is redirected back with 303.',
      responses: { 204: { description: 'Signed out' }, 303: { description: 'Signed out; back to the page' }, ...errorResponses },
    }),
    async (c) => {
      if (!isSameOrigin(c)) throw notOurPage();
      const cookie = readSessionCookie(c);
      if (cookie) await signOutCookie(c, cookie, 'logout');
      clearSessionCookie(c);
      c.header('Cache-Control', 'no-store');
      const isForm = /^application\/x-www-form-urlencoded/i.test(c.req.header('content-type') ?? '');
      if (!isForm) return c.body(null, 204);
      const form = await c.req.parseBody();
      const back = safeReturnTo(typeof form.return_to === 'string' ? form.return_to : null) ?? '/admin';
      return c.redirect(back, 303);
    },
  );
