import { describe, expect, it } from 'vitest';
import { consumeBatch } from '../events/consumer.js';
import { appendEvent } from '../events/event-log.js';
import { notificationFanOut } from '../notifications/notification-fanout.js';
import { runRetention } from '../retention/retention.js';
import { databases } from '../test/harness.js';
import { useWorld } from '../test/suite.js';
import { webhookFanOut } from '../webhooks/webhook-fanout.js';
import { recordViews } from './analytics.repository.js';
import { watchEngagement } from './engagement.js';

const DAY = 86_400_000;
// Noon UTC of a fixed day, so that the seeded month lands on known days.
const TODAY = Date.parse('2026-11-30T12:00:00Z');
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe.each(databases)('engagement on $name', (database) => {
  const env = useWorld(database);
  const count = async (table: 'analytics_views' | 'analytics_daily' | 'analytics_visits') =>
    Number((await env.t.deps.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const principalA = () => ({ kind: 'contact' as const, tenantId: env.w.tenantId, userId: env.w.contactAId, customerId: env.w.customerA, capabilities: new Set<never>(), memberOf: null });
  const principalB = () => ({ kind: 'contact' as const, tenantId: env.w.tenantId, userId: env.w.contactBId, customerId: env.w.customerB, capabilities: new Set<never>(), memberOf: null });
  /** An event of the log at a given time, as the feature writing it would (message, request, …). */
  const eventAt = async (type: string, customerId: string, actorId: string | null, at: number) => {
    const id = await env.t.deps.db.transaction().execute((trx) =>
      appendEvent(trx, { tenantId: env.w.tenantId, customerId, visibility: 'portal', type, subjectId: 'x_1', actorId, data: {} }),
    );
    await env.t.deps.db.updateTable('events').set({ created_at: new Date(at).toISOString() }).where('id', '=', id).execute();
    seeded.push(id);
  };
  const seeded: number[] = [];

  it('takes one view or a batch from a person, refuses junk and revoked tokens, and writes nothing then', async () => {
    const { t, w } = env;
    const before = await count('analytics_views');
    expect((await t.request('POST', '/v1/analytics/views', { auth: w.contactA, body: { view: 'tasks' } })).body).toEqual({ recorded: 1 });
    const batch = await t.request('POST', '/v1/analytics/views', { auth: w.contactA, body: { views: [{ view: 'task', subject_id: 'tsk_abc123' }, { view: 'documents' }] } });
    expect(batch.status).toBe(202);
    expect(batch.body).toEqual({ recorded: 2 });
    expect(await count('analytics_views')).toBe(before + 3);
    const rows = await t.deps.db.selectFrom('analytics_daily').select(['view', 'count']).where('user_id', '=', w.contactAId).orderBy('view').execute();
    expect(rows.map((r) => [r.view, Number(r.count)])).toEqual([['documents', 1], ['task', 1], ['tasks', 1]]);
    // One sitting: the views came within 30 minutes of each other.
    expect(await count('analytics_visits')).toBe(1);

    const refused = [
      [w.contactA, { view: 'secret-admin-page' }, 400],
      [w.contactA, { views: [{ view: 'tasks' }, { view: 'nope' }] }, 400],
      [w.contactA, { views: [] }, 400],
      [w.contactA, { view: 'task', subject_id: '<script>' }, 400],
      [w.deactivated, { view: 'tasks' }, 401],
      [undefined, { view: 'tasks' }, 401],
      [w.key, { view: 'tasks' }, 403],
    ] as const;
    for (const [auth, body, status] of refused) {
      const r = await t.request('POST', '/v1/analytics/views', { auth, body });
      expect(r.status).toBe(status);
      expect(r.body.error.code).toBeTypeOf('string');
    }
    // A staff member previewing a portal is not the customer's engagement.
    expect((await t.request('POST', '/v1/analytics/views', { auth: w.staff, body: { view: 'tasks' } })).body).toEqual({ recorded: 0 });
    expect(await count('analytics_views')).toBe(before + 3);
  });

  it('answers a seeded month of activity per day and per week, for one customer or all', async () => {
    const { t, w } = env;
    // Ana opens the portal every other day of November, two sittings a day, 20 minutes each.
    for (let d = 1; d <= 30; d += 2) {
      const morning = Date.parse(`2026-11-${String(d).padStart(2, '0')}T09:00:00Z`);
      for (const at of [morning, morning + 10 * 60_000, morning + 20 * 60_000, morning + 5 * 3_600_000]) {
        await t.deps.db.transaction().execute((trx) => recordViews(trx, principalA(), [{ view: 'dashboard' }, { view: 'tasks' }], at));
      }
      await eventAt('document.downloaded', w.customerA, w.contactAId, morning + 60_000);
    }
    for (const [type, day] of [['message.created', 3], ['message.created', 4], ['request.created', 10], ['approval.decided', 12]] as const) {
      await eventAt(type, w.customerA, w.staffId, Date.parse(`2026-11-${String(day).padStart(2, '0')}T15:00:00Z`));
    }
    // Bob of Globex, once.
    await t.deps.db.transaction().execute((trx) => recordViews(trx, principalB(), [{ view: 'documents' }], Date.parse('2026-11-02T10:00:00Z')));

    const get = (auth: string, query: string) => t.request('GET', `/v1/analytics?${query}`, { auth });
    const daily = await get(w.key, `customer_id=${w.customerA}&from=2026-11-01&to=2026-11-30&interval=day`);
    expect(daily.status).toBe(200);
    expect(daily.body.series).toHaveLength(30);
    const first = daily.body.series[0];
    expect(first).toEqual({
      start: '2026-11-01',
      active_users: 1,
      sessions: 2,
      median_session_minutes: 10,
      views_by_view: { dashboard: 4, tasks: 4 },
      downloads: 1,
      messages: 0,
      requests: 0,
      approvals: 0,
    });
    expect(daily.body.series[1]).toMatchObject({ start: '2026-11-02', active_users: 0, sessions: 0, median_session_minutes: null, views_by_view: {} });
    const total = (series: any[], field: string) => series.reduce((n, p) => n + p[field], 0);
    expect(total(daily.body.series, 'sessions')).toBe(30);
    expect(total(daily.body.series, 'downloads')).toBe(15);
    expect(total(daily.body.series, 'messages')).toBe(2);
    expect(total(daily.body.series, 'requests')).toBe(1);
    expect(total(daily.body.series, 'approvals')).toBe(1);

    const weekly = await get(w.staff, `customer_id=${w.customerA}&from=2026-11-01&to=2026-11-30&interval=week`);
    expect(weekly.status).toBe(200);
    // 2026-11-01 is a Sunday: its week began on Monday 26 October.
    expect(weekly.body.series.map((p: { start: string }) => p.start)).toEqual(['2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30']);
    expect(weekly.body.series[1]).toMatchObject({ active_users: 1, sessions: 6, messages: 2, views_by_view: { dashboard: 12, tasks: 12 } });
    expect(total(weekly.body.series, 'sessions')).toBe(30);

    const all = await get(w.key, 'from=2026-11-02&to=2026-11-02');
    expect(all.body.series[0]).toMatchObject({ active_users: 1, sessions: 1, views_by_view: { documents: 1 } });

    expect((await get(w.contactA, 'from=2026-11-01')).status).toBe(403);
    expect((await get(w.otherTenantKey, `customer_id=${w.customerA}`)).status).toBe(404);
    expect((await get(w.otherTenantKey, 'from=2026-11-01&to=2026-11-30')).body.series.every((p: any) => p.active_users === 0 && p.sessions === 0)).toBe(true);
    for (const bad of ['from=2026-11-30&to=2026-11-01', 'from=2024-01-01&to=2026-11-01', 'interval=month', 'from=2026-02-30']) {
      const r = await get(w.key, bad);
      expect(r.status, bad).toBe(400);
      expect(r.body.error.code).toBe('validation_failed');
    }

    // Retention prunes the raw beacons; the rollups and sittings stay, and so do the series.
    await runRetention(t.deps.db, { ...t.config.retention, analyticsViewDays: 30 }, { everyMs: 1, now: Date.parse('2027-01-15T00:00:00Z') });
    expect(await count('analytics_views')).toBe(0);
    expect((await get(w.key, `customer_id=${w.customerA}&from=2026-11-01&to=2026-11-30`)).body).toEqual(daily.body);
    // The seeded events carry no subject: the notification fan-out of the next test must not read them.
    await t.deps.db.deleteFrom('events').where('id', 'in', seeded).execute();
  });

  it('scores a customer and announces a change of trend once, to its owner and as a webhook', async () => {
    const { t, w } = env;
    const engagement = await t.request('GET', `/v1/customers/${w.customerA}/engagement`, { auth: w.staff });
    expect(engagement.status).toBe(200);
    expect(engagement.body).toMatchObject({ customer_id: w.customerA, trend: expect.stringMatching(/^(rising|steady|declining|spike)$/) });
    expect(engagement.body.score).toBeGreaterThanOrEqual(0);
    expect(engagement.body.score).toBeLessThanOrEqual(100);
    expect((await t.request('GET', `/v1/customers/${w.customerA}/engagement`, { auth: w.contactA })).status).toBe(403);
    expect((await t.request('GET', `/v1/customers/${w.customerA}/engagement`, { auth: w.otherTenantKey })).status).toBe(404);

    // Globex: an owner, a webhook, and five quiet weeks of a few views.
    expect((await t.request('PATCH', `/v1/customers/${w.customerB}`, { auth: w.key, body: { owner_id: w.staffId } })).status).toBe(200);
    // Registered directly: the API refuses a host that does not resolve, and nothing is sent here.
    const at = new Date().toISOString();
    await t.deps.db.insertInto('webhook_endpoints').values({ id: 'whe_engagement1', tenant_id: w.tenantId, url: 'https://hooks.vendor.test/portal', events: JSON.stringify(['customer.engagement_changed']), secret: 'whsec_c2VjcmV0', created_at: at, updated_at: at }).execute();
    for (let d = 34; d >= 1; d -= 3) await t.deps.db.transaction().execute((trx) => recordViews(trx, principalB(), [{ view: 'tasks' }, { view: 'documents' }], TODAY - d * DAY));
    const now = TODAY + 10 * DAY;
    await watchEngagement(t.deps.db, now - DAY);
    const quiet = await t.deps.db.selectFrom('customer_engagement').select('trend').where('customer_id', '=', w.customerB).executeTakeFirstOrThrow();
    const changes = () => t.deps.db.selectFrom('events').selectAll().where('type', '=', 'customer.engagement_changed').where('customer_id', '=', w.customerB).execute();
    expect(await changes()).toHaveLength(0);

    // A burst today: a spike, seen by two instances at once and again later — written once.
    await t.deps.db.transaction().execute((trx) => recordViews(trx, principalB(), Array.from({ length: 30 }, () => ({ view: 'documents' as const })), now));
    await Promise.all([watchEngagement(t.deps.db, now), watchEngagement(t.deps.db, now)]);
    await watchEngagement(t.deps.db, now);
    const [change, ...more] = await changes();
    expect(more).toHaveLength(0);
    const data = JSON.parse(change!.data);
    expect(data.engagement.trend).toBe('spike');
    expect(data.previous.trend).toBe(quiet.trend);
    expect(change!.visibility).toBe('internal');

    while ((await consumeBatch(t.deps, notificationFanOut, 100)) > 0) {
      // to the head of the log
    }
    while ((await consumeBatch(t.deps, webhookFanOut, 100)) > 0) {
      // likewise
    }
    const notes = await t.deps.db.selectFrom('notifications').selectAll().where('event_id', '=', change!.id).execute();
    expect(notes.map((n) => n.user_id)).toEqual([w.staffId]);
    expect(JSON.parse(notes[0]!.data).title).toBe('Globex: engagement spiked');
    // The contacts of Globex hear nothing of it.
    expect(notes.some((n) => n.user_id === w.contactBId)).toBe(false);
    const deliveries = await t.deps.db.selectFrom('webhook_deliveries').selectAll().where('event_id', '=', change!.id).execute();
    expect(deliveries).toHaveLength(1);
    const shown = await t.request('GET', `/v1/activity?customer_id=${w.customerB}`, { auth: w.staff });
    expect(JSON.stringify(shown.body)).toContain('Engagement became spike');
    expect(dayOf(now)).toBe('2026-12-10');
  });
});
