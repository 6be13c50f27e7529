import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/policy.js';
import { transact } from '../context.js';
import { createRouter } from '../lib/router.js';
import { IdParam, errorResponses, json, jsonBody } from '../lib/schemas.js';
import { getAnalytics, recordViews } from './analytics.repository.js';
import { AnalyticsQuery, AnalyticsSchema, EngagementSchema, ViewBeaconBody, ViewBeaconResult } from './analytics.schema.js';
import { getEngagement } from './engagement.js';

const tags = ['Engagement'];

/** The widget's view beacons, the analytics series and a customer's engagement. */
export const analyticsRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/analytics/views',
      middleware: [allow('analytics.views')] as const,
      tags,
      summary: 'Report views opened in the widget: one `{view, subject_id?}` or a batch `{views: [...]}` (at most 50)',
      request: { body: jsonBody(ViewBeaconBody) },
      responses: { 202: json(ViewBeaconResult, 'Counted'), ...errorResponses },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const views = 'views' in body ? body.views : [body];
      const principal = c.var.principal;
      // A staff member looking at a customer's portal is not that customer's engagement.
      const recorded = principal.kind === 'contact' ? await transact(c.var.deps, (trx) => recordViews(trx, principal, views)) : 0;
      return c.json({ recorded }, 202);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/analytics',
      middleware: [allow('analytics.read')] as const,
      tags,
      summary: 'Active users, sessions, their median length, views by view, downloads, messages, requests and approvals per day or week',
      request: { query: AnalyticsQuery },
      responses: { 200: json(AnalyticsSchema, 'The series'), ...errorResponses },
    }),
    async (c) => c.json(await getAnalytics(c.var.deps.db, c.var.principal, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/customers/{id}/engagement',
      middleware: [allow('analytics.read')] as const,
      tags,
      summary: 'A customer’s engagement score (0..100), trend, when it was last active and the signals behind them',
      request: { params: IdParam('cus') },
      responses: { 200: json(EngagementSchema, 'The engagement'), ...errorResponses },
    }),
    async (c) => c.json(await getEngagement(c.var.deps.db, c.var.principal, c.req.valid('param').id), 200),
  );
