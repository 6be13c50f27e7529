import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from '../lib/worker-loop.js';
import { buildWorld, databases, embedToken, startTestApp, type TestApp, type World } from '../test/harness.js';
import { eventually, openEvents, startTestWorkers } from '../test/live-fixtures.js';
import { upload } from '../test/uploads.js';

/*
 * A members-only project: a contact of its customer who is not a member sees nothing of it by
 * any path (lists, items, comments, documents, counts, search, the live stream and its replay,
 * notifications and their emails), and sees it all once added.
 */
describe.each(databases)('project membership on $name', (database) => {
  let t: TestApp;
  let w: World;
  let workers: Worker;
  let carl: { token: string; user_id: string };

  const ids = async (auth: string, path: string) => ((await t.request('GET', path, { auth })).body.data as { id: string }[]).map((x) => x.id);

  beforeAll(async () => {
    t = await startTestApp(database);
    w = await buildWorld(t);
    carl = await embedToken(t, w.key, { external_id: 'carl', name: 'Carl Outside', role: 'contact', email: 'carl@acme.test' }, { external_id: 'acme' });
    workers = startTestWorkers(t);
  });
  afterAll(async () => {
    await workers.stop();
    await t.close();
  });

  it('hides a members-only project from non-members on every path, and shows it once they are added', async () => {
    const carlStream = (await openEvents(t, carl.token)).stream;
    const project = (await t.request('POST', '/v1/projects', { auth: w.staff, body: { customer_id: w.customerA, name: 'Design refresh', access: 'members' } })).body;
    const members = await t.request('PUT', `/v1/projects/${project.id}/members`, { auth: w.staff, body: { user_ids: [w.contactAId, w.staffId] } });
    expect(members.body).toMatchObject({ user_ids: expect.arrayContaining([w.contactAId, w.staffId]) });
    expect(members.body.members.find((m: { id: string }) => m.id === w.staffId).role).toBe('staff');
    // Opened after Ana became a member: a stream open before would end and resume under her new rights.
    const anaStream = (await openEvents(t, w.contactA)).stream;
    const task = (await t.request('POST', '/v1/tasks', { auth: w.staff, body: { project_id: project.id, title: 'Pick the palette zebra', due_date: '2020-01-01', assignee_ids: [w.contactAId, carl.user_id] } })).body;
    const comment = (await t.request('POST', `/v1/tasks/${task.id}/comments`, { auth: w.staff, body: { body: 'Your view, @Carl Outside and @Ana Silva?' } })).body;
    const doc = (await upload(t, w.staff, { name: 'palette.txt', bytes: 'teal' }, { task_id: task.id })).body;
    const open = (await t.request('POST', '/v1/tasks', { auth: w.staff, body: { customer_id: w.customerA, title: 'Open to all' } })).body;

    // The member sees it all, live and in lists.
    await anaStream.waitFor((m) => m.event === 'document.created' && JSON.parse(m.data).subject_id === doc.id);
    await carlStream.waitFor((m) => m.event === 'task.created' && JSON.parse(m.data).subject_id === open.id);
    expect(await ids(w.contactA, '/v1/projects')).toContain(project.id);
    expect(await ids(w.contactA, '/v1/tasks?q=zebra')).toEqual([task.id]);

    // The non-member: nothing by any path.
    expect(await ids(carl.token, '/v1/projects')).not.toContain(project.id);
    expect((await t.request('GET', `/v1/projects/${project.id}`, { auth: carl.token })).status).toBe(404);
    expect(await ids(carl.token, '/v1/tasks')).toEqual([open.id]);
    expect(await ids(carl.token, '/v1/tasks?q=zebra')).toEqual([]);
    expect(await ids(carl.token, `/v1/tasks?project_id=${project.id}`)).toEqual([]);
    expect((await t.request('GET', `/v1/tasks/${task.id}`, { auth: carl.token })).status).toBe(404);
    expect((await t.request('GET', `/v1/tasks/${task.id}/comments`, { auth: carl.token })).status).toBe(404);
    expect((await t.request('PATCH', `/v1/tasks/${task.id}`, { auth: carl.token, body: { status: 'done' } })).status).toBe(404);
    expect((await t.request('POST', `/v1/tasks/${task.id}/comments`, { auth: carl.token, body: { body: 'Hi' } })).status).toBe(404);
    expect((await t.request('POST', '/v1/tasks', { auth: carl.token, body: { project_id: project.id, title: 'Sneak in' } })).status).toBe(404);
    expect(await ids(carl.token, '/v1/documents')).not.toContain(doc.id);
    expect((await t.request('GET', `/v1/documents/${doc.id}`, { auth: carl.token })).status).toBe(404);
    expect((await t.app.request(`/v1/documents/${doc.id}/content`, { headers: { authorization: `Bearer ${carl.token}` } })).status).toBe(404);
    const stats = (await t.request('GET', '/v1/stats', { auth: carl.token })).body;
    expect(stats.tasks).toEqual({ todo: 1, in_progress: 0, blocked: 0, done: 0, overdue: 0 });
    expect(stats.projects.map((p: { id: string }) => p.id)).not.toContain(project.id);
    expect((await t.request('GET', '/v1/stats', { auth: w.contactA })).body.tasks.overdue).toBe(1);

    // Notifications (and so their emails): the member is told, the non-member never.
    await eventually(async () => expect((await t.request('GET', '/v1/notifications', { auth: w.contactA })).body.data.some((n: { task_id: string }) => n.task_id === task.id)).toBe(true));
    const rows = await t.deps.db.selectFrom('notifications').select(['user_id', 'task_id']).where('task_id', '=', task.id).execute();
    expect(rows.some((r) => r.user_id === w.contactAId)).toBe(true);
    expect(rows.filter((r) => r.user_id === carl.user_id)).toEqual([]);

    // The live stream and its replay carry nothing of it to the non-member.
    for (const id of [project.id, task.id, comment.id, doc.id]) expect(carlStream.raw).not.toContain(id);
    const replay = (await openEvents(t, carl.token, { header: '0' })).stream;
    await replay.waitFor((m) => JSON.parse(m.data ?? '{}').subject_id === open.id);
    for (const id of [project.id, task.id, comment.id, doc.id]) expect(replay.raw).not.toContain(id);
    await replay.close();

    // Added: the non-member's open stream ends quietly (to resume under its new rights) and everything shows.
    expect((await t.request('PUT', `/v1/projects/${project.id}/members`, { auth: w.key, body: { user_ids: [w.contactAId, carl.user_id] } })).status).toBe(200);
    await carlStream.waitForEnd();
    expect(carlStream.raw).not.toContain('access.revoked');
    expect((await t.request('GET', `/v1/projects/${project.id}`, { auth: carl.token })).status).toBe(200);
    expect(await ids(carl.token, '/v1/tasks?q=zebra')).toEqual([task.id]);
    expect((await t.request('GET', `/v1/tasks/${task.id}/comments`, { auth: carl.token })).body.data.map((c: { id: string }) => c.id)).toEqual([comment.id]);
    const resumed = (await openEvents(t, carl.token, { header: '0' })).stream;
    await resumed.waitFor((m) => JSON.parse(m.data ?? '{}').subject_id === doc.id);
    await resumed.close();

    // Removed again, and the project opened to all contacts: access follows the project.
    await t.request('PUT', `/v1/projects/${project.id}/members`, { auth: w.key, body: { user_ids: [] } });
    expect((await t.request('GET', `/v1/projects/${project.id}`, { auth: w.contactA })).status).toBe(404);
    await t.request('PATCH', `/v1/projects/${project.id}`, { auth: w.staff, body: { access: 'all_contacts' } });
    expect((await t.request('GET', `/v1/projects/${project.id}`, { auth: carl.token })).body.access).toBe('all_contacts');
    // Contacts never manage members.
    expect((await t.request('GET', `/v1/projects/${project.id}/members`, { auth: w.contactA })).status).toBe(403);
    await anaStream.close();
  });

  it('sends a customer\'s activity to its owner and team when it has an owner, else to all staff', async () => {
    const owner = await embedToken(t, w.key, { external_id: 'olga', name: 'Olga Owner', role: 'staff' });
    const other = await embedToken(t, w.key, { external_id: 'otto', name: 'Otto Other', role: 'staff' });
    const activity = async (auth: string, taskId: string) =>
      ((await t.request('GET', '/v1/notifications?limit=200', { auth })).body.data as { task_id: string; kind: string }[]).filter((n) => n.task_id === taskId && n.kind === 'customer_activity');
    const before = (await t.request('POST', '/v1/tasks', { auth: w.key, body: { customer_id: w.customerB, title: 'Without owner' } })).body;
    await t.request('PATCH', `/v1/tasks/${before.id}`, { auth: w.contactB, body: { status: 'done' } });
    await eventually(async () => expect(await activity(other.token, before.id)).toHaveLength(1));

    await t.request('PATCH', `/v1/customers/${w.customerB}`, { auth: w.key, body: { owner_id: owner.user_id, team_ids: [w.staffId] } });
    const after = (await t.request('POST', '/v1/tasks', { auth: w.key, body: { customer_id: w.customerB, title: 'With owner' } })).body;
    await t.request('PATCH', `/v1/tasks/${after.id}`, { auth: w.contactB, body: { status: 'blocked' } });
    await eventually(async () => expect(await activity(owner.token, after.id)).toHaveLength(1));
    await eventually(async () => expect(await activity(w.staff, after.id)).toHaveLength(1));
    // The fan-out handles events in order: once a later event reached Otto, this one had its turn.
    const later = (await t.request('POST', '/v1/tasks', { auth: w.key, body: { customer_id: w.customerA, title: 'Elsewhere' } })).body;
    await t.request('PATCH', `/v1/tasks/${later.id}`, { auth: w.contactA, body: { status: 'done' } });
    await eventually(async () => expect(await activity(other.token, later.id)).toHaveLength(1));
    expect(await activity(other.token, after.id)).toEqual([]);
  });
});
