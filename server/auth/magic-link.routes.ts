import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import type { Tenant } from '../db/database.js';
import { pageTenant, sendPage } from '../hosted/layout.js';
import { accessEndedPage, confirmLinkPage, forbiddenPage, linkUnusablePage } from '../hosted/pages.js';
import { clientIp } from '../lib/client-ip.js';
import { createRouter } from '../lib/router.js';
import { errorResponses, json, jsonBody } from '../lib/schemas.js';
import { isSameOrigin } from '../sessions/session-cookie.js';
import { ssoRequiredPage } from '../sso/sso-pages.js';
import { answerSignIn } from './sign-in-response.js';
import { completeSignIn, describeLink, EmailAddress, requestSignInLink } from './magic-link.js';

const MagicLinkBody = z
  .object({
    tenant: z.string().trim().min(1).max(48).openapi({ description: "The tenant's slug, as in /p/<slug>", example: 'acme' }),
    email: EmailAddress.openapi({ example: 'ana@acme.test' }),
  })
  .strict()
  .openapi('MagicLinkRequest');

/** The one answer to every accepted request, known address or not. */
export const MAGIC_LINK_ACCEPTED = { message: 'If this address has access to the portal, a sign-in link is on its way.' } as const;

const TOKEN = /^[0-9A-Za-z]{20,64}$/;

/** The page for a link that cannot sign anyone in, with the status that says why. */
function unusable(c: Context<AppEnv>, reason: 'used' | 'expired' | 'unknown', tenant: Tenant | null) {
  return sendPage(c, reason === 'unknown' ? 404 : 410, linkUnusablePage(tenant ? pageTenant(tenant) : null, reason));
}

/**
 * `POST /v1/auth/magic-link` (public), and the link itself: `GET /auth/magic/<token>` only
 * shows a confirm page (mail scanners open links), its form's POST signs in.
 */
export const magicLinkRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/auth/magic-link',
      tags: ['Sign-in'],
      summary: 'Email a single-use sign-in link (valid 10 minutes) to a person with portal access',
      description: 'Always answers 202 with the same body: it never tells whether the address is known. Limited per address and per client (429 with Retry-After).',
      request: { body: jsonBody(MagicLinkBody) },
      responses: { 202: json(z.object({ message: z.string() }), 'Accepted'), ...errorResponses },
    }),
    async (c) => {
      const body = c.req.valid('json');
      await requestSignInLink(c.var.deps, { tenantSlug: body.tenant, email: body.email, ip: clientIp(c) });
      return c.json(MAGIC_LINK_ACCEPTED, 202);
    },
  )
  .get('/auth/magic/:token', async (c) => {
    const token = c.req.param('token');
    if (!TOKEN.test(token)) return unusable(c, 'unknown', null);
    const { state, tenant } = await describeLink(c.var.deps.db, token);
    if (state !== 'valid' || !tenant) return unusable(c, state === 'valid' ? 'unknown' : state, tenant);
    return sendPage(c, 200, confirmLinkPage(pageTenant(tenant), `/auth/magic/${token}`));
  })
  .post('/auth/magic/:token', async (c) => {
    // A browser always sends Origin on a cross-site POST: refusing a foreign one stops another
    // site from signing a visitor into an account of its choosing.
    if (c.req.header('origin') !== undefined && !isSameOrigin(c)) return sendPage(c, 403, forbiddenPage());
    const token = c.req.param('token');
    if (!TOKEN.test(token)) return unusable(c, 'unknown', null);
    const result = await completeSignIn(c.var.deps, token);
    if (result.kind === 'unusable') return unusable(c, result.reason, result.tenant);
    if (result.kind === 'access_ended') return sendPage(c, 403, accessEndedPage(pageTenant(result.tenant)));
    if (result.kind === 'sso_required') return sendPage(c, 403, ssoRequiredPage(pageTenant(result.tenant)));
    return answerSignIn(c, result);
  });
