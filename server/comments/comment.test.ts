import { beforeAll, describe, expect, it } from 'vitest';
import { databases, embedToken } from '../test/harness.js';
import { addComment, openEvents } from '../test/live-fixtures.js';
import type { SseReader } from '../test/sse-client.js';
import { useWorld } from '../test/suite.js';

const ids = (r: { body: { data: { id: string }[] } }) => r.body.data.map((x) => x.id);

describe.each(databases)('comments on $name', (database) => {
  const env = useWorld(database);
  let portalTask: string;
  let internalTask: string;
  let taskB: string;
  let luisId: string;
  let leeId: string;
  const comments = (taskId: string) => `/v1/tasks/${taskId}/comments`;
  const post = (auth: string, taskId: string, body: object) => env.t.request('POST', comments(taskId), { auth, body });

  /**
   * The event log as `token` hears it on `GET /v1/events`, replayed from its start up to a
   * portal comment written now: everything before that marker has been heard (or withheld) then.
   */
  const heard = async (token: string): Promise<SseReader> => {
    const marker = await addComment(env.t, env.w.staff, portalTask, 'Marker');
    const { stream } = await openEvents(env.t, token, { header: '0' });
    await stream.waitFor((m) => m.event === 'comment.created' && JSON.parse(m.data).subject_id === marker);
    await stream.close();
    return stream;
  };
  const eventOf = (stream: SseReader, type: string, subjectId: string) => stream.all(type).filter((e) => e.subject_id === subjectId).at(-1);

  beforeAll(async () => {
    const { t, w } = env;
    luisId = (await embedToken(t, w.key, { external_id: 'luis', name: 'Luis Moreno', role: 'contact' }, { external_id: 'acme' })).user_id;
    leeId = (await embedToken(t, w.key, { external_id: 'lee', name: 'Lee Wong', role: 'staff' })).user_id;
    const task = async (body: object) => (await t.request('POST', '/v1/tasks', { auth: w.staff, body })).body.id as string;
    portalTask = await task({ title: 'Configure SSO', customer_id: w.customerA, assignee_ids: [w.contactAId] });
    internalTask = await task({ title: 'Renewal risk', customer_id: w.customerA, visibility: 'internal' });
    taskB = await task({ title: 'Globex kick-off', customer_id: w.customerB });
  });

  it('lets a contact comment and mention the people of its customer', async () => {
    const r = await post(env.w.contactA, portalTask, { body: '  Done. @sam staff and @Luis Moreno, please check; not @Bob Stone nor @Dan Gone.  ' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      task_id: portalTask,
      customer_id: env.w.customerA,
      author_id: env.w.contactAId,
      author: { id: env.w.contactAId, name: 'Ana Silva', role: 'contact' },
      body: 'Done. @sam staff and @Luis Moreno, please check; not @Bob Stone nor @Dan Gone.',
      visibility: 'portal',
      mentions: [env.w.staffId, luisId],
    });
    expect(r.body.id).toMatch(/^cmt_[0-9A-Za-z]{22}$/);
    const list = await env.t.request('GET', comments(portalTask), { auth: env.w.contactA });
    expect(list.status).toBe(200);
    expect(list.body.data).toContainEqual(r.body);
  });

  it('refuses what a contact may not do, and hides other customers\' and tenants\' tasks', async () => {
    expect((await post(env.w.contactA, portalTask, { body: 'x', visibility: 'internal' })).status).toBe(403);
    for (const taskId of [internalTask, taskB]) {
      expect((await post(env.w.contactA, taskId, { body: 'x' })).status).toBe(404);
      expect((await env.t.request('GET', comments(taskId), { auth: env.w.contactA })).status).toBe(404);
    }
    expect((await post(env.w.contactB, portalTask, { body: 'x' })).status).toBe(404);
    expect((await env.t.request('GET', comments(portalTask), { auth: env.w.contactB })).status).toBe(404);
    expect((await post(env.w.otherTenantKey, portalTask, { body: 'x' })).status).toBe(404);
    expect((await env.t.request('GET', comments(portalTask), { auth: env.w.otherTenantKey })).status).toBe(404);
    expect((await post(env.w.deactivated, portalTask, { body: 'x' })).status).toBe(401);
    expect((await env.t.request('GET', comments(portalTask), { auth: env.w.deactivated })).status).toBe(401);
    expect((await env.t.request('GET', comments(portalTask))).status).toBe(401);
    expect((await env.t.request('POST', comments(portalTask), { body: { body: 'x' } })).status).toBe(401);
  });

  it('validates the body in the contract shape', async () => {
    const blank = await post(env.w.staff, portalTask, { body: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.error.details[0].path).toBe('body');
    expect((await post(env.w.staff, portalTask, { body: 'x'.repeat(20_001) })).status).toBe(400);
    expect((await post(env.w.staff, portalTask, { body: 'x'.repeat(20_000) })).status).toBe(201);
    expect((await post(env.w.staff, portalTask, { body: 'x', pinned: true })).status).toBe(400);
    expect((await post(env.w.staff, portalTask, { body: 'x', visibility: 'public' })).status).toBe(400);
  });

  it('never lets a contact read an internal comment, or hear of one by a mention', async () => {
    const internal = await post(env.w.staff, portalTask, { body: '@Ana Silva may churn; @Lee Wong and @Sam Staff, discuss.', visibility: 'internal' });
    expect(internal.status).toBe(201);
    expect(internal.body.mentions).toEqual([leeId, env.w.staffId]);
    const hiddenTask = await post(env.w.staff, internalTask, { body: '@Ana Silva @Lee Wong' });
    expect(hiddenTask.body.mentions).toEqual([leeId]);

    const forContact = ids(await env.t.request('GET', `${comments(portalTask)}?limit=200`, { auth: env.w.contactA }));
    expect(forContact).not.toContain(internal.body.id);
    expect(ids(await env.t.request('GET', `${comments(portalTask)}?limit=200`, { auth: env.w.staff }))).toContain(internal.body.id);
    expect(ids(await env.t.request('GET', `${comments(portalTask)}?limit=200`, { auth: env.w.key }))).toContain(internal.body.id);

    // The stream says the same: the team hears of both comments, the contact of neither.
    const team = await heard(env.w.staff);
    for (const id of [internal.body.id, hiddenTask.body.id]) expect(eventOf(team, 'comment.created', id)).toBeDefined();
    const contact = await heard(env.w.contactA);
    for (const id of [internal.body.id, hiddenTask.body.id]) expect(contact.raw).not.toContain(id);
  });

  it('lets the team share a comment with the customer or take it back, and no one else', async () => {
    const note = (await post(env.w.staff, portalTask, { body: 'Draft answer', visibility: 'internal' })).body.id;
    const patch = (auth: string, body: object, id = note) => env.t.request('PATCH', `/v1/comments/${id}`, { auth, body });
    expect(ids(await env.t.request('GET', comments(portalTask), { auth: env.w.contactA }))).not.toContain(note);
    const shared = await patch(env.w.staff, { visibility: 'portal' });
    expect(shared.status).toBe(200);
    expect(shared.body).toMatchObject({ id: note, visibility: 'portal' });
    expect(ids(await env.t.request('GET', comments(portalTask), { auth: env.w.contactA }))).toContain(note);
    expect((await patch(env.w.key, { visibility: 'internal' })).body.visibility).toBe('internal');
    expect(ids(await env.t.request('GET', comments(portalTask), { auth: env.w.contactA }))).not.toContain(note);

    expect((await patch(env.w.contactA, { visibility: 'portal' })).status).toBe(403);
    expect((await patch(env.w.otherTenantKey, { visibility: 'portal' })).status).toBe(404);
    expect((await patch(env.w.staff, { visibility: 'secret' })).status).toBe(400);
    expect((await patch(env.w.staff, { body: 'rewrite' })).status).toBe(400);
    expect((await patch(null as unknown as string, { visibility: 'portal' })).status).toBe(401);
    // The team hears it taken back; the contact, replaying the log, hears nothing of it, not even that it was shared once.
    expect(eventOf(await heard(env.w.staff), 'comment.updated', note).data).toMatchObject({ changes: ['visibility'], previous: { visibility: 'portal' }, comment: { id: note, visibility: 'internal' } });
    expect((await heard(env.w.contactA)).raw).not.toContain(note);
  });

  it('records comment.created with the comment and its task', async () => {
    const r = await post(env.w.key, portalTask, { body: 'From the vendor\'s backend, for @Ana Silva' });
    expect(r.body).toMatchObject({ author_id: null, author: null, mentions: [env.w.contactAId] });
    // The contact it is shared with hears it, as it was answered.
    const event = eventOf(await heard(env.w.contactA), 'comment.created', r.body.id);
    expect(event).toMatchObject({ type: 'comment.created', customer_id: env.w.customerA, task_id: portalTask, actor_id: null });
    expect(event.data).toEqual({
      comment: r.body,
      task: { id: portalTask, title: 'Configure SSO', customer_id: env.w.customerA, assignee_ids: [env.w.contactAId], visibility: 'portal' },
    });
  });

  it('lists oldest first, page by page', async () => {
    const { body: task } = await env.t.request('POST', '/v1/tasks', { auth: env.w.contactB, body: { title: 'Paging' } });
    const posted: { id: string; created_at: string }[] = [];
    for (const n of [1, 2, 3]) posted.push((await post(env.w.contactB, task.id, { body: `comment ${n}` })).body);
    // Oldest first; two comments of one millisecond come in the order of their ids.
    const created = posted.sort((a, b) => (a.created_at === b.created_at ? (a.id < b.id ? -1 : 1) : a.created_at < b.created_at ? -1 : 1)).map((c) => c.id);
    const first = await env.t.request('GET', `${comments(task.id)}?limit=2`, { auth: env.w.contactB });
    expect(ids(first)).toEqual(created.slice(0, 2));
    const second = await env.t.request('GET', `${comments(task.id)}?limit=2&cursor=${first.body.next_cursor}`, { auth: env.w.staff });
    expect(ids(second)).toEqual([created[2]]);
    expect(second.body.next_cursor).toBeNull();
  });
});
