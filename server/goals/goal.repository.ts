import type { Kysely } from 'kysely';
import { actorId, systemPrincipal, type Principal } from '../auth/principal.js';
import { visibleTo } from '../auth/visibility.js';
import { accountOf } from '../commercial/accounts.js';
import type { Database, Goal, GoalStatus } from '../db/database.js';
import { ApiError, invalid, notFound } from '../errors.js';
import type { EventType } from '../events/event-types.js';
import { recordEvent } from '../events/record-event.js';
import { changedFields } from '../lib/changes.js';
import { newId } from '../lib/ids.js';
import { paginate, type Page, type PageRequest } from '../lib/pagination.js';
import type { CreateGoalInput, GoalFilters, GoalUpdateView, GoalView, RecordProgressInput, UpdateGoalInput } from './goal.schema.js';

type Metric = { unit: string; start: number; target: number };
type Person = { id: string; name: string; role: 'staff' | 'contact' };

/**
 * How far `current` has come from `start` towards `target`, 0..1 (clamped): the same whichever
 * way the target lies, so "from 120 open tickets down to 40" at 80 is half way.
 * @example progressOf({ unit: 'tickets', start: 120, target: 40 }, 80) // 0.5
 */
export function progressOf(metric: Metric | null, current: number | null): number | null {
  if (!metric) return null;
  if (current === null) return 0;
  const share = (current - metric.start) / (metric.target - metric.start);
  return Math.min(1, Math.max(0, share));
}

const metricOf = (row: Goal): Metric | null =>
  row.metric_start === null || row.metric_target === null ? null : { unit: row.metric_unit ?? '', start: Number(row.metric_start), target: Number(row.metric_target) };

async function ownersOf(db: Kysely<Database>, ids: string[]): Promise<Map<string, Person[]>> {
  const byGoal = new Map<string, Person[]>();
  if (ids.length === 0) return byGoal;
  const rows = await db
    .selectFrom('goal_owners as o')
    .innerJoin('users as u', 'u.id', 'o.user_id')
    .select(['o.goal_id', 'u.id', 'u.name', 'u.role'])
    .where('o.goal_id', 'in', ids)
    .orderBy('u.name')
    .execute();
  for (const r of rows) byGoal.set(r.goal_id, [...(byGoal.get(r.goal_id) ?? []), { id: r.id, name: r.name, role: r.role }]);
  return byGoal;
}

async function updateCounts(db: Kysely<Database>, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('goal_updates').select(['goal_id', (eb) => eb.fn.countAll().as('n')]).where('goal_id', 'in', ids).groupBy('goal_id').execute();
  return new Map(rows.map((r) => [r.goal_id, Number(r.n)]));
}

async function views(db: Kysely<Database>, rows: Goal[]): Promise<GoalView[]> {
  const ids = rows.map((r) => r.id);
  const [owners, counts] = await Promise.all([ownersOf(db, ids), updateCounts(db, ids)]);
  return rows.map((row) => {
    const metric = metricOf(row);
    const current = metric && row.current_value !== null ? Number(row.current_value) : null;
    const people = owners.get(row.id) ?? [];
    return {
      id: row.id,
      customer_id: row.customer_id,
      title: row.title,
      description: row.description,
      metric,
      current,
      progress: progressOf(metric, current),
      due_date: row.due_date,
      status: row.status,
      visibility: row.visibility,
      owner_ids: people.map((p) => p.id),
      owners: people,
      update_count: counts.get(row.id) ?? 0,
      last_update_at: row.last_update_at,
      created_by: row.created_by,
      created_at: row.created_at,
      updated_at: row.updated_at,
    };
  });
}

/**
 * The goals `principal` may see (a contact: its customer's shared goals, with `goals.view`),
 * oldest first.
 * @example await listGoals(db, principal, { customer_id: 'cus_…', limit: 50 });
 */
export async function listGoals(db: Kysely<Database>, principal: Principal, filters: Omit<GoalFilters, 'limit' | 'cursor'> & PageRequest): Promise<Page<GoalView>> {
  let query = db.selectFrom('goals as g').selectAll('g').where(visibleTo(principal, 'goals', 'g'));
  if (filters.customer_id) query = query.where('g.customer_id', '=', filters.customer_id);
  if (filters.status) query = query.where('g.status', '=', filters.status);
  if (filters.visibility) query = query.where('g.visibility', '=', filters.visibility);
  if (filters.owner_id) {
    const owner = filters.owner_id === 'me' ? (actorId(principal) ?? '') : filters.owner_id;
    query = query.where((eb) => eb.exists(eb.selectFrom('goal_owners as o').select('o.user_id').whereRef('o.goal_id', '=', 'g.id').where('o.user_id', '=', owner)));
  }
  const [paged, toPage] = paginate(query, 'g', filters);
  const rows = await paged.execute();
  const shown = new Map((await views(db, rows)).map((v) => [v.id, v]));
  return toPage(rows, (row) => shown.get(row.id)!);
}

/** The goal with `id`, a 404 when it is absent or not visible to `principal`. */
export async function getGoal(db: Kysely<Database>, principal: Principal, id: string): Promise<GoalView> {
  const row = await db.selectFrom('goals as g').selectAll('g').where('g.id', '=', id).where(visibleTo(principal, 'goals', 'g')).executeTakeFirst();
  if (!row) throw notFound('Goal');
  return (await views(db, [row]))[0]!;
}

/** Owners are people on either side of the goal: the tenant's staff and the customer's own contacts; anyone else is a 400. */
async function checkOwners(db: Kysely<Database>, tenantId: string, customerId: string, ownerIds: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ownerIds)];
  if (unique.length === 0) return unique;
  const found = await db
    .selectFrom('users')
    .select('id')
    .where('id', 'in', unique)
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('role', '=', 'staff'), eb.and([eb('role', '=', 'contact'), eb('customer_id', '=', customerId)])]))
    .execute();
  const known = new Set(found.map((r) => r.id));
  const refused = ownerIds.map((id, i) => [id, i] as const).filter(([id]) => !known.has(id));
  if (refused.length > 0) {
    throw invalid(
      'An owner must be a staff user or a contact of the goal’s customer',
      refused.map(([, i]) => ({ path: `owner_ids.${i}`, message: 'not a staff user nor a contact of this customer' })),
    );
  }
  return unique;
}

async function setOwners(trx: Kysely<Database>, tenantId: string, goalId: string, ownerIds: readonly string[]): Promise<void> {
  await trx.deleteFrom('goal_owners').where('goal_id', '=', goalId).execute();
  if (ownerIds.length > 0) await trx.insertInto('goal_owners').values(ownerIds.map((user_id) => ({ goal_id: goalId, user_id, tenant_id: tenantId }))).execute();
}

/** The team's view of a goal, for the event log (the same for everyone who may see it). */
const teamView = (db: Kysely<Database>, principal: Principal, id: string) => getGoal(db, systemPrincipal(principal.tenantId), id);

function record(trx: Kysely<Database>, principal: Principal, type: EventType, goal: GoalView, extra: Record<string, unknown> = {}): Promise<void> {
  return recordEvent(trx, principal, { type, table: 'goals', subjectId: goal.id, customerId: goal.customer_id, taskId: null, data: { goal, ...extra } });
}

const metricColumns = (metric: Metric | null | undefined) => ({
  metric_unit: metric ? metric.unit : null,
  metric_start: metric ? metric.start : null,
  metric_target: metric ? metric.target : null,
});

/** Creates a goal of a customer the caller sees, with its owners, and records `goal.created`. */
export async function createGoal(trx: Kysely<Database>, principal: Principal, input: CreateGoalInput): Promise<GoalView> {
  const customer = await accountOf(trx, principal, input.customer_id);
  const owners = await checkOwners(trx, principal.tenantId, customer.id, input.owner_ids ?? []);
  const now = new Date().toISOString();
  const row: Goal = {
    id: newId('gol'),
    tenant_id: principal.tenantId,
    customer_id: customer.id,
    title: input.title,
    description: input.description ?? '',
    ...metricColumns(input.metric),
    current_value: null,
    due_date: input.due_date ?? null,
    status: input.status ?? 'on_track',
    visibility: input.visibility ?? 'portal',
    last_update_at: null,
    created_by: actorId(principal),
    created_at: now,
    updated_at: now,
    deleted_at: null,
  };
  await trx.insertInto('goals').values(row).execute();
  await setOwners(trx, principal.tenantId, row.id, owners);
  const goal = await teamView(trx, principal, row.id);
  await record(trx, principal, 'goal.created', goal);
  return goal;
}

const FIELDS = ['title', 'description', 'due_date', 'status', 'visibility'] as const;

/** Changes a goal (its metric, owners and the rest); records `goal.updated` with what changed. */
export async function updateGoal(trx: Kysely<Database>, principal: Principal, id: string, patch: UpdateGoalInput): Promise<GoalView> {
  const before = await getGoal(trx, principal, id);
  const { changes, previous } = changedFields(before, patch, FIELDS);
  const set: Record<string, unknown> = Object.fromEntries(changes.map((f) => [f, patch[f]]));
  const changed: string[] = [...changes];
  const was: Record<string, unknown> = { ...previous };
  if (patch.metric !== undefined && JSON.stringify(patch.metric) !== JSON.stringify(before.metric)) {
    // The history is in the metric's terms: once values are recorded, it may change but not go.
    if (patch.metric === null && before.update_count > 0 && before.current !== null) {
      throw new ApiError(409, 'goal_has_progress', 'Progress has been recorded against this metric; change its target instead of removing it');
    }
    Object.assign(set, metricColumns(patch.metric));
    if (patch.metric === null) set.current_value = null;
    changed.push('metric');
    was.metric = before.metric;
  }
  if (patch.owner_ids !== undefined) {
    const owners = await checkOwners(trx, principal.tenantId, before.customer_id, patch.owner_ids);
    if ([...owners].sort().join() !== [...before.owner_ids].sort().join()) {
      await setOwners(trx, principal.tenantId, id, owners);
      changed.push('owner_ids');
      was.owner_ids = before.owner_ids;
    }
  }
  if (changed.length === 0) return before;
  await trx.updateTable('goals').set({ ...set, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
  const after = await teamView(trx, principal, id);
  await record(trx, principal, 'goal.updated', after, { changes: changed, previous: was });
  return after;
}

/** Deletes a goal (its history goes with it for everyone); `goal.deleted` is recorded first, so those who saw it hear it is gone. */
export async function deleteGoal(trx: Kysely<Database>, principal: Principal, id: string): Promise<void> {
  const goal = await getGoal(trx, principal, id);
  await recordEvent(trx, principal, { type: 'goal.deleted', table: 'goals', subjectId: id, customerId: goal.customer_id, taskId: null, data: { goal: { id, customer_id: goal.customer_id, title: goal.title } } });
  const now = new Date().toISOString();
  await trx.updateTable('goals').set({ deleted_at: now, updated_at: now }).where('id', '=', id).execute();
}

/**
 * Records progress: a value (for a goal with a metric) and a note, or a note alone (a goal
 * without one). The team may always; a contact only on a goal it owns. Reaching the target
 * marks the goal `achieved`; records `goal.progress_recorded`.
 * @example await recordProgress(trx, principal, 'gol_…', { value: 80, note: 'Self-service portal live' });
 */
export async function recordProgress(trx: Kysely<Database>, principal: Principal, id: string, input: RecordProgressInput): Promise<GoalUpdateView> {
  const goal = await getGoal(trx, principal, id);
  if (principal.kind === 'contact' && !goal.owner_ids.includes(principal.userId)) {
    throw new ApiError(403, 'not_an_owner', 'Only the owners of this goal may record its progress');
  }
  const note = input.note ?? '';
  if (goal.metric && input.value === undefined) throw invalid('A goal with a metric needs a value', [{ path: 'value', message: 'the metric’s current value' }]);
  if (!goal.metric && input.value !== undefined) throw invalid('This goal has no metric to record a value against', [{ path: 'value', message: 'a goal without a metric takes a note only' }]);
  if (!goal.metric && !note) throw invalid('Write a note about the progress', [{ path: 'note', message: 'required when the goal has no metric' }]);
  const at = new Date().toISOString();
  const value = input.value ?? null;
  const update = { id: newId('gup'), tenant_id: principal.tenantId, goal_id: id, value, note, created_by: actorId(principal), created_at: at };
  await trx.insertInto('goal_updates').values(update).execute();
  const reached = goal.metric !== null && progressOf(goal.metric, value) === 1;
  const status: GoalStatus = reached ? 'achieved' : goal.status;
  await trx
    .updateTable('goals')
    .set({ ...(goal.metric ? { current_value: value } : {}), status, last_update_at: at, updated_at: at })
    .where('id', '=', id)
    .execute();
  const after = await teamView(trx, principal, id);
  const { tenant_id: _t, ...shown } = update;
  await record(trx, principal, 'goal.progress_recorded', after, { update: shown, previous: { current: goal.current, status: goal.status } });
  return { ...shown, author: await authorOf(trx, update.created_by) };
}

async function authorOf(db: Kysely<Database>, userId: string | null): Promise<Person | null> {
  if (!userId) return null;
  const row = await db.selectFrom('users').select(['id', 'name', 'role']).where('id', '=', userId).executeTakeFirst();
  return row ?? null;
}

/** A goal's history, oldest first (the order a chart reads it in): who, when, the value and the note. */
export async function goalHistory(db: Kysely<Database>, principal: Principal, id: string, page: PageRequest): Promise<Page<GoalUpdateView>> {
  await getGoal(db, principal, id);
  const query = db
    .selectFrom('goal_updates as u')
    .leftJoin('users as a', 'a.id', 'u.created_by')
    .select(['u.id', 'u.goal_id', 'u.value', 'u.note', 'u.created_by', 'u.created_at', 'a.name as author_name', 'a.role as author_role'])
    .where('u.goal_id', '=', id);
  const [paged, toPage] = paginate(query, 'u', page);
  return toPage(await paged.execute(), (r) => ({
    id: r.id,
    goal_id: r.goal_id,
    value: r.value === null ? null : Number(r.value),
    note: r.note,
    created_by: r.created_by,
    author: r.created_by && r.author_name !== null && r.author_role !== null ? { id: r.created_by, name: r.author_name, role: r.author_role } : null,
    created_at: r.created_at,
  }));
}
