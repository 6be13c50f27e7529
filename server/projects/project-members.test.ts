import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from '../lib/worker-loop.js';
import { databases, embedToken } from '../test/harness.js';
import { useWorld } from '../test/suite.js';
import { eventually, openEvents, startTestWorkers } from '../test/live-fixtures.js';
import { upload } from '../test/uploads.js';

/*
 * A members-only project: a contact of its customer who is not a member sees nothing of it by
 * any path (lists, items, comments, documents, counts, search, the live stream and its replay,
 * notifications and their emails), and sees it all once added.
 */
describe.each(databases)('project membership on $name', (database) => {
  const env = useWorld(database);
  let workers: Worker;
  let carl: { token: string; user_id: string };

  const ids = async (auth: string, path: string) => ((await env.t.request('GET', path, { auth })).body.data as { id: string }[]).map((x) => x.id);

  beforeAll(async () => {
    carl = await embedToken(env.t, env.w.key, { external_id: 'carl', name: 'Carl Outside', role: 'contact', email: 'carl@acme.test' }, { external_id: 'acme' });
    workers = startTestWorkers(env.t);
  });
  afterAll(async () => {
    await workers.stop();
  });

  it('hides a members-only project from non-members on every path, and shows it once they are added', async () => {
    const carlStream = (await openEvents(env.t, carl.token)).stream;
    const project = (await env.t.request('POST', '/v1/projects', { auth: env.w.staff, body: { customer_id: env.w.customerA, name: 'Design refresh', access: 'members' } })).body;
    const members = await env.t.request('PUT', `/v1/projects/${project.id}/members`, { auth: env.w.staff, body: { user_ids: [env.w.contactAId, env.w.staffId] } });
    expect(members.body).toMatchObject({ user_ids: expect.arrayContaining([env.w.contactAId, env.w.staffId]) });
    expect(members.body.members.find((m: { id: string }) => m.id === env.w.staffId).role).toBe('staff');
    // Opened after Ana became a member: a stream open before would end and resume under her new rights.
    const anaStream = (await openEvents(env.t, env.w.contactA)).stream;
    const task = (await env.t.request('POST', '/v1/tasks', { auth: env.w.staff, body: { project_id: project.id, title: 'Pick the palette zebra', due_date: '2020-01-01', assignee_ids: [env.w.contactAId, carl.user_id] } })).body;
    const comment = (await env.t.request('POST', `/v1/tasks/${task.id}/comments`, { auth: env.w.staff, body: { body: 'Your view, @Carl Outside and @Ana Silva?' } })).body;
    const doc = (await upload(env.t, env.w.staff, { name: 'palette.txt', bytes: 'teal' }, { task_id: task.id })).body;
    const open = (await env.t.request('POST', '/v1/tasks', { auth: env.w.staff, body: { customer_id: env.w.customerA, title: 'Open to all' } })).body;

    // The member sees it all, live and in lists.
    await anaStream.waitFor((m) => m.event === 'document.created' && JSON.parse(m.data).subject_id === doc.id);
    await carlStream.waitFor((m) => m.event === 'task.created' && JSON.parse(m.data).subject_id === open.id);
    expect(await ids(env.w.contactA, '/v1/projects')).toContain(project.id);
    expect(await ids(env.w.contactA, '/v1/tasks?q=zebra')).toEqual([task.id]);

    // The non-member: nothing by any path.
    expect(await ids(carl.token, '/v1/projects')).not.toContain(project.id);
    expect((await env.t.request('GET', `/v1/projects/${project.id}`, { auth: carl.token })).status).toBe(404);
    expect(await ids(carl.token, '/v1/tasks')).toEqual([open.id]);
    expect(await ids(carl.token, '/v1/tasks?q=zebra')).toEqual([]);
    expect(await ids(carl.token, `/v1/tasks?project_id=${project.id}`)).toEqual([]);
    expect((await env.t.request('GET', `/v1/tasks/${task.id}`, { auth: carl.token })).status).toBe(404);
    expect((await env.t.request('GET', `/v1/tasks/${task.id}/comments`, { auth: carl.token })).status).toBe(404);
    expect((await env.t.request('PATCH', `/v1/tasks/${task.id}`, { auth: carl.token, body: { status: 'done' } })).status).toBe(404);
    expect((await env.t.request('POST', `/v1/tasks/${task.id}/comments`, { auth: carl.token, body: { body: 'Hi' } })).status).toBe(404);
    expect((await env.t.request('POST', '/v1/tasks', { auth: carl.token, body: { project_id: project.id, title: 'Sneak in' } })).status).toBe(404);
    expect(await ids(carl.token, '/v1/documents')).not.toContain(doc.id);
    expect((await env.t.request('GET', `/v1/documents/${doc.id}`, { auth: carl.token })).status).toBe(404);
    expect((await env.t.app.request(`/v1/documents/${doc.id}/content`, { headers: { authorization: `Bearer ${carl.token}` } })).status).toBe(404);
    const stats = (await env.t.request('GET', '/v1/stats', { auth: carl.token })).body;
    expect(stats.tasks).toEqual({ todo: 1, in_progress: 0, blocked: 0, done: 0, overdue: 0 });
    expect(stats.projects.map((p: { id: string }) => p.id)).not.toContain(project.id);
    expect((await env.t.request('GET', '/v1/stats', { auth: env.w.contactA })).body.tasks.overdue).toBe(1);

    // Notifications (and so their emails): the member is told, the non-member never.
    await eventually(async () => expect((await env.t.request('GET', '/v1/notifications', { auth: env.w.contactA })).body.data.some((n: { task_id: string }) => n.task_id === task.id)).toBe(true));
    const rows = await env.t.deps.db.selectFrom('notifications').select(['user_id', 'task_id']).where('task_id', '=', task.id).execute();
    expect(rows.some((r) => r.user_id === env.w.contactAId)).toBe(true);
    expect(rows.filter((r) => r.user_id === carl.user_id)).toEqual([]);

    // The live stream and its replay carry nothing of it to the non-member.
    for (const id of [project.id, task.id, comment.id, doc.id]) expect(carlStream.raw).not.toContain(id);
    const replay = (await openEvents(env.t, carl.token, { header: '0' })).stream;
    await replay.waitFor((m) => JSON.parse(m.data ?? '{}').subject_id === open.id);
    for (const id of [project.id, task.id, comment.id, doc.id]) expect(replay.raw).not.toContain(id);
    await replay.close();

    // Added: the non-member's open stream ends quietly (to resume under its new rights) and everything shows.
    expect((await env.t.request('PUT', `/v1/projects/${project.id}/members`, { auth: env.w.key, body: { user_ids: [env.w.contactAId, carl.user_id] } })).status).toBe(200);
    await carlStream.waitForEnd();
    expect(carlStream.raw).not.toContain('access.revoked');
    expect((await env.t.request('GET', `/v1/projects/${project.id}`, { auth: carl.token })).status).toBe(200);
    expect(await ids(carl.token, '/v1/tasks?q=zebra')).toEqual([task.id]);
    expect((await env.t.request('GET', `/v1/tasks/${task.id}/comments`, { auth: carl.token })).body.data.map((c: { id: string }) => c.id)).toEqual([comment.id]);
    const resumed = (await openEvents(env.t, carl.token, { header: '0' })).stream;
    await resumed.waitFor((m) => JSON.parse(m.data ?? '{}').subject_id === doc.id);
    await resumed.close();

    // Removed again, and the project opened to all contacts: access follows the project.
    await env.t.request('PUT', `/v1/projects/${project.id}/members`, { auth: env.w.key, body: { user_ids: [] } });
    expect((await env.t.request('GET', `/v1/projects/${project.id}`, { auth: env.w.contactA })).status).toBe(404);
    await env.t.request('PATCH', `/v1/projects/${project.id}`, { auth: env.w.staff, body: { access: 'all_contacts' } });
    expect((await env.t.request('GET', `/v1/projects/${project.id}`, { auth: carl.token })).body.access).toBe('all_contacts');
    // Contacts never manage members.
    expect((await env.t.request('GET', `/v1/projects/${project.id}/members`, { auth: env.w.contactA })).status).toBe(403);
    await anaStream.close();
  });

  it('sends a customer\'s activity to its owner and team when it has an owner, else to all staff', async () => {
    const owner = await embedToken(env.t, env.w.key, { external_id: 'olga', name: 'Olga Owner', role: 'staff' });
    const other = await embedToken(env.t, env.w.key, { external_id: 'otto', name: 'Otto Other', role: 'staff' });
    const activity = async (auth: string, taskId: string) =>
      ((await env.t.request('GET', '/v1/notifications?limit=200', { auth })).body.data as { task_id: string; kind: string }[]).filter((n) => n.task_id === taskId && n.kind === 'customer_activity');
    const before = (await env.t.request('POST', '/v1/tasks', { auth: env.w.key, body: { customer_id: env.w.customerB, title: 'Without owner' } })).body;
    await env.t.request('PATCH', `/v1/tasks/${before.id}`, { auth: env.w.contactB, body: { status: 'done' } });
    await eventually(async () => expect(await activity(other.token, before.id)).toHaveLength(1));

    await env.t.request('PATCH', `/v1/customers/${env.w.customerB}`, { auth: env.w.key, body: { owner_id: owner.user_id, team_ids: [env.w.staffId] } });
    const after = (await env.t.request('POST', '/v1/tasks', { auth: env.w.key, body: { customer_id: env.w.customerB, title: 'With owner' } })).body;
    await env.t.request('PATCH', `/v1/tasks/${after.id}`, { auth: env.w.contactB, body: { status: 'blocked' } });
    await eventually(async () => expect(await activity(owner.token, after.id)).toHaveLength(1));
    await eventually(async () => expect(await activity(env.w.staff, after.id)).toHaveLength(1));
    // The fan-out handles events in order: once a later event reached Otto, this one had its turn.
    const later = (await env.t.request('POST', '/v1/tasks', { auth: env.w.key, body: { customer_id: env.w.customerA, title: 'Elsewhere' } })).body;
    await env.t.request('PATCH', `/v1/tasks/${later.id}`, { auth: env.w.contactA, body: { status: 'done' } });
    await eventually(async () => expect(await activity(other.token, later.id)).toHaveLength(1));
    expect(await activity(other.token, after.id)).toEqual([]);
  });
});
