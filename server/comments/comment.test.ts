import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, databases, embedToken, startTestApp, type TestApp, type World } from '../test/harness.js';

const ids = (r: { body: { data: { id: string }[] } }) => r.body.data.map((x) => x.id);

describe.each(databases)('comments on $name', (database) => {
  let t: TestApp;
  let w: World;
  let portalTask: string;
  let internalTask: string;
  let taskB: string;
  let luisId: string;
  let leeId: string;
  const comments = (taskId: string) => `/v1/tasks/${taskId}/comments`;
  const post = (auth: string, taskId: string, body: object) => t.request('POST', comments(taskId), { auth, body });

  beforeAll(async () => {
    t = await startTestApp(database);
    w = await buildWorld(t);
    luisId = (await embedToken(t, w.key, { external_id: 'luis', name: 'Luis Moreno', role: 'contact' }, { external_id: 'acme' })).user_id;
    leeId = (await embedToken(t, w.key, { external_id: 'lee', name: 'Lee Wong', role: 'staff' })).user_id;
    const task = async (body: object) => (await t.request('POST', '/v1/tasks', { auth: w.staff, body })).body.id as string;
    portalTask = await task({ title: 'Configure SSO', customer_id: w.customerA, assignee_ids: [w.contactAId] });
    internalTask = await task({ title: 'Renewal risk', customer_id: w.customerA, visibility: 'internal' });
    taskB = await task({ title: 'Globex kick-off', customer_id: w.customerB });
  });
  afterAll(() => t.close());

  it('lets a contact comment and mention the people of its customer', async () => {
    const r = await post(w.contactA, portalTask, { body: '  Done. @sam staff and @Luis Moreno, please check; not @Bob Stone nor @Dan Gone.  ' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      task_id: portalTask,
      customer_id: w.customerA,
      author_id: w.contactAId,
      author: { id: w.contactAId, name: 'Ana Silva', role: 'contact' },
      body: 'Done. @sam staff and @Luis Moreno, please check; not @Bob Stone nor @Dan Gone.',
      visibility: 'portal',
      mentions: [w.staffId, luisId],
    });
    expect(r.body.id).toMatch(/^cmt_[0-9A-Za-z]{22}$/);
    const list = await t.request('GET', comments(portalTask), { auth: w.contactA });
    expect(list.status).toBe(200);
    expect(list.body.data).toContainEqual(r.body);
  });

  it('refuses what a contact may not do, and hides other customers\' and tenants\' tasks', async () => {
    expect((await post(w.contactA, portalTask, { body: 'x', visibility: 'internal' })).status).toBe(403);
    for (const taskId of [internalTask, taskB]) {
      expect((await post(w.contactA, taskId, { body: 'x' })).status).toBe(404);
      expect((await t.request('GET', comments(taskId), { auth: w.contactA })).status).toBe(404);
    }
    expect((await post(w.contactB, portalTask, { body: 'x' })).status).toBe(404);
    expect((await t.request('GET', comments(portalTask), { auth: w.contactB })).status).toBe(404);
    expect((await post(w.otherTenantKey, portalTask, { body: 'x' })).status).toBe(404);
    expect((await t.request('GET', comments(portalTask), { auth: w.otherTenantKey })).status).toBe(404);
    expect((await post(w.deactivated, portalTask, { body: 'x' })).status).toBe(401);
    expect((await t.request('GET', comments(portalTask), { auth: w.deactivated })).status).toBe(401);
    expect((await t.request('GET', comments(portalTask))).status).toBe(401);
    expect((await t.request('POST', comments(portalTask), { body: { body: 'x' } })).status).toBe(401);
  });

  it('validates the body in the contract shape', async () => {
    const blank = await post(w.staff, portalTask, { body: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.error.details[0].path).toBe('body');
    expect((await post(w.staff, portalTask, { body: 'x'.repeat(20_001) })).status).toBe(400);
    expect((await post(w.staff, portalTask, { body: 'x'.repeat(20_000) })).status).toBe(201);
    expect((await post(w.staff, portalTask, { body: 'x', pinned: true })).status).toBe(400);
    expect((await post(w.staff, portalTask, { body: 'x', visibility: 'public' })).status).toBe(400);
  });

  it('never lets a contact read an internal comment, or hear of one by a mention', async () => {
    const internal = await post(w.staff, portalTask, { body: '@Ana Silva may churn; @Lee Wong and @Sam Staff, discuss.', visibility: 'internal' });
    expect(internal.status).toBe(201);
    expect(internal.body.mentions).toEqual([leeId, w.staffId]);
    const hiddenTask = await post(w.staff, internalTask, { body: '@Ana Silva @Lee Wong' });
    expect(hiddenTask.body.mentions).toEqual([leeId]);

    const forContact = ids(await t.request('GET', `${comments(portalTask)}?limit=200`, { auth: w.contactA }));
    expect(forContact).not.toContain(internal.body.id);
    expect(ids(await t.request('GET', `${comments(portalTask)}?limit=200`, { auth: w.staff }))).toContain(internal.body.id);
    expect(ids(await t.request('GET', `${comments(portalTask)}?limit=200`, { auth: w.key }))).toContain(internal.body.id);

    const events = await t.deps.db
      .selectFrom('events')
      .select(['subject_id', 'visibility'])
      .where('type', '=', 'comment.created')
      .where('subject_id', 'in', [internal.body.id, hiddenTask.body.id])
      .execute();
    expect(events.map((e) => e.visibility)).toEqual(['internal', 'internal']);
  });

  it('lets the team share a comment with the customer or take it back, and no one else', async () => {
    const note = (await post(w.staff, portalTask, { body: 'Draft answer', visibility: 'internal' })).body.id;
    const patch = (auth: string, body: object, id = note) => t.request('PATCH', `/v1/comments/${id}`, { auth, body });
    expect(ids(await t.request('GET', comments(portalTask), { auth: w.contactA }))).not.toContain(note);
    const shared = await patch(w.staff, { visibility: 'portal' });
    expect(shared.status).toBe(200);
    expect(shared.body).toMatchObject({ id: note, visibility: 'portal' });
    expect(ids(await t.request('GET', comments(portalTask), { auth: w.contactA }))).toContain(note);
    expect((await patch(w.key, { visibility: 'internal' })).body.visibility).toBe('internal');
    expect(ids(await t.request('GET', comments(portalTask), { auth: w.contactA }))).not.toContain(note);

    expect((await patch(w.contactA, { visibility: 'portal' })).status).toBe(403);
    expect((await patch(w.otherTenantKey, { visibility: 'portal' })).status).toBe(404);
    expect((await patch(w.staff, { visibility: 'secret' })).status).toBe(400);
    expect((await patch(w.staff, { body: 'rewrite' })).status).toBe(400);
    expect((await patch(null as unknown as string, { visibility: 'portal' })).status).toBe(401);
    const event = await t.deps.db.selectFrom('events').selectAll().where('subject_id', '=', note).where('type', '=', 'comment.updated').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(event.visibility).toBe('internal');
    expect(JSON.parse(event.data)).toMatchObject({ changes: ['visibility'], previous: { visibility: 'portal' } });
  });

  it('records comment.created with the comment and its task', async () => {
    const r = await post(w.key, portalTask, { body: 'From the vendor\'s backend, for @Ana Silva' });
    expect(r.body).toMatchObject({ author_id: null, author: null, mentions: [w.contactAId] });
    const event = await t.deps.db.selectFrom('events').selectAll().where('subject_id', '=', r.body.id).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ type: 'comment.created', visibility: 'portal', customer_id: w.customerA, task_id: portalTask, actor_id: null });
    expect(JSON.parse(event.data)).toEqual({
      comment: r.body,
      task: { id: portalTask, title: 'Configure SSO', customer_id: w.customerA, assignee_ids: [w.contactAId], visibility: 'portal' },
    });
  });

  it('lists oldest first, page by page', async () => {
    const { body: task } = await t.request('POST', '/v1/tasks', { auth: w.contactB, body: { title: 'Paging' } });
    const posted: { id: string; created_at: string }[] = [];
    for (const n of [1, 2, 3]) posted.push((await post(w.contactB, task.id, { body: `comment ${n}` })).body);
    // Oldest first; two comments of one millisecond come in the order of their ids.
    const created = posted.sort((a, b) => (a.created_at === b.created_at ? (a.id < b.id ? -1 : 1) : a.created_at < b.created_at ? -1 : 1)).map((c) => c.id);
    const first = await t.request('GET', `${comments(task.id)}?limit=2`, { auth: w.contactB });
    expect(ids(first)).toEqual(created.slice(0, 2));
    const second = await t.request('GET', `${comments(task.id)}?limit=2&cursor=${first.body.next_cursor}`, { auth: w.staff });
    expect(ids(second)).toEqual([created[2]]);
    expect(second.body.next_cursor).toBeNull();
  });
});
