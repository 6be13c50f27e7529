import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import { getCustomer } from '../customers/customer.repository.js';
import type { Database } from '../db/database.js';
import { appendEvent } from '../events/event-log.js';
import { dayOf } from './analytics.repository.js';
import type { EngagementView, Trend } from './analytics.schema.js';

const DAY = 86_400_000;
/** The days the score and trend look back over: this week and the four before it. */
const WINDOW_DAYS = 35;

interface Activity {
  /** Views plus contacts' actions, per UTC day. */
  units: Map<string, number>;
  /** Contacts seen, per UTC day. */
  users: Map<string, Set<string>>;
  views: Map<string, Set<string>>;
  actions: Map<string, number>;
  lastActiveAt: string | null;
  contacts: number;
}

async function activityOf(db: Kysely<Database>, tenantId: string, customerId: string, now: number): Promise<Activity> {
  const since = now - WINDOW_DAYS * DAY;
  const a: Activity = { units: new Map(), users: new Map(), views: new Map(), actions: new Map(), lastActiveAt: null, contacts: 0 };
  const add = <T>(map: Map<string, T>, day: string, init: () => T) => map.get(day) ?? (map.set(day, init()), map.get(day)!);
  const daily = await db.selectFrom('analytics_daily').select(['day', 'user_id', 'view', 'count']).where('customer_id', '=', customerId).where('day', '>=', dayOf(since)).execute();
  for (const row of daily) {
    a.units.set(row.day, (a.units.get(row.day) ?? 0) + Number(row.count));
    add(a.users, row.day, () => new Set()).add(row.user_id);
    add(a.views, row.day, () => new Set()).add(row.view);
  }
  const actions = await db
    .selectFrom('events as e')
    .innerJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.created_at', 'e.actor_id'])
    .where('e.customer_id', '=', customerId)
    .where('u.role', '=', 'contact')
    .where('e.created_at', '>=', new Date(since).toISOString())
    .execute();
  for (const row of actions) {
    const day = row.created_at.slice(0, 10);
    a.units.set(day, (a.units.get(day) ?? 0) + 1);
    a.actions.set(day, (a.actions.get(day) ?? 0) + 1);
    add(a.users, day, () => new Set()).add(row.actor_id!);
    if (!a.lastActiveAt || row.created_at > a.lastActiveAt) a.lastActiveAt = row.created_at;
  }
  const visit = await db.selectFrom('analytics_visits').select((eb) => eb.fn.max('last_at').as('at')).where('customer_id', '=', customerId).executeTakeFirst();
  const lastEvent = await db
    .selectFrom('events as e')
    .innerJoin('users as u', 'u.id', 'e.actor_id')
    .select((eb) => eb.fn.max('e.created_at').as('at'))
    .where('e.customer_id', '=', customerId)
    .where('u.role', '=', 'contact')
    .executeTakeFirst();
  for (const at of [visit?.at, lastEvent?.at]) if (at && (!a.lastActiveAt || at > a.lastActiveAt)) a.lastActiveAt = at;
  const contacts = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .where('role', '=', 'contact')
    .where('portal_access', '=', 'active')
    .executeTakeFirst();
  a.contacts = Number(contacts?.n ?? 0);
  return a;
}

/** The UTC days `from` to `to` days before `now` (0 is today). */
const days = (now: number, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => dayOf(now - (from + i) * DAY));

/**
 * The trend from this week's activity against the weekly average of the four weeks before
 * (docs/decisions/engagement.md): a spike is three times the average (and at least 10),
 * declining is half of it or less (from an average of at least 5), rising a quarter more.
 */
export function trendOf(week: number, average: number): Trend {
  if (week >= 10 && week >= 3 * average) return 'spike';
  if (average >= 5 && week <= 0.5 * average) return 'declining';
  if (week >= 1.25 * average && week - average >= 3) return 'rising';
  return 'steady';
}

/**
 * A customer's engagement computed from its last five weeks: a score out of 100 (active
 * contacts 40, active days 30, views used 15, actions 15), its trend and the signals behind both.
 */
export async function computeEngagement(db: Kysely<Database>, tenantId: string, customerId: string, now = Date.now()): Promise<EngagementView> {
  const a = await activityOf(db, tenantId, customerId, now);
  const sum = (list: string[]) => list.reduce((n, day) => n + (a.units.get(day) ?? 0), 0);
  const union = (map: Map<string, Set<string>>, list: string[]) => new Set(list.flatMap((day) => [...(map.get(day) ?? [])]));
  const last14 = days(now, 0, 13);
  const last28 = days(now, 0, 27);
  const activeContacts = union(a.users, last14).size;
  const activeDays = last28.filter((day) => (a.units.get(day) ?? 0) > 0).length;
  const viewsUsed = union(a.views, last28).size;
  const actions = last28.reduce((n, day) => n + (a.actions.get(day) ?? 0), 0);
  const week = sum(days(now, 0, 6));
  const average = Math.round((sum(days(now, 7, 34)) / 4) * 10) / 10;
  const part = (max: number, value: number, full: number) => Math.round(max * Math.min(1, value / full));
  const points = {
    active_contacts: part(40, activeContacts, Math.max(1, a.contacts)),
    active_days: part(30, activeDays, 12),
    views_used: part(15, viewsUsed, 5),
    actions: part(15, actions, 20),
  };
  const signals: EngagementView['signals'] = [
    { code: 'active_contacts', value: activeContacts, of: a.contacts, points: points.active_contacts },
    { code: 'active_days', value: activeDays, of: 28, points: points.active_days },
    { code: 'views_used', value: viewsUsed, points: points.views_used },
    { code: 'actions', value: actions, points: points.actions },
    { code: 'last_week', value: week, of: average },
  ];
  const idle = a.lastActiveAt ? Math.floor((now - Date.parse(a.lastActiveAt)) / DAY) : null;
  if (idle === null || idle >= 14) signals.push({ code: 'inactive_days', value: idle ?? WINDOW_DAYS });
  const score = Math.min(100, Object.values(points).reduce((n, p) => n + p, 0));
  return { customer_id: customerId, score, trend: trendOf(week, average), last_active_at: a.lastActiveAt, signals };
}

/** `GET /v1/customers/:id/engagement`: the customer through the caller's rule, then its engagement. */
export async function getEngagement(db: Kysely<Database>, principal: Principal, customerId: string): Promise<EngagementView> {
  const customer = await getCustomer(db, principal, customerId);
  return computeEngagement(db, principal.tenantId, customer.id);
}

const BATCH = 200;

/**
 * One pass of the trend watcher: every portal-enabled customer's trend is computed; one that
 * differs from the trend last recorded replaces it and appends `customer.engagement_changed`
 * in the same transaction. The update only applies over the trend it read, so of several
 * instances (or passes) seeing the same change exactly one writes the event. A customer seen
 * for the first time records its trend silently (no flood on first start).
 * @example await watchEngagement(db);
 */
export async function watchEngagement(db: Kysely<Database>, now = Date.now()): Promise<number> {
  let changed = 0;
  let after = '';
  for (;;) {
    const customers = await db
      .selectFrom('customers as c')
      .leftJoin('customer_engagement as g', 'g.customer_id', 'c.id')
      .select(['c.id', 'c.tenant_id', 'c.name', 'c.owner_id', 'g.trend', 'g.score'])
      .where('c.portal_enabled', '=', 1)
      .where('c.id', '>', after)
      .orderBy('c.id')
      .limit(BATCH)
      .execute();
    for (const c of customers) {
      const e = await computeEngagement(db, c.tenant_id, c.id, now);
      const at = new Date(now).toISOString();
      if (!c.trend) {
        await db.insertInto('customer_engagement').values({ customer_id: c.id, tenant_id: c.tenant_id, trend: e.trend, score: e.score, checked_at: at }).onConflict((oc) => oc.doNothing()).execute();
        continue;
      }
      if (c.trend === e.trend) {
        if (c.score !== e.score) await db.updateTable('customer_engagement').set({ score: e.score, checked_at: at }).where('customer_id', '=', c.id).where('trend', '=', c.trend).execute();
        continue;
      }
      const previous = c.trend;
      const wrote = await db.transaction().execute(async (trx) => {
        const claimed = await trx
          .updateTable('customer_engagement')
          .set({ trend: e.trend, score: e.score, checked_at: at })
          .where('customer_id', '=', c.id)
          .where('trend', '=', previous)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) return false;
        await appendEvent(trx, {
          tenantId: c.tenant_id,
          customerId: c.id,
          visibility: 'internal',
          type: 'customer.engagement_changed',
          subjectId: c.id,
          actorId: null,
          data: { customer: { id: c.id, name: c.name, owner_id: c.owner_id ?? null }, engagement: e, previous: { trend: previous, score: c.score } },
        });
        return true;
      });
      if (wrote) changed += 1;
    }
    if (customers.length < BATCH) return changed;
    after = customers.at(-1)!.id;
  }
}
