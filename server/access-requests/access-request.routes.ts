import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { allow } from '../auth/policy.js';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';
import { pageTenant, sendPage, type PageTenant } from '../hosted/layout.js';
import { forbiddenPage, notFoundPage, rateLimitedPage } from '../hosted/pages.js';
import { isSameOrigin } from '../sessions/session-cookie.js';
import { readSettings } from '../tenants/tenant-settings.repository.js';
import { findTenantBySlug } from '../tenants/tenant.repository.js';
import { accessRequestedPage, noAccessRequestsPage, requestAccessPage } from './access-request-pages.js';
import { transact } from '../context.js';
import { inviteUser } from '../invites/invite.js';
import { clientIp } from '../lib/client-ip.js';
import { createRouter } from '../lib/router.js';
import { errorResponses, json, jsonBody } from '../lib/schemas.js';
import { decideAccessRequest, listAccessRequests, requestAccess } from './access-request.repository.js';
import { AccessDecisionBody, AccessRequestBody, AccessRequestQuery, AccessRequestSchema } from './access-request.schema.js';

/** The one answer to every accepted request: it never tells whether the portal takes them or knows the address. */
export const ACCESS_REQUEST_ACCEPTED = { message: 'Thank you. If this portal takes access requests, its team will review yours and email you.' } as const;

const tags = ['Access requests'];

/** `POST /v1/auth/access-request` (public) and the team's list and decision. */
export const accessRequestRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/auth/access-request',
      tags,
      summary: 'Ask for access to a portal (public): the team approves the person into a customer',
      description: 'Always 202 with the same body, whether the portal takes requests (`self_registration: approval`) or not, and whether the address is known. Limited per client (10 an hour) and per address (3 a day): 429 with Retry-After.',
      request: { body: jsonBody(AccessRequestBody) },
      responses: { 202: json(z.object({ message: z.string() }), 'Accepted'), ...errorResponses },
    }),
    async (c) => {
      await requestAccess(c.var.deps, c.req.valid('json'), clientIp(c));
      return c.json(ACCESS_REQUEST_ACCEPTED, 202);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/access-requests',
      middleware: [allow('access_requests.read')] as const,
      tags,
      summary: 'The access requests of the tenant, newest first (API keys and staff)',
      request: { query: AccessRequestQuery },
      responses: { 200: json(z.object({ data: z.array(AccessRequestSchema) }), 'The requests'), ...errorResponses },
    }),
    async (c) => c.json({ data: await listAccessRequests(c.var.deps.db, c.var.principal, c.req.valid('query').status) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/access-requests/{id}/decision',
      middleware: [allow('access_requests.decide')] as const,
      tags,
      summary: 'Approve a request into a customer (the contact is created and invited) or reject it',
      description: '409 `already_decided` for a request decided before; 409 `email_taken` when the customer already has a contact with the address.',
      request: { params: z.object({ id: z.string().max(64).openapi({ param: { name: 'id', in: 'path' } }) }), body: jsonBody(AccessDecisionBody) },
      responses: { 200: json(AccessRequestSchema, 'The request, decided'), ...errorResponses },
    }),
    async (c) => {
      const { deps, principal } = c.var;
      const decided = await transact(deps, (trx) => decideAccessRequest(trx, principal, c.req.valid('param').id, c.req.valid('json')));
      // The invitation goes out after the commit; a mail server hiccup leaves the contact for staff to invite again.
      if (decided.user_id) {
        await inviteUser(deps, principal, decided.user_id).catch((error: unknown) => console.error(`[mail] invitation after access request ${decided.id} not sent:`, error instanceof Error ? error.message : error));
      }
      await deps.invalidator.catchUp();
      return c.json(decided, 200);
    },
  )
  .use('/p/:slug/request-access', bodyLimit({ maxSize: 16 * 1024 }))
  .get('/p/:slug/request-access', async (c) => {
    const found = await portalTakingRequests(c);
    return found instanceof Response ? found : sendPage(c, 200, requestAccessPage(found));
  })
  .post('/p/:slug/request-access', async (c) => {
    if (!isSameOrigin(c)) return sendPage(c, 403, forbiddenPage());
    const found = await portalTakingRequests(c);
    if (found instanceof Response) return found;
    const form = await c.req.parseBody();
    const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string).trim() : '');
    const filled = { email: text('email'), name: text('name'), company: text('company') };
    const parsed = AccessRequestBody.safeParse({ tenant: found.slug, ...filled });
    if (!parsed.success) return sendPage(c, 400, requestAccessPage(found, { ...filled, error: 'Enter your name, a valid work email address and your company.' }));
    try {
      await requestAccess(c.var.deps, parsed.data, clientIp(c));
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 429) throw error;
      const retryAfter = error.headers?.['Retry-After'] ?? '60';
      return sendPage(c, 429, rateLimitedPage(found, Number(retryAfter), `/p/${found.slug}/request-access`), { 'Retry-After': retryAfter });
    }
    return sendPage(c, 200, accessRequestedPage(found));
  });

const SLUG = /^[a-z0-9][a-z0-9-]{0,47}$/;

/** The portal of the path when it takes access requests; else the page to answer (404). */
async function portalTakingRequests(c: Context<AppEnv>): Promise<PageTenant | Response> {
  const slug = c.req.param('slug') ?? '';
  const row = SLUG.test(slug) ? await findTenantBySlug(c.var.deps.db, slug) : undefined;
  if (!row) return sendPage(c, 404, notFoundPage());
  if (readSettings(row).self_registration !== 'approval') return sendPage(c, 404, noAccessRequestsPage(pageTenant(row)));
  return pageTenant(row);
}
