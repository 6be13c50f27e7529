// The baseline: a bare Hono JSON route on the same Node server adapter as the service.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

// A page of 50 tasks shaped and sized like the service's (about 23 KB): the same bytes to write,
// none of the service's work. It shows how much of the gap to /json is the payload itself.
const at = new Date().toISOString();
const page = {
  data: Array.from({ length: 50 }, (_, i) => ({
    id: `tsk_${String(i).padStart(22, '0')}`, customer_id: 'cus_6pinM0UtdYtP8kz3z02Vy1', project_id: 'prj_4UMz0qr4kmysq5Ko8Gi3Dp',
    title: `Task 500-${i}: configure the integration`, description: 'Details of the step, in **markdown**.', status: 'in_progress',
    priority: 'medium', visibility: 'portal', due_date: at.slice(0, 10), assignee_ids: i % 3 === 0 ? ['usr_0000000000000000000001'] : [],
    created_by: null, created_at: at, updated_at: at, completed_at: null, version: 1,
  })),
  next_cursor: 'eyJhdCI6IjIwMjYtMTEtMjVUMDM6MjM6MTguOTg1WiIsImlkIjoidHNrXzQ4TUFMMloifQ',
};

const app = new Hono()
  .get('/json', (c) => c.json({ data: [{ id: 'tsk_1', title: 'hello' }], next_cursor: null }))
  .get('/page', (c) => c.json(page));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(`LISTENING http://127.0.0.1:${info.port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
