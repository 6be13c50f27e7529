import { createRoute, z } from '@hono/zod-openapi';
import { allow, personOf } from '../auth/policy.js';
import { transact } from '../context.js';
import { createRouter } from '../lib/router.js';
import { IdParam, errorResponses, json, jsonBody, page } from '../lib/schemas.js';
import { faqStats } from './faq-stats.js';
import { createFaqEntry, deleteFaqEntry, giveFeedback, listCategories, listFaq, openFaqEntry, updateFaqEntry } from './faq.repository.js';
import { CategorySchema, CreateFaqBody, FaqEntrySchema, FaqStatsQuery, FaqStatsSchema, FeedbackBody, FeedbackResultSchema, ListFaqQuery, UpdateFaqBody } from './faq.schema.js';

const tags = ['FAQ'];

/** `/v1/faq`: searched and opened by every contact it is published to, written by the team. */
export const faqRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/faq',
      middleware: [allow('faq.list')] as const,
      tags,
      summary: 'List or search the FAQ entries the caller may see (`q`, `category`), oldest first',
      request: { query: ListFaqQuery },
      responses: { 200: json(page(FaqEntrySchema), 'A page of entries'), ...errorResponses },
    }),
    async (c) => c.json(await listFaq(c.var.deps.db, c.var.principal, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/faq',
      middleware: [allow('faq.write')] as const,
      tags,
      summary: 'Add an FAQ entry (API key and staff)',
      request: { body: jsonBody(CreateFaqBody) },
      responses: { 201: json(FaqEntrySchema, 'The entry'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => createFaqEntry(trx, c.var.principal, c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/faq/categories',
      middleware: [allow('faq.list')] as const,
      tags,
      summary: 'The FAQ categories the caller sees, with their number of entries',
      responses: { 200: json(z.object({ data: z.array(CategorySchema) }), 'The categories, by name'), ...errorResponses },
    }),
    async (c) => c.json({ data: await listCategories(c.var.deps.db, c.var.principal) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/faq/stats',
      middleware: [allow('faq.stats')] as const,
      tags,
      summary: 'What the FAQ tells the team: totals, categories, most viewed, least helpful with comments',
      request: { query: FaqStatsQuery },
      responses: { 200: json(FaqStatsSchema, 'The statistics'), ...errorResponses },
    }),
    async (c) => c.json(await faqStats(c.var.deps.db, c.var.principal, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/faq/{id}',
      middleware: [allow('faq.read')] as const,
      tags,
      summary: 'Open an FAQ entry (a contact opening it counts a view)',
      request: { params: IdParam('faq') },
      responses: { 200: json(FaqEntrySchema, 'The entry'), ...errorResponses },
    }),
    async (c) => c.json(await openFaqEntry(c.var.deps.db, c.var.principal, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/faq/{id}',
      middleware: [allow('faq.write')] as const,
      tags,
      summary: 'Change an FAQ entry (API key and staff)',
      request: { params: IdParam('faq'), body: jsonBody(UpdateFaqBody) },
      responses: { 200: json(FaqEntrySchema, 'The changed entry'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => updateFaqEntry(trx, c.var.principal, c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/faq/{id}',
      middleware: [allow('faq.write')] as const,
      tags,
      summary: 'Delete an FAQ entry (API key and staff)',
      request: { params: IdParam('faq') },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      await transact(c.var.deps, (trx) => deleteFaqEntry(trx, c.var.principal, c.req.valid('param').id));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/faq/{id}/feedback',
      middleware: [allow('faq.feedback')] as const,
      tags,
      summary: '"Was this helpful?": yes or no, with an optional comment; a second answer replaces the first',
      request: { params: IdParam('faq'), body: jsonBody(FeedbackBody) },
      responses: { 201: json(FeedbackResultSchema, 'The feedback as recorded'), ...errorResponses },
    }),
    async (c) => {
      const person = personOf(c.var.principal);
      return c.json(await transact(c.var.deps, (trx) => giveFeedback(trx, person, c.req.valid('param').id, c.req.valid('json'))), 201);
    },
  );
