import { createRoute } from '@hono/zod-openapi';
import { allow } from '../../auth/policy.js';
import { transact } from '../../context.js';
import { createRouter } from '../../lib/router.js';
import { IdParam, PageQuery, errorResponses, json, jsonBody, page } from '../../lib/schemas.js';
import { addDealNote, dealTimeline, getDeal, listDeals, markVisited, updateDeal, upsertDeal } from './deal.repository.js';
import { CreateDealBody, DealNoteBody, DealSchema, DealUpdateSchema, ListDealsQuery, UpdateDealBody } from './deal.schema.js';

const tags = ['Deals'];

/** `/v1/deals`: the vendor's deals with a customer, as the customer may follow them. */
export const dealRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/deals',
      middleware: [allow('deals.list')] as const,
      tags,
      summary: 'List the deals the caller may see, newest first',
      request: { query: ListDealsQuery },
      responses: { 200: json(page(DealSchema), 'A page of deals'), ...errorResponses },
    }),
    async (c) => c.json(await listDeals(c.var.deps.db, c.var.principal, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/deals',
      middleware: [allow('deals.write')] as const,
      tags,
      summary: 'Create a deal, or update the one with the same external_id',
      request: { body: jsonBody(CreateDealBody) },
      responses: { 200: json(DealSchema, 'Updated (external_id known)'), 201: json(DealSchema, 'Created'), ...errorResponses },
    }),
    async (c) => {
      const { deal, created } = await transact(c.var.deps, (trx) => upsertDeal(trx, c.var.principal, c.req.valid('json')));
      return c.json(deal, created ? 201 : 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/deals/{id}',
      middleware: [allow('deals.read')] as const,
      tags,
      summary: 'Read a deal (a contact has then visited it)',
      request: { params: IdParam('del') },
      responses: { 200: json(DealSchema, 'The deal, with changed_since_last_visit as it was before this visit'), ...errorResponses },
    }),
    async (c) => {
      const { db } = c.var.deps;
      const deal = await getDeal(db, c.var.principal, c.req.valid('param').id);
      await markVisited(db, c.var.principal, deal.id);
      return c.json(deal, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/deals/{id}',
      middleware: [allow('deals.write')] as const,
      tags,
      summary: 'Change a deal; stage, date, next-step and status changes join its shared timeline',
      request: { params: IdParam('del'), body: jsonBody(UpdateDealBody) },
      responses: { 200: json(DealSchema, 'The changed deal'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => updateDeal(trx, c.var.principal, c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/deals/{id}/timeline',
      middleware: [allow('deals.read')] as const,
      tags,
      summary: "The deal's updates, newest first (contacts: the shared ones)",
      request: { params: IdParam('del'), query: PageQuery },
      responses: { 200: json(page(DealUpdateSchema), 'A page of updates'), ...errorResponses },
    }),
    async (c) => {
      const { db } = c.var.deps;
      const timeline = await dealTimeline(db, c.var.principal, c.req.valid('param').id, c.req.valid('query'));
      await markVisited(db, c.var.principal, c.req.valid('param').id);
      return c.json(timeline, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/deals/{id}/notes',
      middleware: [allow('deals.write')] as const,
      tags,
      summary: 'Add a note to the timeline: shared, or internal (never reaches a contact)',
      request: { params: IdParam('del'), body: jsonBody(DealNoteBody) },
      responses: { 201: json(DealUpdateSchema, 'The note'), ...errorResponses },
    }),
    async (c) => {
      const { body, visibility } = c.req.valid('json');
      return c.json(await transact(c.var.deps, (trx) => addDealNote(trx, c.var.principal, c.req.valid('param').id, body, visibility ?? 'portal')), 201);
    },
  );
