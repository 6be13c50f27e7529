import { describe, expect, it, vi } from 'vitest';
import { loadUserPrincipal } from '../auth/grants.js';
import { visibleTo } from '../auth/visibility.js';
import { contactScope, type Audience } from './live-audiences.js';
import { cutAccess, embedToken, databases } from '../test/harness.js';
import { eventually, openEvents } from '../test/live-fixtures.js';
import { useWorld } from '../test/suite.js';
import type { SseReader } from '../test/sse-client.js';

/*
 * What a round does with events that commit while it writes (live-hub.ts): the hub is driven
 * through the API as ever; only `deliver` is wrapped, to note each audience's serving and to
 * commit writes right after one audience is served and before the next, where a burst's later
 * commits land.
 */
const spy = vi.hoisted(() => ({
  calls: [] as { scope: string; head: number }[],
  /** Run once, after the next audience has been served. */
  afterNext: null as null | (() => Promise<void>),
}));

vi.mock('./live-delivery.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('./live-delivery.js')>();
  return {
    ...real,
    deliver: async (...args: Parameters<typeof real.deliver>) => {
      const [, audience, head] = args as [unknown, Audience, number];
      spy.calls.push({ scope: audience.scope, head });
      await real.deliver(...args);
      const work = spy.afterNext;
      spy.afterNext = null;
      if (work) await work();
    },
  };
});

describe.each(databases)('a round on $name, with events committed while it writes', (database) => {
  const env = useWorld(database);

  const task = async (auth: string, body: object) => {
    const r = await env.t.request('POST', '/v1/tasks', { auth, body });
    expect(r.status).toBe(201);
    return r.body as { id: string };
  };
  const eventOf = async (subjectId: string) =>
    Number((await env.t.deps.db.selectFrom('events').select('id').where('subject_id', '=', subjectId).orderBy('id').executeTakeFirstOrThrow()).id);
  const maxId = async () => Number((await env.t.deps.db.selectFrom('events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id);
  const idsAfter = (stream: SseReader, start: number) => stream.messages.filter((m) => m.id && Number(m.id) > start).map((m) => Number(m.id));
  /** The first serving that reached `id` of the staff's audience, or of a customer's contacts'. */
  const servedAt = (who: 'staff' | string, id: number) => {
    const scope = who === 'staff' ? `s ${env.w.tenantId}` : contactScope(env.w.tenantId, who);
    return spy.calls.findIndex((c) => c.scope === scope && c.head >= id);
  };

  it('gives the audiences not reached yet what committed meanwhile in the same round, and every stream each event once, in order', async () => {
    const ana2 = await embedToken(env.t, env.w.key, { external_id: 'ana2', name: 'Ana Two', role: 'contact' }, { external_id: 'acme' });
    const streams = {
      staff: (await openEvents(env.t, env.w.staff)).stream,
      a1: (await openEvents(env.t, env.w.contactA)).stream,
      a2: (await openEvents(env.t, ana2.token)).stream,
      b: (await openEvents(env.t, env.w.contactB)).stream,
    };
    const start = await maxId();
    let later: { b: string; a: string } | null = null;
    spy.calls.length = 0;
    // Served first: the staff (their tenant's scope holds the round's oldest event). Then, before
    // Acme's and Globex's audiences: a task for each commits.
    spy.afterNext = async () => {
      later = { b: (await task(env.w.key, { title: 'Committed mid-round, Globex', customer_id: env.w.customerB })).id, a: (await task(env.w.key, { title: 'Committed mid-round, Acme', customer_id: env.w.customerA })).id };
    };
    const first = await task(env.w.key, { title: 'Starts the round', customer_id: env.w.customerA });
    const last = await eventually(async () => {
      expect(later).not.toBeNull();
      return later!;
    });
    for (const s of Object.values(streams)) await s.waitFor((m) => m.id !== null && JSON.parse(m.data).subject_id === (s === streams.b ? last.b : last.a));

    const [firstId, bId, aId] = await Promise.all([eventOf(first.id), eventOf(last.b), eventOf(last.a)]);
    // The staff were served before those commits and get them in the next round; Globex's
    // audience, not reached yet, got its task in the round that was writing when it committed.
    expect(servedAt('staff', firstId)).toBe(0);
    expect(servedAt(env.w.customerB, bId)).toBeGreaterThan(0);
    expect(servedAt(env.w.customerB, bId)).toBeLessThan(servedAt('staff', aId));

    const expected = async (userId: string) =>
      (await env.t.deps.db.selectFrom('events as e').select('e.id').where('e.id', '>', start).where('e.id', '<=', aId).where(visibleTo((await loadUserPrincipal(env.t.deps.db, userId))!, 'events', 'e')).orderBy('e.id').execute()).map((r) => Number(r.id));
    await eventually(async () => expect(idsAfter(streams.staff, start)).toEqual(await expected(env.w.staffId)));
    expect(idsAfter(streams.a1, start)).toEqual(await expected(env.w.contactAId));
    expect(idsAfter(streams.a2, start)).toEqual(idsAfter(streams.a1, start));
    expect(idsAfter(streams.b, start)).toEqual(await expected(env.w.contactBId));
    expect(idsAfter(streams.a1, start)).toEqual([firstId, aId]);
    expect(idsAfter(streams.b, start)).toEqual([bId]);
    await Promise.all(Object.values(streams).map((s) => s.close()));
  });

  it('asks again, before anything after it goes out, about a stream whose access ended mid-round', async () => {
    const zed = await embedToken(env.t, env.w.key, { external_id: 'zed', name: 'Zed', role: 'contact' }, { external_id: 'acme' });
    const streams = {
      staff: (await openEvents(env.t, env.w.staff)).stream,
      zed: (await openEvents(env.t, zed.token)).stream,
      ana: (await openEvents(env.t, env.w.contactA)).stream,
    };
    const start = await maxId();
    let after: string | null = null;
    spy.calls.length = 0;
    // The round starts with a Globex task (Acme's audience untouched, served last); after the
    // staff are served, Zed is deactivated and an Acme task commits.
    spy.afterNext = async () => {
      await cutAccess(env.t, env.w.key, { userId: zed.user_id });
      after = (await task(env.w.key, { title: 'After the revoke', customer_id: env.w.customerA })).id;
    };
    await task(env.w.key, { title: 'Starts the round', customer_id: env.w.customerB });
    const afterId = await eventually(async () => {
      expect(after).not.toBeNull();
      return eventOf(after!);
    });

    await streams.ana.waitFor((m) => m.id === String(afterId));
    await streams.staff.waitFor((m) => m.id === String(afterId));
    const revoked = await streams.zed.waitFor((m) => m.event === 'access.revoked');
    expect(JSON.parse(revoked.data)).toEqual({ reason: 'access_revoked' });
    await streams.zed.waitForEnd();
    expect(streams.zed.raw).not.toContain(after!);
    expect(idsAfter(streams.zed, start)).toEqual([]);
    // Acme's audience got the task in the round the revoke committed in (before the staff's next serving).
    expect(servedAt(env.w.customerA, afterId)).toBeGreaterThan(0);
    expect(servedAt(env.w.customerA, afterId)).toBeLessThan(servedAt('staff', afterId));
    await Promise.all([streams.staff.close(), streams.ana.close()]);
  });
});
