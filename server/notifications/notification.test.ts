import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from '../lib/worker-loop.js';
import { databases, embedToken } from '../test/harness.js';
import { useWorld } from '../test/suite.js';
import { addComment, addDocument, eventually, openEvents, setNotificationPreferences, startTestWorkers } from '../test/live-fixtures.js';
import { scheduleDueReminders } from './due-reminders.js';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe.each(databases)('notifications on $name', (database) => {
  const env = useWorld(database);
  let workers: Worker;
  let sue: { token: string; user_id: string };

  beforeAll(async () => {
    sue = await embedToken(env.t, env.w.key, { external_id: 'sue', name: 'Sue Staff', role: 'staff', email: 'sue@vendor.test' });
    workers = startTestWorkers(env.t, { emailBatchMs: 3_600_000 });
  });
  afterAll(async () => {
    await workers.stop();
  });

  const list = async (token: string, query = '') => (await env.t.request('GET', `/v1/notifications${query}`, { auth: token })).body;
  const task = async (auth: string, body: object) => {
    const r = await env.t.request('POST', '/v1/tasks', { auth, body });
    expect(r.status).toBe(201);
    return r.body as { id: string; title: string };
  };
  const about = async (token: string, taskId: string) => (await list(token, '?limit=200')).data.filter((n: { task_id: string }) => n.task_id === taskId);

  it('tells each person what concerns them, and no one of their own actions', async () => {
    const t1 = await task(env.w.staff, { title: 'Configure SSO', customer_id: env.w.customerA, assignee_ids: [env.w.contactAId, env.w.staffId] });
    const [assigned] = await eventually(async () => {
      const found = await about(env.w.contactA, t1.id);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(assigned).toMatchObject({ kind: 'assigned', task_id: t1.id, actor: { id: env.w.staffId, name: 'Sam Staff' }, read_at: null });
    expect(assigned.title).toContain('Configure SSO');
    expect(assigned.id).toMatch(/^ntf_/);

    await addComment(env.t, env.w.contactA, t1.id, 'Which IdP metadata do you need, @Sam Staff?');
    await env.t.request('PATCH', `/v1/tasks/${t1.id}`, { auth: env.w.contactA, body: { status: 'done' } });
    const sam = await eventually(async () => {
      const found = await about(env.w.staff, t1.id);
      expect(found).toHaveLength(2);
      return found;
    });
    // Newest first: the completion (customer activity), then the mention (which wins over "comment" and activity).
    expect(sam.map((n: { kind: string }) => n.kind)).toEqual(['customer_activity', 'mention']);
    expect(sam[0].title).toBe('Ana Silva (Acme Ltd) completed “Configure SSO”');
    expect(sam[1].body).toContain('Which IdP metadata');
    const sueSaw = await eventually(async () => {
      const found = await about(sue.token, t1.id);
      expect(found).toHaveLength(2);
      return found;
    });
    expect(sueSaw.map((n: { kind: string }) => n.kind)).toEqual(['customer_activity', 'customer_activity']);
    // Ana did all of that herself after the assignment.
    expect(await about(env.w.contactA, t1.id)).toHaveLength(1);
    expect((await list(env.w.contactB)).data).toEqual([]);
  });

  it('tells staff of uploads and blocked tasks by contacts, and contacts nothing internal', async () => {
    const t2 = await task(env.w.staff, { title: 'Sign the DPA', customer_id: env.w.customerA, assignee_ids: [env.w.contactAId] });
    await addDocument(env.t, env.w.contactA, t2.id, 'dpa-signed.pdf');
    await env.t.request('PATCH', `/v1/tasks/${t2.id}`, { auth: env.w.contactA, body: { status: 'blocked' } });
    await addComment(env.t, sue.token, t2.id, 'Legal is slow here, @Ana Silva @Sam Staff', 'internal');
    const secret = await task(env.w.staff, { title: 'Renewal risk', customer_id: env.w.customerA, visibility: 'internal', assignee_ids: [env.w.contactAId, sue.user_id] });

    const samTitles = await eventually(async () => {
      const titles = (await about(env.w.staff, t2.id)).map((n: { title: string }) => n.title);
      expect(titles).toHaveLength(3);
      return titles;
    });
    expect(samTitles).toEqual(['Sue Staff mentioned you on “Sign the DPA”', 'Ana Silva (Acme Ltd) marked “Sign the DPA” as blocked', 'Ana Silva (Acme Ltd) uploaded “dpa-signed.pdf”']);
    await eventually(async () => expect(await about(sue.token, secret.id)).toHaveLength(1));
    const ana = await list(env.w.contactA, '?limit=200');
    expect(ana.data.filter((n: { task_id: string }) => n.task_id === t2.id).map((n: { kind: string }) => n.kind)).toEqual(['assigned']);
    expect(JSON.stringify(ana)).not.toContain(secret.id);
    expect(JSON.stringify(ana)).not.toContain('Legal is slow');
  });

  it('follows each person’s preferences, kind by kind and channel by channel', async () => {
    await setNotificationPreferences(env.t, env.w.contactB, { assigned: { in_app: false }, comment: { in_app: false, email: false } });
    const t3 = await task(env.w.key, { title: 'Share the headcount plan', customer_id: env.w.customerB, assignee_ids: [env.w.contactBId] });
    await addComment(env.t, env.w.staff, t3.id, 'Any news?');
    // The fan-out reads preferences when it handles an event: wait until it has handled these.
    const first = await task(env.w.key, { title: 'Marker', customer_id: env.w.customerB, assignee_ids: [env.w.contactBId] });
    const kept = () => env.t.deps.db.selectFrom('notifications').select('id').where('user_id', '=', env.w.contactBId).where('task_id', '=', first.id).execute();
    await eventually(async () => expect(await kept()).toHaveLength(1));
    await setNotificationPreferences(env.t, env.w.contactB, { assigned: { in_app: true } });
    const marker = await task(env.w.key, { title: 'Marker 2', customer_id: env.w.customerB, assignee_ids: [env.w.contactBId] });
    await eventually(async () => expect(await about(env.w.contactB, marker.id)).toHaveLength(1));

    expect(await about(env.w.contactB, t3.id)).toEqual([]);
    // Wanted by email only: kept for the email, not shown in the app.
    const rows = await env.t.deps.db.selectFrom('notifications').select(['kind', 'in_app', 'email_status']).where('user_id', '=', env.w.contactBId).where('task_id', '=', t3.id).execute();
    expect(rows).toEqual([{ kind: 'assigned', in_app: 0, email_status: 'pending' }]);
  });

  it('lists newest first, filters unread, marks read and hides what became invisible', async () => {
    const a = await task(env.w.staff, { title: 'Alpha', customer_id: env.w.customerA, assignee_ids: [env.w.contactAId] });
    const b = await task(env.w.staff, { title: 'Beta', customer_id: env.w.customerA, assignee_ids: [env.w.contactAId] });
    await eventually(async () => expect(await about(env.w.contactA, b.id)).toHaveLength(1));
    const before = await list(env.w.contactA, '?limit=200');
    expect(before.data[0].task_id).toBe(b.id);
    expect(before.data[1].task_id).toBe(a.id);
    expect(before.unread_count).toBe(before.data.length);

    const first = await list(env.w.contactA, '?limit=1');
    expect(first.data).toHaveLength(1);
    const second = await list(env.w.contactA, `?limit=1&cursor=${first.next_cursor}`);
    expect(second.data[0].id).toBe(before.data[1].id);

    const read = await env.t.request('POST', '/v1/notifications/read', { auth: env.w.contactA, body: { ids: [before.data[0].id] } });
    expect(read.status).toBe(200);
    expect(read.body.unread_count).toBe(before.unread_count - 1);
    const unread = await list(env.w.contactA, '?unread=true&limit=200');
    expect(unread.data.map((n: { id: string }) => n.id)).not.toContain(before.data[0].id);
    // Someone else's ids change nothing.
    await env.t.request('POST', '/v1/notifications/read', { auth: env.w.contactB, body: { ids: [before.data[1].id] } });
    expect((await list(env.w.contactA)).unread_count).toBe(before.unread_count - 1);

    await env.t.request('PATCH', `/v1/tasks/${a.id}`, { auth: env.w.staff, body: { visibility: 'internal' } });
    const after = await list(env.w.contactA, '?limit=200');
    expect(after.data.map((n: { task_id: string }) => n.task_id)).not.toContain(a.id);
    expect(after.unread_count).toBe(before.unread_count - 2);

    const all = await env.t.request('POST', '/v1/notifications/read', { auth: env.w.contactA, body: { all: true } });
    expect(all.body.unread_count).toBe(0);
    expect((await env.t.request('GET', '/v1/notifications', { auth: env.w.key })).status).toBe(403);
    expect((await env.t.request('POST', '/v1/notifications/read', { auth: env.w.contactA, body: {} })).status).toBe(400);
  });

  it('sends a new notification down its user’s live stream', async () => {
    const { stream } = await openEvents(env.t, env.w.contactA);
    const other = (await openEvents(env.t, env.w.contactB)).stream;
    const t4 = await task(env.w.staff, { title: 'Book the training', customer_id: env.w.customerA, assignee_ids: [env.w.contactAId] });
    const message = await stream.waitFor((m) => m.event === 'notification.created');
    expect(message.id).toBeNull();
    const { notification } = JSON.parse(message.data);
    expect(notification).toEqual((await about(env.w.contactA, t4.id))[0]);
    const marker = await task(env.w.key, { title: 'For Globex', customer_id: env.w.customerB });
    await other.waitFor((m) => JSON.parse(m.data).subject_id === marker.id);
    expect(other.all('notification.created')).toEqual([]);
    await Promise.all([stream.close(), other.close()]);
  });

  it('reminds assignees of due and overdue tasks once per due date, across restarts', async () => {
    const soon = await task(env.w.staff, { title: 'Upload the logo', customer_id: env.w.customerA, due_date: day(1), assignee_ids: [env.w.contactAId] });
    const late = await task(env.w.staff, { title: 'Return the form', customer_id: env.w.customerA, due_date: day(-2), assignee_ids: [env.w.contactAId] });
    const done = await task(env.w.staff, { title: 'Already done', customer_id: env.w.customerA, due_date: day(1), status: 'done', assignee_ids: [env.w.contactAId] });
    await scheduleDueReminders(env.t.deps.db);
    await scheduleDueReminders(env.t.deps.db);
    await workers.stop();
    workers = startTestWorkers(env.t, { emailBatchMs: 3_600_000 });
    await scheduleDueReminders(env.t.deps.db);

    const dueOf = async (id: string) => (await about(env.w.contactA, id)).filter((n: { kind: string }) => n.kind === 'due');
    await eventually(async () => expect(await dueOf(late.id)).toHaveLength(1));
    await eventually(async () => expect(await dueOf(soon.id)).toHaveLength(1));
    expect((await dueOf(soon.id))[0].title).toBe('“Upload the logo” is due tomorrow');
    expect((await dueOf(late.id))[0].title).toBe('“Return the form” is overdue');
    expect(await dueOf(done.id)).toEqual([]);

    // A new due date is a new reminder.
    await env.t.request('PATCH', `/v1/tasks/${soon.id}`, { auth: env.w.staff, body: { due_date: day(2) } });
    await scheduleDueReminders(env.t.deps.db);
    await eventually(async () => expect(await dueOf(soon.id)).toHaveLength(2));
    const events = await env.t.deps.db.selectFrom('events').select('type').where('task_id', 'in', [soon.id, late.id, done.id]).where('type', 'like', 'task.%due%').execute();
    expect(events.map((e) => e.type).sort()).toEqual(['task.due_soon', 'task.due_soon', 'task.overdue']);
  });
});
