import { beforeAll, describe, expect, it } from 'vitest';
import { appendEvent } from '../events/event-log.js';
import { parseCsv } from '../lib/csv.js';
import { databases, embedToken } from '../test/harness.js';
import { useWorld } from '../test/suite.js';

describe.each(databases)('activity on $name', (database) => {
  const env = useWorld(database);
  let taskId: string;
  let started: string;
  let prankster: { token: string; user_id: string };

  beforeAll(async () => {
    started = new Date().toISOString();
    prankster = await embedToken(env.t, env.w.key, { external_id: 'eve', name: '=HYPERLINK("http://evil.test","Eve")', role: 'staff' });
    const created = await env.t.request('POST', '/v1/tasks', { auth: env.w.staff, body: { title: 'Configure SSO, "fast"', customer_id: env.w.customerA } });
    taskId = created.body.id;
    await env.t.request('PATCH', `/v1/tasks/${taskId}`, { auth: env.w.contactA, body: { status: 'done' } });
    await env.t.request('POST', '/v1/tasks', { auth: prankster.token, body: { title: 'Plan renewal', customer_id: env.w.customerB, visibility: 'internal' } });
  });

  const activity = (query = '', auth = env.w.staff) => env.t.request('GET', `/v1/activity${query}`, { auth });

  it('lists the log newest first, with the actor and a readable summary', async () => {
    const r = await activity('?limit=4');
    expect(r.status).toBe(200);
    const [renewal, completed, updated, created] = r.body.data;
    expect(renewal).toMatchObject({ type: 'task.created', customer_id: env.w.customerB, summary: 'Created task “Plan renewal”', actor: { id: prankster.user_id, role: 'staff' } });
    expect(completed).toMatchObject({ type: 'task.completed', subject_id: taskId, task_id: taskId, summary: 'Completed task “Configure SSO, "fast"”' });
    expect(updated).toMatchObject({ type: 'task.updated', summary: 'Updated task “Configure SSO, "fast"”: status todo → done', actor: { id: env.w.contactAId, name: 'Ana Silva', role: 'contact' } });
    expect(created).toMatchObject({ type: 'task.created', actor: { id: env.w.staffId, name: 'Sam Staff', role: 'staff' } });
    expect(r.body.data.map((a: { id: number }) => a.id)).toEqual([...r.body.data.map((a: { id: number }) => a.id)].sort((a, b) => b - a));
    expect(Object.keys(renewal).sort()).toEqual(['actor', 'created_at', 'customer_id', 'id', 'ip', 'subject_id', 'summary', 'summary_changes', 'summary_key', 'summary_params', 'task_id', 'type', 'user_agent']);
    // The same line in parts, for a client to say in its person's language.
    expect(updated).toMatchObject({ summary_key: 'task.updated', summary_params: { title: 'Configure SSO, "fast"' }, summary_changes: [{ field: 'status', from: 'todo', to: 'done' }] });
    expect(completed).toMatchObject({ summary_key: 'task.completed', summary_changes: [] });

    const issued = await activity('?type=user.created&customer_id=' + env.w.customerA, env.w.key);
    expect(issued.body.data).toHaveLength(2);
    expect(issued.body.data.every((a: { actor: unknown; summary: string }) => a.actor === null && a.summary.startsWith('Added contact'))).toBe(true);
    expect(issued.body.data.every((a: { summary_key: string }) => a.summary_key === 'user.created.contact')).toBe(true);
  });

  it('filters by type (families too), customer, actor and time', async () => {
    const tasks = await activity('?type=task.*&limit=200');
    expect(new Set(tasks.body.data.map((a: { type: string }) => a.type))).toEqual(new Set(['task.created', 'task.updated', 'task.completed']));
    const mixed = await activity('?type=task.completed,customer.*&limit=200');
    expect(new Set(mixed.body.data.map((a: { type: string }) => a.type))).toEqual(new Set(['task.completed', 'customer.created']));
    const byCustomer = await activity(`?customer_id=${env.w.customerB}&type=task.*`);
    expect(byCustomer.body.data.map((a: { summary: string }) => a.summary)).toEqual(['Created task “Plan renewal”']);
    const byActor = await activity(`?actor_id=${env.w.contactAId}`);
    expect(byActor.body.data.map((a: { type: string }) => a.type)).toEqual(['task.completed', 'task.updated']);
    const since = await activity(`?since=${encodeURIComponent(started)}&type=task.*`);
    expect(since.body.data).toHaveLength(4);
    const until = await activity(`?until=${encodeURIComponent(started)}&type=task.*`);
    expect(until.body.data).toEqual([]);
    const byDate = await activity('?until=2000-01-01');
    expect(byDate.body.data).toEqual([]);
  });

  it('pages by event id without repeating or skipping, while new events arrive', async () => {
    const all = (await activity('?limit=200')).body.data.map((a: { id: number }) => a.id);
    const first = await activity('?limit=3');
    await env.t.request('POST', '/v1/tasks', { auth: env.w.staff, body: { title: 'Written meanwhile', customer_id: env.w.customerA } });
    const seen = first.body.data.map((a: { id: number }) => a.id);
    let cursor = first.body.next_cursor;
    while (cursor) {
      const next = await activity(`?limit=3&cursor=${cursor}`);
      seen.push(...next.body.data.map((a: { id: number }) => a.id));
      cursor = next.body.next_cursor;
    }
    expect(seen).toEqual(all);
  });

  it('exports CSV with the same filters, escaped and safe to open in a spreadsheet', async () => {
    const r = await env.t.request('GET', `/v1/activity.csv?type=task.*`, { auth: env.w.key });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename="activity-\d{4}-\d{2}-\d{2}\.csv"$/);
    const [header, ...rows] = parseCsv(r.body as string, ',').map((x) => x.fields);
    expect(header).toEqual(['id', 'created_at', 'type', 'actor_id', 'actor_name', 'actor_role', 'customer_id', 'subject_id', 'task_id', 'summary', 'ip', 'user_agent']);
    const json = await activity('?type=task.*&limit=200', env.w.key);
    expect(rows.map((x) => Number(x[0]))).toEqual(json.body.data.map((a: { id: number }) => a.id));
    const byPrankster = rows.find((x) => x[3] === prankster.user_id)!;
    expect(byPrankster[4]).toBe(`'=HYPERLINK("http://evil.test","Eve")`);
    expect(rows.find((x) => x[2] === 'task.updated')![9]).toBe('Updated task “Configure SSO, "fast"”: status todo → done');
  });

  it('streams an export longer than one page', async () => {
    await env.t.deps.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 620; i++) {
        await appendEvent(trx, { tenantId: env.w.tenantId, customerId: env.w.customerB, visibility: 'internal', type: 'customer.updated', subjectId: env.w.customerB, actorId: null, data: { customer: { name: `-${i}` }, changes: ['name'], previous: { name: 'x' } } });
      }
    });
    const r = await env.t.request('GET', `/v1/activity.csv?type=customer.updated&customer_id=${env.w.customerB}`, { auth: env.w.staff });
    const rows = parseCsv(r.body as string, ',').slice(1);
    expect(rows).toHaveLength(620);
    expect(new Set(rows.map((x) => x.fields[0])).size).toBe(620);
    expect(rows[0]!.fields[9]).toBe('Updated customer “-619”: name x → -619');
  });

  it('is for API keys and staff, each seeing only its tenant', async () => {
    expect((await activity('', env.w.contactA)).status).toBe(403);
    expect((await env.t.request('GET', '/v1/activity.csv', { auth: env.w.contactA })).status).toBe(403);
    expect((await activity('', env.w.otherTenantKey)).body.data).toEqual([]);
    expect((await activity('?type=task')).status).toBe(400);
    expect((await activity('?since=yesterday')).status).toBe(400);
    expect((await activity('?cursor=bm9wZQ')).status).toBe(400);
    expect((await activity()).status).toBe(200);
  });
});
