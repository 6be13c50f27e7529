import { createRoute, z } from '@hono/zod-openapi';
import { allow } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import type { Deps } from '../context.js';
import { csvLine } from '../lib/csv.js';
import { createRouter } from '../lib/router.js';
import { errorResponses, json, page } from '../lib/schemas.js';
import { listActivity } from './activity.repository.js';
import { ActivityFilters, ActivityQuery, ActivitySchema, type ActivityFilterInput } from './activity.schema.js';

const tags = ['Activity'];
const CSV_PAGE = 500;
const CSV_COLUMNS = ['id', 'created_at', 'type', 'actor_id', 'actor_name', 'actor_role', 'customer_id', 'subject_id', 'task_id', 'summary', 'ip', 'user_agent'];

/**
 * The whole filtered trail as CSV, read a page at a time as the client takes it, so an export
 * of any size holds one page in memory.
 */
function activityCsv(deps: Deps, principal: Principal, filters: ActivityFilterInput): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvLine(CSV_COLUMNS)));
        return;
      }
      const { data, next_cursor } = await listActivity(deps.db, principal, { ...filters, limit: CSV_PAGE, cursor });
      const lines = data.map((a) => csvLine([a.id, a.created_at, a.type, a.actor?.id, a.actor?.name, a.actor?.role, a.customer_id, a.subject_id, a.task_id, a.summary, a.ip, a.user_agent]));
      if (lines.length > 0) controller.enqueue(encoder.encode(lines.join('')));
      if (next_cursor) cursor = next_cursor;
      else controller.close();
    },
  });
}

/** `GET /v1/activity` and `GET /v1/activity.csv` (API key, staff): the event log as an audit trail. */
export const activityRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/activity',
      middleware: [allow('activity.read')] as const,
      tags,
      summary: 'The audit trail: who did what, newest first',
      description: '`type` takes a comma list of event types; `task.*` names a family.',
      request: { query: ActivityQuery },
      responses: { 200: json(page(ActivitySchema), 'A page of activity'), ...errorResponses },
    }),
    async (c) => {
      return c.json(await listActivity(c.var.deps.db, c.var.principal, c.req.valid('query')), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/activity.csv',
      middleware: [allow('activity.read')] as const,
      tags,
      summary: 'The audit trail as a CSV export, with the same filters',
      description: 'Cells a spreadsheet would run as a formula (starting with = + - @) are prefixed with an apostrophe.',
      request: { query: ActivityFilters },
      responses: { 200: { description: 'CSV, newest first', content: { 'text/csv': { schema: z.string() } } }, ...errorResponses },
    }),
    (c) => {
      const day = new Date().toISOString().slice(0, 10);
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="activity-${day}.csv"`);
      c.header('Cache-Control', 'no-store');
      return c.body(activityCsv(c.var.deps, c.var.principal, c.req.valid('query')), 200);
    },
  );
