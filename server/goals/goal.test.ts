import { describe, expect, it } from 'vitest';
import { consumeBatch } from '../events/consumer.js';
import { notificationFanOut } from '../notifications/notification-fanout.js';
import { webhookFanOut } from '../webhooks/webhook-fanout.js';
import { buildWorld, databases, embedToken, startTestApp } from '../test/harness.js';
import { useWorld } from '../test/suite.js';
import { progressOf } from './goal.repository.js';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('a goal’s progress', () => {
  it('runs from start to target either way, clamped', () => {
    expect(progressOf({ unit: '%', start: 20, target: 60 }, 40)).toBe(0.5);
    expect(progressOf({ unit: 'tickets', start: 120, target: 40 }, 80)).toBe(0.5);
    expect(progressOf({ unit: 'tickets', start: 120, target: 40 }, 150)).toBe(0);
    expect(progressOf({ unit: 'tickets', start: 120, target: 40 }, 10)).toBe(1);
    expect(progressOf({ unit: '%', start: 20, target: 60 }, null)).toBe(0);
    expect(progressOf(null, 5)).toBeNull();
  });
});

describe.each(databases)('goals on $name', (database) => {
  const env = useWorld(database);
  const create = (body: Record<string, unknown>, auth = env.w.staff) => env.t.request('POST', '/v1/goals', { auth, body });
  const record = (id: string, body: Record<string, unknown>, auth = env.w.staff) => env.t.request('POST', `/v1/goals/${id}/updates`, { auth, body });
  const count = async (table: 'goals' | 'goal_updates') => Number((await env.t.deps.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('keeps a metric’s current value and progress, with a history both sides add to', async () => {
    const { w, t } = env;
    const g = await create({
      customer_id: w.customerA,
      title: 'Cut open support tickets',
      description: 'Self-service first.',
      metric: { unit: 'tickets', start: 120, target: 40 },
      due_date: day(60),
      owner_ids: [w.staffId, w.contactAId],
    });
    expect(g.status).toBe(201);
    expect(g.body).toMatchObject({ customer_id: w.customerA, status: 'on_track', visibility: 'portal', current: null, progress: 0, update_count: 0, metric: { unit: 'tickets', start: 120, target: 40 } });
    expect(g.body.id).toMatch(/^gol_/);
    expect([...g.body.owner_ids].sort()).toEqual([w.staffId, w.contactAId].sort());
    expect(g.body.owners.map((o: { role: string }) => o.role).sort()).toEqual(['contact', 'staff']);

    const first = await record(g.body.id, { value: 100, note: 'Help centre launched' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ value: 100, note: 'Help centre launched', author: { id: w.staffId, name: 'Sam Staff', role: 'staff' } });
    // The contact owns it: it records too.
    const second = await record(g.body.id, { value: 80, note: 'Macros for the top ten questions' }, w.contactA);
    expect(second.status).toBe(201);
    const read = await t.request('GET', `/v1/goals/${g.body.id}`, { auth: w.contactA });
    expect(read.body).toMatchObject({ current: 80, progress: 0.5, update_count: 2, status: 'on_track' });
    const history = await t.request('GET', `/v1/goals/${g.body.id}/updates`, { auth: w.contactA });
    expect(history.body.data.map((u: { value: number; author: { role: string } }) => [u.value, u.author.role])).toEqual([
      [100, 'staff'],
      [80, 'contact'],
    ]);

    // Reaching the target achieves the goal.
    await record(g.body.id, { value: 38.5 });
    expect((await t.request('GET', `/v1/goals/${g.body.id}`, { auth: w.staff })).body).toMatchObject({ current: 38.5, progress: 1, status: 'achieved' });

    const events = await t.deps.db.selectFrom('events').select(['type', 'visibility', 'data']).where('subject_id', '=', g.body.id).orderBy('id').execute();
    expect(events.map((e) => [e.type, e.visibility])).toEqual([
      ['goal.created', 'portal'],
      ['goal.progress_recorded', 'portal'],
      ['goal.progress_recorded', 'portal'],
      ['goal.progress_recorded', 'portal'],
    ]);
    expect(JSON.parse(events[3]!.data)).toMatchObject({ goal: { status: 'achieved' }, update: { value: 38.5 }, previous: { current: 80, status: 'on_track' } });

    const activity = await t.request('GET', `/v1/activity?type=goal.*&customer_id=${w.customerA}&limit=10`, { auth: w.staff });
    expect(activity.body.data.map((a: { summary: string }) => a.summary)).toContain('Recorded 80 tickets on goal “Cut open support tickets”');
    expect(activity.body.data.map((a: { summary: string }) => a.summary)).toContain('Created goal “Cut open support tickets”');
  });

  it('notifies the owners on the other side of an update', async () => {
    const { w, t } = env;
    while ((await consumeBatch(t.deps, notificationFanOut, 500)) > 0);
    await t.deps.db.deleteFrom('notifications').execute();
    const g = (await create({ customer_id: w.customerA, title: 'Weekly active users', metric: { unit: '%', start: 10, target: 60 }, owner_ids: [w.staffId, w.contactAId] })).body;
    await record(g.id, { value: 25, note: 'Rolled out to sales' }, w.contactA);
    while ((await consumeBatch(t.deps, notificationFanOut, 500)) > 0);
    let rows = await t.deps.db.selectFrom('notifications').select(['user_id', 'kind', 'data']).execute();
    expect(rows.map((r) => [r.user_id, r.kind])).toEqual([[w.staffId, 'goal']]);
    expect(JSON.parse(rows[0]!.data)).toEqual({ title: 'Ana Silva recorded progress on “Weekly active users”', body: '25 %: Rolled out to sales' });

    await t.deps.db.deleteFrom('notifications').execute();
    await record(g.id, { value: 30 }, w.staff);
    while ((await consumeBatch(t.deps, notificationFanOut, 500)) > 0);
    rows = await t.deps.db.selectFrom('notifications').select(['user_id', 'kind', 'data']).execute();
    expect(rows.map((r) => [r.user_id, r.kind])).toEqual([[w.contactAId, 'goal']]);

    // An internal goal's progress never reaches a contact, owner or not.
    await t.deps.db.deleteFrom('notifications').execute();
    const internal = (await create({ customer_id: w.customerA, title: 'Expansion', visibility: 'internal', owner_ids: [w.staffId, w.contactAId] })).body;
    await record(internal.id, { note: 'Budget talk next quarter' });
    while ((await consumeBatch(t.deps, notificationFanOut, 500)) > 0);
    expect(await t.deps.db.selectFrom('notifications').select('user_id').where('user_id', '=', w.contactAId).execute()).toEqual([]);
  });

  it('tells of progress in the reader’s language, numbers and date format', async () => {
    const { w, t } = env;
    const prefs = (body: object) => t.request('PATCH', '/v1/me/preferences', { auth: w.staff, body });
    expect((await prefs({ locale: 'fr-FR', date_format: 'auto' })).status).toBe(200);
    try {
      while ((await consumeBatch(t.deps, notificationFanOut, 500)) > 0);
      await t.deps.db.deleteFrom('notifications').execute();
      const g = (await create({ customer_id: w.customerA, title: 'Utilisateurs actifs', metric: { unit: 'comptes', start: 0, target: 5000 }, due_date: '2031-03-04', owner_ids: [w.staffId, w.contactAId] })).body;
      await record(g.id, { value: 1234.5, note: 'Déployé aux ventes' }, w.contactA);
      while ((await consumeBatch(t.deps, notificationFanOut, 500)) > 0);
      const listed = await t.request('GET', '/v1/notifications', { auth: w.staff });
      const nbsp = '\u00a0';
      expect(listed.body.data[0]).toMatchObject({
        kind: 'goal',
        title: `Ana Silva a noté une avancée sur «${nbsp}Utilisateurs actifs${nbsp}»`,
        body: expect.stringMatching(/^1\s234,5 comptes\u00a0: Déployé aux ventes · Échéance\u00a0: 4 mars 2031$/),
      });

      await prefs({ date_format: 'DD/MM/YYYY' });
      await t.deps.db.deleteFrom('notifications').execute();
      await record(g.id, { value: 2000 }, w.contactA);
      while ((await consumeBatch(t.deps, notificationFanOut, 500)) > 0);
      expect((await t.request('GET', '/v1/notifications', { auth: w.staff })).body.data[0].body).toMatch(/^2\s000 comptes · Échéance\u00a0: 04\/03\/2031$/);
    } finally {
      await prefs({ locale: 'en', date_format: 'auto' });
    }
  });

  it('changes a goal and its owners, and records what changed', async () => {
    const { w, t } = env;
    const g = (await create({ customer_id: w.customerA, title: 'Go live in Europe', due_date: day(30) })).body;
    const changed = await t.request('PATCH', `/v1/goals/${g.id}`, { auth: w.staff, body: { status: 'at_risk', owner_ids: [w.contactAId], metric: { unit: 'countries', start: 0, target: 5 } } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ status: 'at_risk', owner_ids: [w.contactAId], metric: { unit: 'countries', start: 0, target: 5 }, progress: 0 });
    const event = await t.deps.db.selectFrom('events').select(['data']).where('subject_id', '=', g.id).where('type', '=', 'goal.updated').executeTakeFirstOrThrow();
    expect(JSON.parse(event.data)).toMatchObject({ changes: ['status', 'metric', 'owner_ids'], previous: { status: 'on_track', metric: null, owner_ids: [] } });
    const summary = (await t.request('GET', `/v1/activity?type=goal.updated&customer_id=${w.customerA}&limit=1`, { auth: w.staff })).body.data[0].summary;
    expect(summary).toBe('Updated goal “Go live in Europe”: status on track → at risk, metric, owners');
    // With progress recorded, the metric may change but not go.
    await record(g.id, { value: 1 }, w.contactA);
    expect((await t.request('PATCH', `/v1/goals/${g.id}`, { auth: w.staff, body: { metric: null } })).status).toBe(409);
    expect((await t.request('PATCH', `/v1/goals/${g.id}`, { auth: w.staff, body: { metric: { unit: 'countries', start: 0, target: 4 } } })).body.progress).toBe(0.25);
  });

  it('refuses bad input with a 4xx and writes nothing', async () => {
    const { w, t } = env;
    const [goals, updates] = [await count('goals'), await count('goal_updates')];
    const bad = async (body: Record<string, unknown>, status = 400, auth = w.staff) => {
      const r = await create({ customer_id: w.customerA, title: 'x', ...body }, auth);
      expect([r.status, r.body.error?.code]).toEqual([status, expect.any(String)]);
      return r.body.error;
    };
    expect((await bad({ metric: { unit: 'x', start: 'ten', target: 5 } })).details[0].path).toContain('metric');
    await bad({ metric: { unit: 'x', start: 5, target: 5 } });
    await bad({ metric: { unit: 'x', start: 1 } });
    expect((await bad({ due_date: 'next week' })).details[0].path).toContain('due_date');
    await bad({ due_date: '2026-02-30' });
    await bad({ status: 'done' });
    await bad({ title: '  ' });
    // An owner of another customer, or of another tenant: 400 naming it.
    expect((await bad({ owner_ids: [w.staffId, w.contactBId] })).details).toEqual([{ path: 'owner_ids.1', message: expect.any(String) }]);
    await bad({ owner_ids: ['usr_nope'] });
    // Another tenant's customer, or a missing one: 404; contacts do not create goals.
    await bad({ customer_id: w.customerA }, 404, w.otherTenantKey);
    await bad({ customer_id: 'cus_nope' }, 404);
    await bad({}, 403, w.contactA);

    const metric = (await create({ customer_id: w.customerA, title: 'NPS', metric: { unit: 'points', start: 20, target: 40 }, owner_ids: [w.staffId] })).body;
    const plain = (await create({ customer_id: w.customerA, title: 'Executive sponsor named', owner_ids: [w.contactAId] })).body;
    const other = (await create({ customer_id: w.customerB, title: 'Globex rollout', metric: { unit: '%', start: 0, target: 100 }, owner_ids: [w.contactBId] })).body;
    const afterCreates = [await count('goals'), await count('goal_updates')];
    // A metric needs a value; a goal without one takes a note only.
    expect((await record(metric.id, { note: 'no value' })).body.error.details[0].path).toBe('value');
    expect((await record(metric.id, { value: '30' })).status).toBe(400);
    expect((await record(plain.id, { value: 3, note: 'x' })).body.error.details[0].path).toBe('value');
    expect((await record(plain.id, {})).body.error.details[0].path).toBe('note');
    expect((await record(plain.id, { note: 'Named: Dana, the COO' }, w.contactA)).status).toBe(201);
    // A contact that does not own the goal, and another customer's goal (404, nothing said of it).
    expect((await record(metric.id, { value: 25 }, w.contactA)).body.error.code).toBe('not_an_owner');
    expect((await record(other.id, { value: 10 }, w.contactA)).status).toBe(404);
    expect((await t.request('GET', `/v1/goals/${other.id}`, { auth: w.contactA })).status).toBe(404);
    expect((await t.request('GET', `/v1/goals/${other.id}/updates`, { auth: w.contactA })).status).toBe(404);
    expect((await t.request('GET', `/v1/goals/${metric.id}`, { auth: w.otherTenantKey })).status).toBe(404);
    expect((await t.request('PATCH', `/v1/goals/${plain.id}`, { auth: w.contactA, body: { title: 'Mine now' } })).status).toBe(403);
    expect((await t.request('PATCH', `/v1/goals/${plain.id}`, { auth: w.staff, body: { owner_ids: [w.contactBId] } })).status).toBe(400);
    expect((await t.request('PATCH', `/v1/goals/${plain.id}`, { auth: w.staff, body: {} })).status).toBe(400);
    expect((await t.request('DELETE', `/v1/goals/${plain.id}`, { auth: w.contactA })).status).toBe(403);
    expect([await count('goals'), await count('goal_updates')]).toEqual([afterCreates[0], afterCreates[1]! + 1]);
    expect(goals).toBeLessThan(afterCreates[0]!);
    expect(updates).toBeLessThanOrEqual(afterCreates[1]!);
  });

  it('shows contacts their customer’s shared goals only, with goals.view, and tells them of a deletion', async () => {
    const { w, t } = env;
    const shared = (await create({ customer_id: w.customerA, title: 'Adoption 80%' })).body;
    const internal = (await create({ customer_id: w.customerA, title: 'Upsell analytics', visibility: 'internal' })).body;
    const other = (await create({ customer_id: w.customerB, title: 'Globex NPS' })).body;
    const ids = async (auth: string, query = '') => (await t.request('GET', `/v1/goals?limit=200${query}`, { auth })).body.data.map((g: { id: string }) => g.id);
    expect(await ids(w.contactA)).toContain(shared.id);
    expect(await ids(w.contactA)).not.toContain(internal.id);
    expect(await ids(w.contactA)).not.toContain(other.id);
    const internals = await ids(w.staff, `&customer_id=${w.customerA}&visibility=internal`);
    expect([internals.includes(internal.id), internals.includes(shared.id)]).toEqual([true, false]);
    expect((await t.request('GET', '/v1/goals?visibility=internal', { auth: w.contactA })).status).toBe(403);
    expect((await t.request('GET', `/v1/goals/${internal.id}`, { auth: w.contactA })).status).toBe(404);
    expect(await ids(w.staff, `&owner_id=me&customer_id=${w.customerA}`)).not.toContain(shared.id);

    // Without goals.view: the list is a 403, a goal a 404.
    const limited = await embedToken(t, w.key, { external_id: 'lee-goals', name: 'Lee Wong', role: 'contact' }, { external_id: 'acme' });
    const sets = (await t.request('GET', '/v1/permission-sets', { auth: w.staff })).body.data as { id: string; name: string; portal_type: string }[];
    const set = sets.find((s) => s.name === 'Limited access' && s.portal_type === 'customer')!;
    expect((await t.request('PATCH', `/v1/users/${limited.user_id}`, { auth: w.staff, body: { permission_set_id: set.id } })).status).toBe(200);
    expect((await t.request('GET', '/v1/goals', { auth: limited.token })).body.error.code).toBe('capability_required');
    expect((await t.request('GET', `/v1/goals/${shared.id}`, { auth: limited.token })).status).toBe(404);

    expect((await t.request('DELETE', `/v1/goals/${shared.id}`, { auth: w.staff })).status).toBe(204);
    expect((await t.request('GET', `/v1/goals/${shared.id}`, { auth: w.staff })).status).toBe(404);
    const events = await t.deps.db.selectFrom('events').select(['type', 'visibility']).where('subject_id', '=', shared.id).orderBy('id').execute();
    expect(events).toEqual([
      { type: 'goal.created', visibility: 'portal' },
      { type: 'goal.deleted', visibility: 'portal' },
    ]);
  });

  it('forgets an owner moved to another customer, and erases the notes of an erased person', async () => {
    const { w, t } = env;
    const lee = await embedToken(t, w.key, { external_id: 'lee-owner', name: 'Lee Owner', role: 'contact' }, { external_id: 'acme' });
    const kim = await embedToken(t, w.key, { external_id: 'kim-owner', name: 'Kim Owner', role: 'contact' }, { external_id: 'acme' });
    const g = (await create({ customer_id: w.customerA, title: 'Renewal signed', owner_ids: [lee.user_id, kim.user_id] })).body;
    expect((await record(g.id, { note: 'Spoke with procurement, call me on 555-0100' }, kim.token)).status).toBe(201);
    expect((await t.request('POST', `/v1/users/${lee.user_id}/transfer`, { auth: w.staff, body: { customer_id: w.customerB } })).status).toBe(200);
    expect((await t.request('GET', `/v1/goals/${g.id}`, { auth: w.staff })).body.owner_ids).toEqual([kim.user_id]);
    const exported = await t.deps.db.selectFrom('goal_updates').select('note').where('goal_id', '=', g.id).executeTakeFirstOrThrow();
    expect(exported.note).toContain('procurement');
    expect((await t.request('DELETE', `/v1/users/${kim.user_id}?erase=true`, { auth: w.key })).status).toBeLessThan(300);
    const history = (await t.request('GET', `/v1/goals/${g.id}/updates`, { auth: w.staff })).body.data;
    expect(history.map((u: { note: string }) => u.note)).toEqual(['[erased]']);
  });

  it('delivers goal events to the vendor’s webhooks, internal goals included', async () => {
    // An app of its own that may deliver to this machine (nothing listens there: deliveries are only queued).
    const t = await startTestApp(database, { webhookAllowPrivate: true });
    try {
    const w = await buildWorld(t);
    const create = (body: Record<string, unknown>) => t.request('POST', '/v1/goals', { auth: w.staff, body });
    const record = (id: string, body: Record<string, unknown>) => t.request('POST', `/v1/goals/${id}/updates`, { auth: w.staff, body });
    while ((await consumeBatch(t.deps, webhookFanOut, 500)) > 0);
    const endpoint = await t.request('POST', '/v1/webhook-endpoints', { auth: w.key, body: { url: 'http://127.0.0.1:9/goal-hooks', events: ['goal.created', 'goal.progress_recorded'] } });
    expect([endpoint.status, endpoint.body.error]).toEqual([201, undefined]);
    const g = (await create({ customer_id: w.customerA, title: 'Board-level review', visibility: 'internal' })).body;
    await record(g.id, { note: 'Slides shared' });
    await t.request('PATCH', `/v1/goals/${g.id}`, { auth: w.staff, body: { status: 'at_risk' } });
    while ((await consumeBatch(t.deps, webhookFanOut, 500)) > 0);
    const rows = await t.deps.db.selectFrom('webhook_deliveries').select(['type', 'payload']).where('endpoint_id', '=', endpoint.body.id).orderBy('event_id').execute();
    expect(rows.map((r) => r.type)).toEqual(['goal.created', 'goal.progress_recorded']);
    expect(JSON.parse(rows[1]!.payload)).toMatchObject({ type: 'goal.progress_recorded', data: { goal: { id: g.id }, update: { note: 'Slides shared' } } });
    } finally {
      await t.close();
    }
  });
});
