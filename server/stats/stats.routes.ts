import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/policy.js';
import { createRouter } from '../lib/router.js';
import { errorResponses, json } from '../lib/schemas.js';
import { getStats } from './stats.repository.js';
import { StatsQuery, StatsSchema } from './stats.schema.js';

/** `GET /v1/stats`: every principal, counting only what it may see. */
export const statsRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/v1/stats',
    middleware: [allow('stats.read')] as const,
    tags: ['Stats'],
    summary: 'Task counts by status and the progress of active projects, through the visibility rule',
    request: { query: StatsQuery },
    responses: { 200: json(StatsSchema, 'The counts'), ...errorResponses },
  }),
  async (c) => c.json(await getStats(c.var.deps.db, c.var.principal, c.req.valid('query')), 200),
);
