import { sql, type Kysely } from 'kysely';
import { actorId, systemPrincipal, type Principal } from '../auth/principal.js';
import { visibleTo } from '../auth/visibility.js';
import { audienceKey } from '../auth/grants.js';
import { insertRow, runById } from '../db/compiled-queries.js';
import type { Database, Task } from '../db/database.js';
import { releaseDocumentBlobs } from '../documents/blob-refs.js';
import { ApiError, invalid, notFound } from '../errors.js';
import type { EventType } from '../events/event-types.js';
import { recordEvent } from '../events/record-event.js';
import { newId } from '../lib/ids.js';
import { paginate, type Page, type PageRequest } from '../lib/pagination.js';
import { keywords } from '../lib/search.js';
import { findPeople } from '../people/people.repository.js';
import { checkMilestone } from '../milestones/milestone.repository.js';
import { scopeToDeal } from '../commercial/deals/deal-scope.js';
import { searchInOrder } from './task-search.js';
import type { CreateTaskInput, TaskFilters, TaskView, UpdateTaskInput } from './task.schema.js';

export function toTaskView(row: Task, assigneeIds: string[]): TaskView {
  return {
    id: row.id,
    customer_id: row.customer_id,
    project_id: row.project_id,
    title: row.title,
    description: row.description,
    status: row.status,
    priority: row.priority,
    visibility: row.visibility,
    start_date: row.start_date,
    due_date: row.due_date,
    milestone_id: row.milestone_id,
    deal_id: row.deal_id,
    assignee_ids: assigneeIds,
    created_by: row.created_by,
    created_at: row.created_at,
    updated_at: row.updated_at,
    completed_at: row.completed_at,
    version: row.version,
  };
}

async function assigneesOf(db: Kysely<Database>, taskIds: string[]): Promise<Map<string, string[]>> {
  const byTask = new Map<string, string[]>(taskIds.map((id) => [id, []]));
  if (taskIds.length === 0) return byTask;
  // One task's (on every write of it) by a statement compiled once.
  const rows =
    taskIds.length === 1
      ? await runById(db, 'assignees', taskIds[0]!, (db, id) => db.selectFrom('task_assignees').select(['task_id', 'user_id']).where('task_id', '=', id).orderBy('user_id'))
      : await db.selectFrom('task_assignees').select(['task_id', 'user_id']).where('task_id', 'in', taskIds).orderBy('task_id').orderBy('user_id').execute();
  for (const row of rows) byTask.get(row.task_id)?.push(row.user_id);
  return byTask;
}

/** `assignee_id=me` means the caller; an API key has no "me". */
export function resolveAssignee(principal: Principal, assigneeId: string): string {
  if (assigneeId !== 'me') return assigneeId;
  const me = actorId(principal);
  if (me === null) throw invalid('An API key has no "me"', [{ path: 'assignee_id', message: '"me" needs an embed token' }]);
  return me;
}

/**
 * The tasks `principal` may see, filtered, oldest first.
 * @example await listTasks(db, principal, { status: ['todo'], limit: 50 });
 */
export async function listTasks(db: Kysely<Database>, principal: Principal, filters: Omit<TaskFilters, 'limit' | 'cursor'> & PageRequest): Promise<Page<TaskView>> {
  let query = db.selectFrom('tasks as t').selectAll('t').where(visibleTo(principal, 'tasks', 't'));
  if (filters.customer_id) query = query.where('t.customer_id', '=', filters.customer_id);
  if (filters.project_id) query = query.where('t.project_id', '=', filters.project_id);
  if (filters.milestone_id) query = query.where('t.milestone_id', '=', filters.milestone_id);
  if (filters.deal_id) query = query.where('t.deal_id', '=', filters.deal_id);
  if (filters.status) query = query.where('t.status', 'in', filters.status);
  if (filters.priority) query = query.where('t.priority', 'in', filters.priority);
  if (filters.visibility) query = query.where('t.visibility', '=', filters.visibility);
  if (filters.due_before) query = query.where('t.due_date', '<', filters.due_before);
  if (filters.assignee_id) {
    const userId = resolveAssignee(principal, filters.assignee_id);
    query = query.where(({ exists, selectFrom }) =>
      exists(selectFrom('task_assignees as a').select('a.task_id').whereRef('a.task_id', '=', 't.id').where('a.user_id', '=', userId)),
    );
  }
  // Within one customer the search reads that customer's rows; across customers, a text index
  // hands the matches over in the page's order (on SQLite and on PostgreSQL, each its own).
  const acrossCustomers = principal.kind !== 'contact' && !filters.customer_id;
  const columns = ['t.title', 't.description'];
  const toView = async (rows: Task[]) => {
    const assignees = await assigneesOf(db, rows.map((r) => r.id));
    return (row: Task) => toTaskView(row, assignees.get(row.id) ?? []);
  };
  if (filters.q && acrossCustomers) {
    const rows = await searchInOrder(db, query, columns, { ...filters, q: filters.q, tenantId: principal.tenantId });
    if (rows) return paginate(query, 't', filters)[1](rows, await toView(rows));
  }
  const search = filters.q ? keywords(filters.q, columns) : null;
  if (search) query = query.where(search);

  const [paged, toPage] = paginate(query, 't', filters);
  const rows = await paged.execute();
  return toPage(rows, await toView(rows));
}

/** The task with `id` if `principal` may see it. */
export async function findTask(db: Kysely<Database>, principal: Principal, id: string): Promise<TaskView | undefined> {
  const [row] = await runById(db, `task ${audienceKey(principal)}`, id, (db, id) => db.selectFrom('tasks as t').selectAll('t').where('t.id', '=', id).where(visibleTo(principal, 'tasks', 't')));
  if (!row) return undefined;
  return toTaskView(row, (await assigneesOf(db, [row.id])).get(row.id)!);
}

/** Like `findTask`, but a 404 when it is absent or not visible. */
export async function getTask(db: Kysely<Database>, principal: Principal, id: string): Promise<TaskView> {
  const task = await findTask(db, principal, id);
  if (!task) throw notFound('Task');
  return task;
}

/** The customer a new task belongs to, checked against what the caller may see. */
async function resolveCustomer(db: Kysely<Database>, principal: Principal, input: { customer_id?: string | undefined; project_id?: string | null | undefined }): Promise<string> {
  if (input.project_id) {
    const project = await db
      .selectFrom('projects as p')
      .select(['p.customer_id'])
      .where('p.id', '=', input.project_id)
      .where(visibleTo(principal, 'projects', 'p'))
      .executeTakeFirst();
    if (!project) throw notFound('Project');
    if (input.customer_id && input.customer_id !== project.customer_id) {
      throw invalid('The project belongs to another customer', [{ path: 'project_id', message: 'not a project of customer_id' }]);
    }
    return project.customer_id;
  }
  const customerId = input.customer_id ?? (principal.kind === 'contact' ? principal.customerId : undefined);
  if (!customerId) throw invalid('Say which customer the task is for', [{ path: 'customer_id', message: 'required without project_id' }]);
  const customer = await db.selectFrom('customers as c').select('c.id').where('c.id', '=', customerId).where(visibleTo(principal, 'customers', 'c')).executeTakeFirst();
  if (!customer) throw notFound('Customer');
  return customerId;
}

async function checkAssignees(db: Kysely<Database>, tenantId: string, customerId: string, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = new Set((await findPeople(db, tenantId, customerId, unique)).map((p) => p.id));
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length > 0) throw new ApiError(404, 'not_found', `Assignee ${missing[0]} not found among this customer's people`);
  return unique;
}

/** Appends a task event with the visibility the rule gives the task now (the due-date scheduler uses it too). */
export function recordTaskEvent(db: Kysely<Database>, principal: Principal, type: EventType, task: TaskView, extra: Record<string, unknown> = {}): Promise<void> {
  return recordEvent(db, principal, { type, table: 'tasks', subjectId: task.id, customerId: task.customer_id, taskId: task.id, data: { task, ...extra } });
}

/** A task's start is on or before its due date (either may be absent). */
function checkDates(startDate: string | null, dueDate: string | null): void {
  if (startDate && dueDate && startDate > dueDate) {
    throw invalid('The start date is after the due date', [{ path: 'start_date', message: 'on or before due_date' }]);
  }
}

/**
 * Creates a task in the caller's transaction and records `task.created` (with `eventExtra` in
 * its data: a request's task names its request). A contact's task is always `portal` and for
 * its own customer.
 */
export async function createTask(trx: Kysely<Database>, principal: Principal, input: CreateTaskInput, eventExtra: Record<string, unknown> = {}): Promise<TaskView> {
  const deal = input.deal_id ? await scopeToDeal(trx, principal, input.deal_id, input.customer_id) : null;
  const customerId = await resolveCustomer(trx, principal, deal ? { ...input, customer_id: deal.customer_id } : input);
  const assigneeIds = await checkAssignees(trx, principal.tenantId, customerId, input.assignee_ids ?? []);
  checkDates(input.start_date ?? null, input.due_date ?? null);
  if (input.milestone_id) await checkMilestone(trx, principal, input.milestone_id, input.project_id ?? null);
  const now = new Date().toISOString();
  const status = input.status ?? 'todo';
  const row: Task = {
    id: newId('tsk'),
    tenant_id: principal.tenantId,
    customer_id: customerId,
    project_id: input.project_id ?? null,
    title: input.title,
    description: input.description ?? '',
    status,
    priority: input.priority ?? 'medium',
    visibility: input.visibility ?? 'portal',
    start_date: input.start_date ?? null,
    due_date: input.due_date ?? null,
    milestone_id: input.milestone_id ?? null,
    deal_id: deal?.id ?? null,
    created_by: actorId(principal),
    created_at: now,
    updated_at: now,
    completed_at: status === 'done' ? now : null,
    deleted_at: null,
    version: 1,
  };
  await insertRow(trx, 'tasks', row);
  if (assigneeIds.length > 0) {
    await trx.insertInto('task_assignees').values(assigneeIds.map((userId) => ({ task_id: row.id, user_id: userId, tenant_id: principal.tenantId }))).execute();
  }
  const task = toTaskView(row, assigneeIds);
  await recordTaskEvent(trx, principal, 'task.created', task, eventExtra);
  if (status === 'done') await recordTaskEvent(trx, principal, 'task.completed', task);
  return task;
}

/** A task after a change, and whether the change completed it (its status became `done`). */
export interface TaskChange {
  task: TaskView;
  completed: boolean;
}

/**
 * Applies `patch` to a task the caller may see. With `expectedVersion` (from If-Match), a task
 * changed since answers 409. Records `task.updated` (and `task.completed` on reaching done).
 * What else a completion sets off (its playbook) is `changeTask`'s, in `task-service.ts`.
 */
export async function updateTask(
  trx: Kysely<Database>,
  principal: Principal,
  id: string,
  patch: UpdateTaskInput,
  expectedVersion?: number,
): Promise<TaskChange> {
  const before = await getTask(trx, principal, id);
  if (expectedVersion !== undefined && expectedVersion !== before.version) {
    throw new ApiError(409, 'version_conflict', 'The task has changed since you read it', { current_version: before.version });
  }

  const changes: Partial<Task> = {};
  const changed: string[] = [];
  for (const field of ['title', 'description', 'status', 'priority', 'visibility', 'start_date', 'due_date'] as const) {
    if (patch[field] !== undefined && patch[field] !== before[field]) {
      (changes as Record<string, unknown>)[field] = patch[field];
      changed.push(field);
    }
  }
  checkDates(patch.start_date !== undefined ? patch.start_date : before.start_date, patch.due_date !== undefined ? patch.due_date : before.due_date);
  if (patch.project_id !== undefined && patch.project_id !== before.project_id) {
    if (patch.project_id !== null) await resolveCustomer(trx, principal, { customer_id: before.customer_id, project_id: patch.project_id });
    changes.project_id = patch.project_id;
    changed.push('project_id');
  }
  // A milestone is of one project: moving the task elsewhere leaves it, unless a new one is named.
  const projectId = changes.project_id !== undefined ? changes.project_id : before.project_id;
  const milestoneId = patch.milestone_id !== undefined ? patch.milestone_id : changes.project_id !== undefined ? null : before.milestone_id;
  if (milestoneId !== before.milestone_id || (milestoneId && changes.project_id !== undefined)) {
    if (milestoneId) await checkMilestone(trx, principal, milestoneId, projectId);
    if (milestoneId !== before.milestone_id) {
      changes.milestone_id = milestoneId;
      changed.push('milestone_id');
    }
  }
  if (patch.assignee_ids !== undefined) {
    const next = await checkAssignees(trx, principal.tenantId, before.customer_id, patch.assignee_ids);
    if (next.slice().sort().join() !== before.assignee_ids.join()) {
      await trx.deleteFrom('task_assignees').where('task_id', '=', id).execute();
      if (next.length > 0) {
        await trx.insertInto('task_assignees').values(next.map((userId) => ({ task_id: id, user_id: userId, tenant_id: principal.tenantId }))).execute();
      }
      changed.push('assignee_ids');
    }
  }
  if (changed.length === 0) return { task: before, completed: false };

  const now = new Date().toISOString();
  if (changes.status) changes.completed_at = changes.status === 'done' ? now : null;
  const result = await trx
    .updateTable('tasks')
    .set({ ...changes, updated_at: now, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    throw new ApiError(409, 'version_conflict', 'The task has changed since you read it');
  }
  const after = (await findTask(trx, systemPrincipal(principal.tenantId), id))!;
  const previous = Object.fromEntries(changed.map((field) => [field, before[field as keyof TaskView]]));
  await recordTaskEvent(trx, principal, 'task.updated', after, { changes: changed, previous });
  if (changes.status === 'done') await recordTaskEvent(trx, principal, 'task.completed', after);
  return { task: after, completed: changes.status === 'done' };
}

/**
 * Deletes a task (API keys and staff only): it disappears everywhere, comments and attachments
 * included. Returns the hashes of the attachments it hid, whose bytes the caller frees.
 */
export async function deleteTask(trx: Kysely<Database>, principal: Principal, id: string): Promise<string[]> {
  const task = await getTask(trx, principal, id);
  // Recorded before the task disappears: a contact that could see it hears it is gone.
  await recordEvent(trx, principal, { type: 'task.deleted', table: 'tasks', subjectId: id, customerId: task.customer_id, taskId: id, data: { task: { id, customer_id: task.customer_id, project_id: task.project_id } } });
  const attachments = await trx.selectFrom('documents').select('id').where('task_id', '=', id).where('deleted_at', 'is', null).execute();
  const now = new Date().toISOString();
  await trx.updateTable('tasks').set({ deleted_at: now, updated_at: now }).where('id', '=', id).execute();
  await trx.updateTable('documents').set({ deleted_at: now }).where('task_id', '=', id).where('deleted_at', 'is', null).execute();
  return releaseDocumentBlobs(trx, attachments.map((a) => a.id));
}
