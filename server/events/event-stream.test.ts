import { beforeAll, describe, expect, it } from 'vitest';
import { visibleTo } from '../auth/visibility.js';
import { databases, embedToken } from '../test/harness.js';
import { useWorld } from '../test/suite.js';
import { addComment, addDocument, cutAccess, eventually, openEvents } from '../test/live-fixtures.js';
import { loadUserPrincipal } from '../auth/grants.js';

describe.each(databases)('live events on $name', (database) => {
  const env = useWorld(database);
  let internalProject: string;

  beforeAll(async () => {
    internalProject = (await env.t.request('POST', '/v1/projects', { auth: env.w.key, body: { customer_id: env.w.customerA, name: 'Draft', visibility: 'internal' } })).body.id;
  });

  const task = async (auth: string, body: object) => {
    const r = await env.t.request('POST', '/v1/tasks', { auth, body });
    expect(r.status).toBe(201);
    return r.body as { id: string };
  };

  it('streams every change a contact may see, in the wire format, and nothing else', async () => {
    const { stream } = await openEvents(env.t, env.w.contactA);
    const staffStream = (await openEvents(env.t, env.w.staff)).stream;

    const secret = await task(env.w.staff, { title: 'Churn risk review', customer_id: env.w.customerA, visibility: 'internal' });
    const drafted = await task(env.w.staff, { title: 'Drafted step', project_id: internalProject });
    const visible = await task(env.w.staff, { title: 'Send the logo', customer_id: env.w.customerA });
    const internalComment = await addComment(env.t, env.w.staff, visible.id, 'They are slow', 'internal');
    const internalDoc = await addDocument(env.t, env.w.staff, visible.id, 'pricing.txt', 'internal');
    const otherCustomer = await task(env.w.key, { title: 'Globex thing', customer_id: env.w.customerB });
    // The task leaves the internal project: its previous project must not reach the contact.
    await env.t.request('PATCH', `/v1/tasks/${drafted.id}`, { auth: env.w.staff, body: { project_id: null } });
    const marker = await env.t.request('PATCH', `/v1/tasks/${visible.id}`, { auth: env.w.contactA, body: { status: 'in_progress' } });

    const updated = await stream.waitFor((m) => m.event === 'task.updated' && JSON.parse(m.data).subject_id === visible.id);
    const event = JSON.parse(updated.data);
    expect(updated.id).toBe(String(event.id));
    expect(event).toMatchObject({ type: 'task.updated', customer_id: env.w.customerA, subject_id: visible.id, task_id: visible.id, actor_id: env.w.contactAId });
    expect(event.data.task).toMatchObject({ id: visible.id, status: 'in_progress', version: marker.body.version });
    expect(typeof event.created_at).toBe('string');
    await stream.waitFor((m) => m.event === 'task.updated' && JSON.parse(m.data).subject_id === drafted.id);

    for (const id of [secret.id, internalComment, internalDoc, otherCustomer.id, internalProject, env.w.contactBId]) expect(stream.raw).not.toContain(id);
    expect(stream.all('task.created').map((e) => e.subject_id)).toEqual([visible.id]);
    // Staff see everything of their tenant, internal items included.
    await staffStream.waitFor((m) => m.event === 'document.created' && JSON.parse(m.data).subject_id === internalDoc);
    expect(staffStream.raw).toContain(secret.id);
    expect(staffStream.raw).toContain(internalComment);
    await Promise.all([stream.close(), staffStream.close()]);
  });

  it('answers a page on another origin with the CORS header, as every API response does', async () => {
    const res = await env.t.app.request('/v1/events', { headers: { authorization: `Bearer ${env.w.contactA}`, origin: 'https://app.vendor.test' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    await res.body!.cancel();
  });

  it('resumes after Last-Event-ID without missing or repeating anything', async () => {
    const first = await openEvents(env.t, env.w.contactB);
    const one = await task(env.w.key, { title: 'One', customer_id: env.w.customerB });
    const seen = await first.stream.waitFor((m) => JSON.parse(m.data).subject_id === one.id);
    await first.stream.close();

    const made: string[] = [];
    for (const title of ['Two', 'Three', 'Four']) made.push((await task(env.w.key, { title, customer_id: env.w.customerB })).id);
    await task(env.w.key, { title: 'Not for Globex', customer_id: env.w.customerA });

    for (const resume of [{ header: seen.id! }, { query: seen.id! }]) {
      const again = await openEvents(env.t, env.w.contactB, resume);
      await again.stream.waitFor((m) => JSON.parse(m.data).subject_id === made[2]);
      const ids = again.stream.all('task.created').map((e) => e.subject_id);
      expect(ids).toEqual(made);
      const eventIds = again.stream.messages.filter((m) => m.id).map((m) => Number(m.id));
      expect(eventIds).toEqual([...eventIds].sort((a, b) => a - b));
      expect(eventIds.every((id) => id > Number(seen.id))).toBe(true);
      await again.stream.close();
    }
  });

  it('replays nothing of what has become internal since, not even its id', async () => {
    const first = await openEvents(env.t, env.w.contactB);
    const before = await task(env.w.key, { title: 'Before', customer_id: env.w.customerB });
    const seen = await first.stream.waitFor((m) => JSON.parse(m.data).subject_id === before.id);
    await first.stream.close();

    const hidden = await task(env.w.key, { title: 'Shared, then withdrawn', customer_id: env.w.customerB });
    await env.t.request('POST', `/v1/tasks/${hidden.id}/comments`, { auth: env.w.key, body: { body: 'A portal note on it' } });
    const kept = await task(env.w.key, { title: 'Still shared', customer_id: env.w.customerB });
    await env.t.request('PATCH', `/v1/tasks/${hidden.id}`, { auth: env.w.staff, body: { visibility: 'internal' } });
    const last = await task(env.w.key, { title: 'Last one', customer_id: env.w.customerB });

    const replay = await openEvents(env.t, env.w.contactB, { header: seen.id! });
    await replay.stream.waitFor((m) => JSON.parse(m.data).subject_id === last.id);
    expect(replay.stream.all('task.created').map((e) => e.subject_id)).toEqual([kept.id, last.id]);
    expect(replay.stream.raw).not.toContain(hidden.id);
    await replay.stream.close();
  });

  it('gives each stream exactly what the visibility rule gives its principal', async () => {
    const ana2 = await embedToken(env.t, env.w.key, { external_id: 'ana2', name: 'Ana Two', role: 'contact' }, { external_id: 'acme' });
    const streams = {
      a1: (await openEvents(env.t, env.w.contactA)).stream,
      a2: (await openEvents(env.t, ana2.token)).stream,
      b: (await openEvents(env.t, env.w.contactB)).stream,
      s: (await openEvents(env.t, env.w.staff)).stream,
    };
    const start = await env.t.deps.db.selectFrom('events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow();
    for (let i = 0; i < 4; i++) {
      await task(env.w.key, { title: `A portal ${i}`, customer_id: env.w.customerA });
      await task(env.w.key, { title: `A internal ${i}`, customer_id: env.w.customerA, visibility: 'internal' });
      await task(env.w.staff, { title: `B portal ${i}`, customer_id: env.w.customerB });
    }
    const last = await task(env.w.key, { title: 'Last', customer_id: env.w.customerA });
    await streams.s.waitFor((m) => JSON.parse(m.data).subject_id === last.id);
    await streams.a1.waitFor((m) => JSON.parse(m.data).subject_id === last.id);
    await streams.a2.waitFor((m) => JSON.parse(m.data).subject_id === last.id);
    const expected = async (principal: Parameters<typeof visibleTo>[0]) =>
      (await env.t.deps.db.selectFrom('events as e').select('e.id').where('e.id', '>', Number(start.id)).where(visibleTo(principal, 'events', 'e')).orderBy('e.id').execute())
        .map((r) => String(r.id))
        .filter((id) => Number(id) <= Number(streams.s.messages.at(-1)!.id));
    const got = (s: typeof streams.a1) => s.messages.filter((m) => m.id && Number(m.id) > Number(start.id)).map((m) => m.id);
    expect(got(streams.a1)).toEqual(await expected((await loadUserPrincipal(env.t.deps.db, env.w.contactAId))!));
    expect(got(streams.a2)).toEqual(got(streams.a1));
    expect(got(streams.s)).toEqual(await expected((await loadUserPrincipal(env.t.deps.db, env.w.staffId))!));
    await eventually(async () => expect(got(streams.b)).toEqual(await expected((await loadUserPrincipal(env.t.deps.db, env.w.contactBId))!)));
    await Promise.all(Object.values(streams).map((s) => s.close()));
  });

  it('is for embed tokens only, and refuses a resume point it did not give', async () => {
    const key = await openEvents(env.t, env.w.key);
    expect(key.status).toBe(403);
    const bad = await openEvents(env.t, env.w.contactA, { header: 'abc' });
    expect(bad.status).toBe(400);
    expect((await openEvents(env.t, env.w.deactivated)).status).toBe(401);
  });

  it('closes the streams of a deactivated contact and of a disabled customer, and their tokens stop working', async () => {
    const zed = await embedToken(env.t, env.w.key, { external_id: 'zed', name: 'Zed', role: 'contact' }, { external_id: 'acme' });
    const yan = await embedToken(env.t, env.w.key, { external_id: 'yan', name: 'Yan', role: 'contact' }, { external_id: 'initech', name: 'Initech' });
    const zedStream = (await openEvents(env.t, zed.token)).stream;
    const yanStream = (await openEvents(env.t, yan.token)).stream;
    const anaStream = (await openEvents(env.t, env.w.contactA)).stream;

    await cutAccess(env.t, env.w.key, { userId: zed.user_id });
    const revoked = await zedStream.waitFor((m) => m.event === 'access.revoked');
    expect(JSON.parse(revoked.data)).toEqual({ reason: 'access_revoked' });
    await zedStream.waitForEnd();
    expect((await env.t.request('GET', '/v1/tasks', { auth: zed.token })).status).toBe(401);

    await cutAccess(env.t, env.w.key, { customerId: yan.customer_id! });
    await yanStream.waitFor((m) => m.event === 'access.revoked');
    await yanStream.waitForEnd();
    expect((await env.t.request('GET', '/v1/tasks', { auth: yan.token })).status).toBe(401);

    // Everyone else carries on.
    const after = await task(env.w.key, { title: 'Still live', customer_id: env.w.customerA });
    await anaStream.waitFor((m) => JSON.parse(m.data).subject_id === after.id);
    expect(anaStream.messages.some((m) => m.event === 'access.revoked')).toBe(false);
    await anaStream.close();
  });
});
