import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import { getCustomer } from '../customers/customer.repository.js';
import type { Database } from '../db/database.js';
import { newId } from '../lib/ids.js';
import { invalid } from '../errors.js';
import { MAX_RANGE_DAYS, type AnalyticsFilters, type AnalyticsPointView, type AnalyticsView, type ViewItemInput } from './analytics.schema.js';

const DAY = 86_400_000;
/** Views of one person no more than this far apart are one sitting. */
export const VISIT_GAP_MS = 30 * 60_000;

/** The event types the series count, whether or not the feature writing them has landed. */
export const COUNTED_EVENTS = {
  downloads: 'document.downloaded',
  messages: 'message.created',
  requests: 'request.created',
  approvals: 'approval.decided',
} as const;
const COUNTED_TYPES: string[] = Object.values(COUNTED_EVENTS);

export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Records the views a contact opened: the raw rows (pruned by retention), their daily rollup
 * and the person's sitting (extended when the last view was under 30 minutes ago, else a new
 * one). Answers how many were recorded.
 * @example await recordViews(trx, principal, [{ view: 'tasks' }]);
 */
export async function recordViews(trx: Kysely<Database>, principal: Extract<Principal, { kind: 'contact' }>, views: readonly ViewItemInput[], now = Date.now()): Promise<number> {
  const at = new Date(now).toISOString();
  const base = { tenant_id: principal.tenantId, customer_id: principal.customerId, user_id: principal.userId };
  await trx
    .insertInto('analytics_views')
    .values(views.map((v) => ({ ...base, id: newId('anv'), view: v.view, subject_id: v.subject_id ?? null, created_at: at })))
    .execute();
  const counts = new Map<string, number>();
  for (const v of views) counts.set(v.view, (counts.get(v.view) ?? 0) + 1);
  await trx
    .insertInto('analytics_daily')
    .values([...counts].map(([view, count]) => ({ ...base, day: dayOf(now), view, count })))
    .onConflict((oc) => oc.columns(['customer_id', 'day', 'user_id', 'view']).doUpdateSet((eb) => ({ count: eb('analytics_daily.count', '+', eb.ref('excluded.count')) })))
    .execute();
  const open = await trx
    .selectFrom('analytics_visits')
    .select('id')
    .where('user_id', '=', principal.userId)
    .where('last_at', '>=', new Date(now - VISIT_GAP_MS).toISOString())
    .where('started_at', '<=', at)
    .orderBy('last_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (open) await trx.updateTable('analytics_visits').set({ last_at: at }).where('id', '=', open.id).where('last_at', '<', at).execute();
  else await trx.insertInto('analytics_visits').values({ ...base, id: newId('vis'), started_at: at, last_at: at }).execute();
  return views.length;
}

/** Monday of the week of `day` (UTC). */
const weekStart = (day: string) => {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return dayOf(ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY);
};

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const m = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(m * 10) / 10;
};

/**
 * The series of `GET /v1/analytics`: per day or week, from the rollups, the sittings and the
 * event log (counted by type), for one customer or the whole tenant of the caller.
 * @example await getAnalytics(db, principal, { from: '2026-11-01', to: '2026-11-30', interval: 'week' });
 */
export async function getAnalytics(db: Kysely<Database>, principal: Principal, filters: AnalyticsFilters, now = Date.now()): Promise<AnalyticsView> {
  const customerId = filters.customer_id ? (await getCustomer(db, principal, filters.customer_id)).id : null;
  const to = filters.to ?? dayOf(now);
  const from = filters.from ?? dayOf(Date.parse(`${to}T00:00:00Z`) - 29 * DAY);
  const span = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY;
  if (span < 0) throw invalid('`from` is after `to`', [{ path: 'from', message: 'must not be after to' }]);
  if (span >= MAX_RANGE_DAYS) throw invalid(`At most ${MAX_RANGE_DAYS} days at once`, [{ path: 'from', message: `at most ${MAX_RANGE_DAYS} days before to` }]);
  const bucketOf = filters.interval === 'week' ? weekStart : (day: string) => day;
  const endIso = new Date(Date.parse(`${to}T00:00:00Z`) + DAY).toISOString();
  const startIso = `${from}T00:00:00.000Z`;

  const buckets = new Map<string, { point: AnalyticsPointView; users: Set<string>; lengths: number[] }>();
  for (let ms = Date.parse(`${from}T00:00:00Z`); ms <= Date.parse(`${to}T00:00:00Z`); ms += DAY) {
    const start = bucketOf(dayOf(ms));
    if (!buckets.has(start)) {
      buckets.set(start, {
        point: { start, active_users: 0, sessions: 0, median_session_minutes: null, views_by_view: {}, downloads: 0, messages: 0, requests: 0, approvals: 0 },
        users: new Set(),
        lengths: [],
      });
    }
  }
  const bucket = (day: string) => buckets.get(bucketOf(day))!;

  let daily = db.selectFrom('analytics_daily').select(['day', 'user_id', 'view', 'count']).where('tenant_id', '=', principal.tenantId).where('day', '>=', from).where('day', '<=', to);
  if (customerId) daily = daily.where('customer_id', '=', customerId);
  for (const row of await daily.execute()) {
    const b = bucket(row.day);
    b.users.add(row.user_id);
    b.point.views_by_view[row.view] = (b.point.views_by_view[row.view] ?? 0) + Number(row.count);
  }

  let visits = db.selectFrom('analytics_visits').select(['started_at', 'last_at']).where('tenant_id', '=', principal.tenantId).where('started_at', '>=', startIso).where('started_at', '<', endIso);
  if (customerId) visits = visits.where('customer_id', '=', customerId);
  for (const row of await visits.execute()) {
    const b = bucket(row.started_at.slice(0, 10));
    b.point.sessions += 1;
    b.lengths.push((Date.parse(row.last_at) - Date.parse(row.started_at)) / 60_000);
  }

  let events = db
    .selectFrom('events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.type', 'e.created_at', 'e.actor_id', 'u.role'])
    .where('e.tenant_id', '=', principal.tenantId)
    .where('e.created_at', '>=', startIso)
    .where('e.created_at', '<', endIso)
    .where((eb) => eb.or([eb('e.type', 'in', COUNTED_TYPES), eb('u.role', '=', 'contact')]));
  if (customerId) events = events.where('e.customer_id', '=', customerId);
  else events = events.where('e.customer_id', 'is not', null);
  for (const row of await events.execute()) {
    const b = bucket(row.created_at.slice(0, 10));
    if (row.role === 'contact' && row.actor_id) b.users.add(row.actor_id);
    for (const [field, type] of Object.entries(COUNTED_EVENTS)) if (row.type === type) b.point[field as keyof typeof COUNTED_EVENTS] += 1;
  }

  const series = [...buckets.values()].map(({ point, users, lengths }) => ({ ...point, active_users: users.size, median_session_minutes: median(lengths) }));
  return { customer_id: customerId, from, to, interval: filters.interval, series };
}
