import { sql, type Kysely } from 'kysely';
import { actorId, systemPrincipal, type Principal } from '../auth/principal.js';
import { visibleTo } from '../auth/visibility.js';
import type { Database, Milestone, MilestoneStatus } from '../db/database.js';
import { invalid, notFound } from '../errors.js';
import type { EventType } from '../events/event-types.js';
import { recordEvent } from '../events/record-event.js';
import { changedFields } from '../lib/changes.js';
import { newId } from '../lib/ids.js';
import { paginate, type Page, type PageRequest } from '../lib/pagination.js';
import type { CreateMilestoneInput, MilestoneFilters, MilestoneView, UpdateMilestoneInput } from './milestone.schema.js';

/** Today as a UTC calendar day, the day milestones and due dates are compared with. */
export const utcDay = (now: Date = new Date()) => now.toISOString().slice(0, 10);

interface Tally {
  task_count: number;
  done_count: number;
  /** Open tasks past their due date. */
  overdue: number;
  /** Open tasks due after the milestone. */
  late: number;
}
const NO_TASKS: Tally = { task_count: 0, done_count: 0, overdue: 0, late: 0 };

/**
 * The contract's status: `reached` when every task of it is done, `missed` when its date passed
 * unreached, `at_risk` when an open task of it is overdue or due after it, else `upcoming`.
 * A milestone without tasks is never reached.
 */
export function statusOf(dueDate: string, tally: Tally, today: string): MilestoneStatus {
  if (tally.task_count > 0 && tally.done_count === tally.task_count) return 'reached';
  if (dueDate < today) return 'missed';
  if (tally.overdue > 0 || tally.late > 0) return 'at_risk';
  return 'upcoming';
}

/**
 * The counts behind each milestone's status. A portal milestone counts only its portal tasks:
 * what the customer is shown is what it is measured by, and the same for everyone who sees it
 * (so no count tells a contact of an internal task).
 */
async function tallies(db: Kysely<Database>, ids: string[], today: string): Promise<Map<string, Tally>> {
  const byId = new Map<string, Tally>();
  if (ids.length === 0) return byId;
  const open = sql`t.status <> 'done'`;
  const rows = await db
    .selectFrom('tasks as t')
    .innerJoin('milestones as m', 'm.id', 't.milestone_id')
    .select([
      't.milestone_id as id',
      sql<number>`count(*)`.as('task_count'),
      sql<number>`sum(case when t.status = 'done' then 1 else 0 end)`.as('done_count'),
      sql<number>`sum(case when ${open} and t.due_date < ${today} then 1 else 0 end)`.as('overdue'),
      sql<number>`sum(case when ${open} and t.due_date > m.due_date then 1 else 0 end)`.as('late'),
    ])
    .where('t.milestone_id', 'in', ids)
    .where('t.deleted_at', 'is', null)
    .where((eb) => eb.or([eb('m.visibility', '=', 'internal'), eb('t.visibility', '=', 'portal')]))
    .groupBy('t.milestone_id')
    .execute();
  for (const r of rows) {
    byId.set(r.id!, { task_count: Number(r.task_count), done_count: Number(r.done_count), overdue: Number(r.overdue), late: Number(r.late) });
  }
  return byId;
}

function toView(row: Milestone, tally: Tally, today: string): MilestoneView {
  return {
    id: row.id,
    customer_id: row.customer_id,
    project_id: row.project_id,
    name: row.name,
    description: row.description,
    due_date: row.due_date,
    visibility: row.visibility,
    status: statusOf(row.due_date, tally, today),
    task_count: tally.task_count,
    done_count: tally.done_count,
    created_by: row.created_by,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

async function views(db: Kysely<Database>, rows: Milestone[], now: Date): Promise<MilestoneView[]> {
  const today = utcDay(now);
  const counts = await tallies(db, rows.map((r) => r.id), today);
  return rows.map((r) => toView(r, counts.get(r.id) ?? NO_TASKS, today));
}

/**
 * The milestones `principal` may see, oldest first.
 * @example await listMilestones(db, principal, { project_id: 'prj_…', limit: 50 });
 */
export async function listMilestones(db: Kysely<Database>, principal: Principal, filters: Omit<MilestoneFilters, 'limit' | 'cursor'> & PageRequest): Promise<Page<MilestoneView>> {
  let query = db.selectFrom('milestones as m').selectAll('m').where(visibleTo(principal, 'milestones', 'm'));
  if (filters.customer_id) query = query.where('m.customer_id', '=', filters.customer_id);
  if (filters.project_id) query = query.where('m.project_id', '=', filters.project_id);
  if (filters.due_from) query = query.where('m.due_date', '>=', filters.due_from);
  const [paged, toPage] = paginate(query, 'm', filters);
  const rows = await paged.execute();
  const shown = new Map((await views(db, rows, new Date())).map((v) => [v.id, v]));
  return toPage(rows, (row) => shown.get(row.id)!);
}

/** The milestone with `id`, a 404 when it is absent or not visible to `principal`. */
export async function getMilestone(db: Kysely<Database>, principal: Principal, id: string, now: Date = new Date()): Promise<MilestoneView> {
  const row = await db.selectFrom('milestones as m').selectAll('m').where('m.id', '=', id).where(visibleTo(principal, 'milestones', 'm')).executeTakeFirst();
  if (!row) throw notFound('Milestone');
  return (await views(db, [row], now))[0]!;
}

function recordMilestoneEvent(db: Kysely<Database>, principal: Principal, type: EventType, milestone: MilestoneView, extra: Record<string, unknown> = {}): Promise<void> {
  return recordEvent(db, principal, { type, table: 'milestones', subjectId: milestone.id, customerId: milestone.customer_id, taskId: null, data: { milestone, ...extra } });
}

/** Creates a milestone of a project the caller sees, and records `milestone.created`. */
export async function createMilestone(trx: Kysely<Database>, principal: Principal, input: CreateMilestoneInput): Promise<MilestoneView> {
  const project = await trx
    .selectFrom('projects as p')
    .select(['p.id', 'p.customer_id'])
    .where('p.id', '=', input.project_id)
    .where(visibleTo(principal, 'projects', 'p'))
    .executeTakeFirst();
  if (!project) throw notFound('Project');
  if (input.customer_id !== undefined && input.customer_id !== project.customer_id) {
    throw invalid('The project belongs to another customer', [{ path: 'customer_id', message: 'not the customer of project_id' }]);
  }
  const now = new Date().toISOString();
  const row: Milestone = {
    id: newId('mil'),
    tenant_id: principal.tenantId,
    customer_id: project.customer_id,
    project_id: project.id,
    name: input.name,
    description: input.description ?? '',
    due_date: input.due_date,
    visibility: input.visibility ?? 'portal',
    status: 'upcoming',
    created_by: actorId(principal),
    created_at: now,
    updated_at: now,
    deleted_at: null,
  };
  row.status = statusOf(row.due_date, NO_TASKS, utcDay());
  await trx.insertInto('milestones').values(row).execute();
  const milestone = toView(row, NO_TASKS, utcDay());
  await recordMilestoneEvent(trx, principal, 'milestone.created', milestone);
  return milestone;
}

/** Changes a milestone's name, description, date or visibility; records `milestone.updated`. */
export async function updateMilestone(trx: Kysely<Database>, principal: Principal, id: string, patch: UpdateMilestoneInput): Promise<MilestoneView> {
  const before = await getMilestone(trx, principal, id);
  const { changes, previous } = changedFields(before, patch, ['name', 'description', 'due_date', 'visibility']);
  if (changes.length === 0) return before;
  const set = Object.fromEntries(changes.map((field) => [field, patch[field]]));
  await trx.updateTable('milestones').set({ ...set, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
  const after = await getMilestone(trx, systemPrincipal(principal.tenantId), id);
  // The stored status follows the write: the worker then reports only changes time brings.
  await trx.updateTable('milestones').set({ status: after.status }).where('id', '=', id).execute();
  await recordMilestoneEvent(trx, principal, 'milestone.updated', after, { changes, previous });
  return after;
}

/**
 * Deletes a milestone: its tasks stay, unlinked (each records `task.updated`), and
 * `milestone.deleted` is recorded first, so the contacts who could see it hear it is gone.
 */
export async function deleteMilestone(trx: Kysely<Database>, principal: Principal, id: string, unlinkTask: (taskId: string) => Promise<void>): Promise<void> {
  const milestone = await getMilestone(trx, principal, id);
  await recordEvent(trx, principal, {
    type: 'milestone.deleted',
    table: 'milestones',
    subjectId: id,
    customerId: milestone.customer_id,
    taskId: null,
    data: { milestone: { id, customer_id: milestone.customer_id, project_id: milestone.project_id } },
  });
  const linked = await trx.selectFrom('tasks').select('id').where('milestone_id', '=', id).where('deleted_at', 'is', null).execute();
  for (const task of linked) await unlinkTask(task.id);
  const now = new Date().toISOString();
  await trx.updateTable('milestones').set({ deleted_at: now, updated_at: now }).where('id', '=', id).execute();
}

/**
 * The milestone a task links to, checked: one the caller sees, of the task's own project.
 * @example await checkMilestone(trx, principal, 'mil_…', task.project_id);
 */
export async function checkMilestone(db: Kysely<Database>, principal: Principal, milestoneId: string, projectId: string | null): Promise<void> {
  const row = await db.selectFrom('milestones as m').select('m.project_id').where('m.id', '=', milestoneId).where(visibleTo(principal, 'milestones', 'm')).executeTakeFirst();
  if (!row) throw notFound('Milestone');
  if (row.project_id !== projectId) {
    throw invalid('The milestone belongs to another project', [{ path: 'milestone_id', message: 'a milestone of the task’s own project' }]);
  }
}

const BATCH = 500;

/**
 * One pass of the reminders worker over milestones: each whose status (as reads compute it)
 * differs from the one last recorded gets the new one and `milestone.status_changed`, in one
 * transaction, so a milestone that goes at risk or is missed is heard of once. Time alone
 * changes statuses (a task becomes overdue, a date passes), hence a pass over every milestone.
 * @example await refreshMilestoneStatuses(db, new Date());
 */
export async function refreshMilestoneStatuses(db: Kysely<Database>, now: Date = new Date()): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await db.selectFrom('milestones').selectAll().where('deleted_at', 'is', null).where('id', '>', after).orderBy('id').limit(BATCH).execute();
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    const current = await views(db, rows, now);
    for (const [i, view] of current.entries()) {
      const row = rows[i]!;
      if (view.status === row.status) continue;
      await db.transaction().execute(async (trx) => {
        const claimed = await trx
          .updateTable('milestones')
          .set({ status: view.status })
          .where('id', '=', row.id)
          .where('status', '=', row.status)
          .executeTakeFirst();
        // Another instance recorded this change already.
        if (Number(claimed.numUpdatedRows) === 0) return;
        await recordMilestoneEvent(trx, systemPrincipal(row.tenant_id), 'milestone.status_changed', view, { previous: { status: row.status } });
      });
    }
  }
}
