import { beforeAll, describe, expect, it } from 'vitest';
import { consumeBatch } from '../events/consumer.js';
import { notificationFanOut } from '../notifications/notification-fanout.js';
import { databases, embedToken } from '../test/harness.js';
import { useWorld } from '../test/suite.js';
import { upload } from '../test/uploads.js';

const ids = (r: { body: { data: { id: string }[] } }) => r.body.data.map((x) => x.id);

describe.each(databases)('threads and messages on $name', (database) => {
  const env = useWorld(database);
  let generalA: string;
  let generalB: string;
  let luis: { token: string; user_id: string };
  let leeId: string;
  const messages = (thread: string) => `/v1/threads/${thread}/messages`;
  const post = (auth: string, thread: string, body: object) => env.t.request('POST', messages(thread), { auth, body });
  const general = async (auth: string, customer?: string) =>
    ((await env.t.request('GET', `/v1/threads${customer ? `?customer_id=${customer}` : ''}`, { auth })).body.data as { id: string; general: boolean }[]).find((x) => x.general)!.id;

  beforeAll(async () => {
    luis = await embedToken(env.t, env.w.key, { external_id: 'luis', name: 'Luis Moreno', role: 'contact' }, { external_id: 'acme' });
    leeId = (await embedToken(env.t, env.w.key, { external_id: 'lee', name: 'Lee Wong', role: 'staff' })).user_id;
    generalA = await general(env.w.contactA);
    generalB = await general(env.w.staff, env.w.customerB);
  });

  it('gives every customer a general thread from the start', async () => {
    const created = await env.t.request('POST', '/v1/customers', { auth: env.w.key, body: { name: 'Initech' } });
    const r = await env.t.request('GET', `/v1/threads?customer_id=${created.body.id}`, { auth: env.w.key });
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual([expect.objectContaining({ customer_id: created.body.id, general: true, subject: 'General', project_id: null, deal_id: null, unread_count: 0, last_message_at: null })]);
    expect(generalA).not.toBe(generalB);
  });

  it('keeps internal notes from contacts, with read receipts and unread counts', async () => {
    const hello = await post(env.w.contactA, generalA, { body: 'Hello @Sam Staff' });
    expect(hello.status).toBe(201);
    expect(hello.body).toMatchObject({ thread_id: generalA, customer_id: env.w.customerA, author_id: env.w.contactAId, visibility: 'portal', mentions: [env.w.staffId], read_by: [] });
    expect(hello.body.id).toMatch(/^msg_[0-9A-Za-z]{22}$/);
    const note = await post(env.w.staff, generalA, { body: '@Ana Silva may churn, @Lee Wong', visibility: 'internal' });
    expect(note.body.mentions).toEqual([leeId]);
    const reply = await post(env.w.staff, generalA, { body: 'Hi Ana' });

    const forAna = await env.t.request('GET', messages(generalA), { auth: env.w.contactA });
    expect(ids(forAna)).toEqual([reply.body.id, hello.body.id]);
    expect(ids(await env.t.request('GET', `${messages(generalA)}?order=oldest`, { auth: env.w.staff }))).toEqual([hello.body.id, note.body.id, reply.body.id]);

    const thread = (auth: string) => env.t.request('GET', `/v1/threads/${generalA}`, { auth });
    expect((await thread(env.w.contactA)).body.unread_count).toBe(1);
    expect((await thread(luis.token)).body.unread_count).toBe(2);
    expect((await thread(env.w.staff)).body.unread_count).toBe(0);
    expect((await thread(env.w.contactA)).body.last_message_at).toBe(reply.body.created_at);

    // Sam has read up to his own reply: Ana sees it on her message. Ana reads the reply.
    expect((await env.t.request('GET', messages(generalA), { auth: env.w.contactA })).body.data[1].read_by).toEqual([{ user_id: env.w.staffId, name: 'Sam Staff', read_at: expect.any(String) }]);
    const read = await env.t.request('POST', `/v1/threads/${generalA}/read`, { auth: env.w.contactA, body: { message_id: reply.body.id } });
    expect(read.status).toBe(200);
    expect(read.body.unread_count).toBe(0);
    const staffView = (await env.t.request('GET', `${messages(generalA)}?order=oldest`, { auth: env.w.staff })).body.data;
    expect(staffView[2].read_by.map((r: { user_id: string }) => r.user_id)).toEqual([env.w.contactAId]);
    // A contact's marker past an internal note never shows on it.
    expect(staffView[1].read_by.map((r: { user_id: string }) => r.user_id)).toEqual([env.w.staffId].filter((id) => id !== note.body.author_id));

    // A contact cannot mark a thread read up to a note it cannot see.
    expect((await env.t.request('POST', `/v1/threads/${generalA}/read`, { auth: luis.token, body: { message_id: note.body.id } })).status).toBe(400);
    const events = await env.t.deps.db.selectFrom('events').select(['type', 'visibility']).where('subject_id', 'in', [hello.body.id, note.body.id, reply.body.id]).orderBy('id').execute();
    expect(events).toEqual([
      { type: 'message.created', visibility: 'portal' },
      { type: 'message.created', visibility: 'internal' },
      { type: 'message.created', visibility: 'portal' },
      { type: 'message.read', visibility: 'portal' },
    ]);
  });

  it('notifies by mention and by message, never a contact of an internal note', async () => {
    while ((await consumeBatch(env.t.deps, notificationFanOut, 500)) > 0);
    await env.t.deps.db.deleteFrom('notifications').execute();
    const note = await post(env.w.staff, generalA, { body: 'Between us, @Lee Wong', visibility: 'internal' });
    const portal = await post(env.w.staff, generalA, { body: 'Your contract is ready' });
    while ((await consumeBatch(env.t.deps, notificationFanOut, 500)) > 0);
    const rows = await env.t.deps.db.selectFrom('notifications').select(['user_id', 'kind', 'thread_id', 'data', 'event_id']).execute();
    const lee = rows.filter((r) => r.user_id === leeId);
    expect(lee.map((r) => [r.kind, r.thread_id])).toEqual([['mention', generalA]]);
    // The note's text is not in the notification (nor, so, in its email).
    expect(JSON.parse(lee[0]!.data).body).toBe('');
    const ana = rows.filter((r) => r.user_id === env.w.contactAId);
    expect(ana.map((r) => r.kind)).toEqual(['message']);
    expect(JSON.parse(ana[0]!.data)).toEqual({ title: 'Sam Staff wrote in “General”', body: 'Your contract is ready' });
    expect(rows.some((r) => r.user_id === env.w.contactBId)).toBe(false);
    const listed = await env.t.request('GET', '/v1/notifications', { auth: env.w.contactA });
    expect(listed.body.data[0]).toMatchObject({ kind: 'message', thread_id: generalA, task_id: null });
    expect(note.status).toBe(201);
    expect(portal.status).toBe(201);
  });

  it('refuses other customers, other tenants, and what a contact may not do', async () => {
    expect((await post(env.w.contactA, generalB, { body: 'x' })).status).toBe(404);
    expect((await env.t.request('GET', messages(generalB), { auth: env.w.contactA })).status).toBe(404);
    expect((await env.t.request('GET', `/v1/threads/${generalB}`, { auth: env.w.contactA })).status).toBe(404);
    expect((await post(env.w.otherTenantKey, generalA, { body: 'x' })).status).toBe(404);
    expect((await post(env.w.contactA, generalA, { body: 'x', visibility: 'internal' })).status).toBe(403);
    // A deal's thread is open to who may see the deal: an unknown (or unseen) one is absent.
    expect((await env.t.request('POST', '/v1/threads', { auth: env.w.contactA, body: { subject: 'Deal', deal_id: 'del_x' } })).status).toBe(404);
    expect((await env.t.request('POST', '/v1/threads', { auth: env.w.contactA, body: { subject: 'Theirs', customer_id: env.w.customerB } })).status).toBe(404);
    expect((await env.t.request('POST', '/v1/threads', { auth: env.w.staff, body: { subject: 'No customer' } })).status).toBe(400);
    expect((await post(env.w.staff, generalA, { body: '  ' })).status).toBe(400);
    expect((await env.t.request('POST', `/v1/threads/${generalA}/read`, { auth: env.w.key, body: { message_id: 'msg_x' } })).status).toBe(403);
    expect((await env.t.request('GET', messages(generalA), { auth: env.w.deactivated })).status).toBe(401);
  });

  it('attaches only documents of the thread\'s customer, and no internal one to a portal message', async () => {
    const mine = await upload(env.t, env.w.contactA, { name: 'po.pdf', bytes: 'po' }, {});
    const theirs = await upload(env.t, env.w.contactB, { name: 'b.pdf', bytes: 'b' }, {});
    const internal = await upload(env.t, env.w.staff, { name: 'notes.txt', bytes: 'n' }, { customer_id: env.w.customerA, visibility: 'internal' });
    const ok = await post(env.w.contactA, generalA, { body: 'Our PO', document_ids: [mine.body.id] });
    expect(ok.body.document_ids).toEqual([mine.body.id]);
    const bad = await post(env.w.contactA, generalA, { body: 'Theirs', document_ids: [theirs.body.id] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('document_ids.0');
    expect((await post(env.w.staff, generalA, { body: 'Leak', document_ids: [internal.body.id] })).status).toBe(400);
    expect((await post(env.w.staff, generalA, { body: 'Fine', visibility: 'internal', document_ids: [internal.body.id] })).status).toBe(201);
  });

  it('hides a members-only project\'s thread from non-members, and every thread without messages.view', async () => {
    const project = await env.t.request('POST', '/v1/projects', { auth: env.w.staff, body: { customer_id: env.w.customerA, name: 'Secret', access: 'members' } });
    await env.t.request('PUT', `/v1/projects/${project.body.id}/members`, { auth: env.w.staff, body: { user_ids: [env.w.contactAId] } });
    const thread = await env.t.request('POST', '/v1/threads', { auth: env.w.staff, body: { customer_id: env.w.customerA, project_id: project.body.id, subject: 'Plan' } });
    expect(thread.status).toBe(201);
    expect((await env.t.request('GET', `/v1/threads/${thread.body.id}`, { auth: env.w.contactA })).status).toBe(200);
    expect((await env.t.request('GET', `/v1/threads/${thread.body.id}`, { auth: luis.token })).status).toBe(404);
    expect(ids(await env.t.request('GET', '/v1/threads', { auth: luis.token }))).not.toContain(thread.body.id);
    const wrong = await env.t.request('POST', '/v1/threads', { auth: env.w.staff, body: { customer_id: env.w.customerB, project_id: project.body.id, subject: 'x' } });
    expect(wrong.status).toBe(400);

    await env.t.request('PATCH', `/v1/users/${luis.user_id}`, { auth: env.w.key, body: { capability_overrides: { 'messages.view': false } } });
    const refused = await env.t.request('GET', '/v1/threads', { auth: luis.token });
    expect([refused.status, refused.body.error.details]).toEqual([403, { capability: 'messages.view' }]);
    expect((await env.t.request('GET', `/v1/threads/${generalA}`, { auth: luis.token })).status).toBe(404);
  });
});
