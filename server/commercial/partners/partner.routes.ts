import { createRoute, z } from '@hono/zod-openapi';
import { allow } from '../../auth/policy.js';
import { transact } from '../../context.js';
import { ApiError } from '../../errors.js';
import { createRouter } from '../../lib/router.js';
import { IdParam, errorResponses, json, jsonBody, page } from '../../lib/schemas.js';
import { commissionsCsv, listCommissions, updateCommission } from './commission.repository.js';
import { CommissionSchema, ListCommissionsQuery, PartnerStatsSchema, UpdateCommissionBody } from './commission.schema.js';
import { partnerStats } from './partner-stats.js';
import { createTier, deleteTier, listTiers, partnerSummary, toTierView, updateTier } from './tier.repository.js';
import { CreateTierBody, PartnerSummarySchema, TierSchema, UpdateTierBody } from './tier.schema.js';

const tags = ['Partner portal'];

/** Tiers, the partner's summary, commissions (and their CSV) and the channel team's statistics. */
export const partnerRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/partner-tiers',
      middleware: [allow('tiers.read')] as const,
      tags,
      summary: 'The partner tiers, lowest threshold first',
      responses: { 200: json(z.object({ data: z.array(TierSchema), next_cursor: z.null() }), 'Every tier'), ...errorResponses },
    }),
    async (c) => c.json({ data: (await listTiers(c.var.deps.db, c.var.principal.tenantId)).map(toTierView), next_cursor: null }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/partner-tiers',
      middleware: [allow('tiers.write')] as const,
      tags,
      summary: 'Create a tier (admin)',
      request: { body: jsonBody(CreateTierBody) },
      responses: { 201: json(TierSchema, 'The tier'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => createTier(trx, c.var.principal, c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/partner-tiers/{id}',
      middleware: [allow('tiers.write')] as const,
      tags,
      summary: 'Change a tier (admin); commissions made keep their rate',
      request: { params: IdParam('tir'), body: jsonBody(UpdateTierBody) },
      responses: { 200: json(TierSchema, 'The tier'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => updateTier(trx, c.var.principal, c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/partner-tiers/{id}',
      middleware: [allow('tiers.write')] as const,
      tags,
      summary: 'Delete a tier (admin)',
      request: { params: IdParam('tir') },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      await transact(c.var.deps, (trx) => deleteTier(trx, c.var.principal, c.req.valid('param').id));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/partner/summary',
      middleware: [allow('partner.summary')] as const,
      tags,
      summary: "The partner's tier, the next one and the progress to it, its pipeline and earnings",
      responses: { 200: json(PartnerSummarySchema, 'The summary'), ...errorResponses },
    }),
    async (c) => {
      const principal = c.var.principal;
      if (principal.kind !== 'contact') throw new ApiError(403, 'forbidden', 'For partner contacts');
      return c.json(await partnerSummary(c.var.deps.db, principal), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/commissions',
      middleware: [allow('commissions.list')] as const,
      tags,
      summary: "List commissions (a partner contact: its own partner's), newest first",
      request: { query: ListCommissionsQuery },
      responses: { 200: json(page(CommissionSchema), 'A page of commissions'), ...errorResponses },
    }),
    async (c) => c.json(await listCommissions(c.var.deps.db, c.var.principal, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/commissions.csv',
      middleware: [allow('commissions.export'), allow('commissions.list')] as const,
      tags,
      summary: 'Every commission the caller may see, as CSV (amounts in major units)',
      request: { query: ListCommissionsQuery.omit({ limit: true, cursor: true }) },
      responses: { 200: { description: 'RFC 4180 CSV', content: { 'text/csv': { schema: { type: 'string' } } } }, ...errorResponses },
    }),
    async (c) => {
      const csv = await commissionsCsv(c.var.deps.db, c.var.principal, c.req.valid('query'));
      return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="commissions.csv"', 'Cache-Control': 'no-store' });
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/commissions/{id}',
      middleware: [allow('commissions.update')] as const,
      tags,
      summary: 'Set a commission pending, earned or paid (staff); paid is final',
      request: { params: IdParam('com'), body: jsonBody(UpdateCommissionBody) },
      responses: { 200: json(CommissionSchema, 'The commission'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => updateCommission(trx, c.var.principal, c.req.valid('param').id, c.req.valid('json').status)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/partner-stats',
      middleware: [allow('partner_stats.read')] as const,
      tags,
      summary: 'Registrations by status, approval rate, median days to outcome, won value by tier (staff)',
      request: { query: z.object({ customer_id: z.string().max(64).optional() }) },
      responses: { 200: json(PartnerStatsSchema, 'The statistics'), ...errorResponses },
    }),
    async (c) => c.json(await partnerStats(c.var.deps.db, c.var.principal.tenantId, c.req.valid('query').customer_id), 200),
  );
