import { createRoute } from '@hono/zod-openapi';
import { allow } from '../../auth/policy.js';
import { transact } from '../../context.js';
import { createRouter } from '../../lib/router.js';
import { IdParam, errorResponses, json, jsonBody, page } from '../../lib/schemas.js';
import { createReferral, getReferral, listReferrals, updateReferral } from './referral.repository.js';
import { CreateReferralBody, ListReferralsQuery, ReferralSchema, UpdateReferralBody } from './referral.schema.js';

const tags = ['Partner portal'];

/** `/v1/referrals`: prospects a partner sends, followed from submission to outcome. */
export const referralRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/referrals',
      middleware: [allow('referrals.list')] as const,
      tags,
      summary: "List referrals (a partner contact: its own partner's)",
      request: { query: ListReferralsQuery },
      responses: { 200: json(page(ReferralSchema), 'A page of referrals'), ...errorResponses },
    }),
    async (c) => c.json(await listReferrals(c.var.deps.db, c.var.principal, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/referrals',
      middleware: [allow('referrals.create')] as const,
      tags,
      summary: 'Refer a prospect; a deal for its domain, now or later, is attributed to the referral',
      request: { body: jsonBody(CreateReferralBody) },
      responses: { 201: json(ReferralSchema, 'The referral'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => createReferral(trx, c.var.principal, c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/referrals/{id}',
      middleware: [allow('referrals.list')] as const,
      tags,
      summary: 'Read a referral',
      request: { params: IdParam('ref') },
      responses: { 200: json(ReferralSchema, 'The referral'), ...errorResponses },
    }),
    async (c) => c.json(await getReferral(c.var.deps.db, c.var.principal, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/referrals/{id}',
      middleware: [allow('referrals.update')] as const,
      tags,
      summary: "Set a referral's status by hand (staff)",
      request: { params: IdParam('ref'), body: jsonBody(UpdateReferralBody) },
      responses: { 200: json(ReferralSchema, 'The referral'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => updateReferral(trx, c.var.principal, c.req.valid('param').id, c.req.valid('json').status)), 200),
  );
