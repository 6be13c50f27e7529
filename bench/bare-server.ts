// The baselines: bare Hono routes on the same Node server adapter as the service.
import { randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import SqliteDatabase from 'better-sqlite3';
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

// The write baseline (with BARE_DB, a copy of the service's migrated database): a comment row and
// its event inserted in one transaction with better-sqlite3, the same pragmas as the service.
if (process.env.BARE_DB) {
  const db = new SqliteDatabase(process.env.BARE_DB);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`synchronous = ${process.env.SQLITE_SYNCHRONOUS ?? 'normal'}`);
  const owner = new Map(db.prepare('select id, tenant_id, customer_id from tasks').all().map((t: any) => [t.id, t]));
  const insertComment = db.prepare(
    `insert into comments (id, tenant_id, customer_id, task_id, author_id, body, visibility, mentions, created_at, updated_at) values (?, ?, ?, ?, null, ?, 'portal', '[]', ?, ?)`,
  );
  const insertEvent = db.prepare(
    `insert into events (tenant_id, customer_id, visibility, type, subject_id, task_id, actor_id, data, created_at) values (?, ?, 'portal', 'comment.created', ?, ?, null, ?, ?)`,
  );
  const write = db.transaction((task: { id: string; tenant_id: string; customer_id: string }, body: string) => {
    const now = new Date().toISOString();
    const comment = { id: `cmt_${randomUUID().replace(/-/g, '').slice(0, 22)}`, task_id: task.id, customer_id: task.customer_id, body, visibility: 'portal', created_at: now, updated_at: now };
    insertComment.run(comment.id, task.tenant_id, task.customer_id, task.id, body, now, now);
    insertEvent.run(task.tenant_id, task.customer_id, comment.id, task.id, JSON.stringify({ comment }), now);
    return comment;
  });
  app.post('/tasks/:id/comments', async (c) => {
    const task = owner.get(c.req.param('id'));
    if (!task) return c.json({ error: { code: 'not_found', message: 'Task not found' } }, 404);
    const { body } = await c.req.json<{ body: string }>();
    return c.json(write(task, body), 201);
  });
}

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(`LISTENING http://127.0.0.1:${info.port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
