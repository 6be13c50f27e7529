import { sql, type Kysely } from 'kysely';
import { portalViewer, type Principal } from '../auth/principal.js';
import { visibleTo } from '../auth/visibility.js';
import type { Database, RequestRow, RequestStatus, TaskStatus } from '../db/database.js';
import { notFound } from '../errors.js';
import { recordEvent } from '../events/record-event.js';
import { paginate, type Page, type PageRequest } from '../lib/pagination.js';
import type { RequestFilterInput, RequestView } from './request.schema.js';

type RequestWithNames = RequestRow & { type_name: string; submitter_name: string | null; visible_task_id: string | null };

/** Still waiting on the team: what the SLA runs for. */
export const OPEN_STATUSES: readonly RequestStatus[] = ['open', 'in_progress'];

function toRequestView(row: RequestWithNames): RequestView {
  return {
    id: row.id,
    type: { id: row.type_id, name: row.type_name },
    customer_id: row.customer_id,
    project_id: row.project_id,
    values: JSON.parse(row.values) as Record<string, string | number>,
    status: row.status,
    task_id: row.visible_task_id,
    submitted_by: row.submitted_by,
    submitter: row.submitted_by && row.submitter_name !== null ? { id: row.submitted_by, name: row.submitter_name } : null,
    created_at: row.created_at,
    updated_at: row.updated_at,
    due_at: row.due_at,
    first_response_at: row.first_response_at,
    resolved_at: row.resolved_at,
    sla_breached: row.sla_breached === 1,
    meeting: row.meeting ? (JSON.parse(row.meeting) as RequestView['meeting']) : null,
  };
}

/**
 * The requests `principal` may see, with their type's name, the submitter's name, and the
 * linked task's id only when the principal may see that task too (a request's task may be
 * internal: a contact then sees the request without it).
 */
function requestsOf(db: Kysely<Database>, principal: Principal) {
  return db
    .selectFrom('requests as r')
    .innerJoin('request_types as rt', 'rt.id', 'r.type_id')
    .leftJoin('users as su', 'su.id', 'r.submitted_by')
    .selectAll('r')
    .select(['rt.name as type_name', 'su.name as submitter_name'])
    .select(sql<string | null>`case when exists (select 1 from tasks as rtask where rtask.id = r.task_id and ${visibleTo(principal, 'tasks', 'rtask')}) then r.task_id else null end`.as('visible_task_id'))
    .where(visibleTo(principal, 'requests', 'r'));
}

/**
 * The requests `principal` may see: newest first, or with `order=sla` the staff queue (breached
 * first, then the soonest due; resolved and canceled ones after the open ones).
 * @example await listRequests(db, principal, { status: 'open,in_progress', order: 'sla', limit: 50 });
 */
export async function listRequests(db: Kysely<Database>, principal: Principal, filters: Omit<RequestFilterInput, 'limit' | 'cursor'> & PageRequest): Promise<Page<RequestView>> {
  let query = requestsOf(db, principal);
  if (filters.customer_id) query = query.where('r.customer_id', '=', filters.customer_id);
  if (filters.type_id) query = query.where('r.type_id', '=', filters.type_id);
  const statuses = filters.status?.split(',').map((s) => s.trim()).filter(Boolean) as RequestStatus[] | undefined;
  if (statuses?.length) query = query.where('r.status', 'in', statuses);
  if (filters.order === 'sla') {
    // The queue is a working list, not a feed: one ordered page of up to `limit` (no cursor).
    const rows = await query
      .orderBy(sql`case when r.status in ('open', 'in_progress') then 0 else 1 end`)
      .orderBy('r.sla_breached', 'desc')
      .orderBy('r.due_at')
      .orderBy('r.id')
      .limit(filters.limit)
      .execute();
    return { data: rows.map(toRequestView), next_cursor: null };
  }
  const [paged, toPage] = paginate(query, 'r', filters, 'desc');
  return toPage(await paged.execute(), toRequestView);
}

/** The request `id` as `principal` sees it, or a 404. */
export async function getRequest(db: Kysely<Database>, principal: Principal, id: string): Promise<RequestView> {
  const row = await requestsOf(db, principal).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Request');
  return toRequestView(row);
}

/** The row behind a request `principal` may see (for writers), or a 404. */
export async function findRequestRow(db: Kysely<Database>, principal: Principal, id: string): Promise<RequestRow> {
  const row = await db.selectFrom('requests as r').selectAll('r').where('r.id', '=', id).where(visibleTo(principal, 'requests', 'r')).executeTakeFirst();
  if (!row) throw notFound('Request');
  return row;
}

export type RequestEventType = 'request.created' | 'request.updated' | 'request.sla_breached' | 'request.meeting_confirmed';

/**
 * Appends a request event. Its data is the request as its customer's portal sees it (no
 * internal task id), so whoever the event reaches learns nothing a contact may not.
 */
export async function recordRequestEvent(trx: Kysely<Database>, principal: Principal, type: RequestEventType, id: string, extra: Record<string, unknown> = {}): Promise<RequestView> {
  const row = await findRequestRow(trx, { kind: 'system', tenantId: principal.tenantId }, id);
  const request = await getRequest(trx, portalViewer(row.tenant_id, row.customer_id), id).catch(() => null);
  const team = await getRequest(trx, { kind: 'system', tenantId: principal.tenantId }, id);
  const assignees = row.task_id ? (await trx.selectFrom('task_assignees').select('user_id').where('task_id', '=', row.task_id).execute()).map((a) => a.user_id) : [];
  await recordEvent(trx, principal, {
    type,
    table: 'requests',
    subjectId: id,
    customerId: row.customer_id,
    taskId: null,
    data: { request: request ?? { ...team, task_id: null }, assignee_ids: assignees, ...extra },
  });
  return team;
}

/**
 * The first answer of the team to a request: a staff comment on its task, a change of its
 * status, a confirmed meeting. Set once; later answers leave it.
 */
export async function markFirstResponse(trx: Kysely<Database>, principal: Principal, where: { requestId: string } | { taskId: string }, at = new Date().toISOString()): Promise<void> {
  if (principal.kind !== 'staff') return;
  let query = trx.updateTable('requests').set({ first_response_at: at }).where('tenant_id', '=', principal.tenantId).where('first_response_at', 'is', null);
  query = 'requestId' in where ? query.where('id', '=', where.requestId) : query.where('task_id', '=', where.taskId);
  await query.execute();
}

/** The request status a task's status stands for. */
const STATUS_OF_TASK: Record<TaskStatus, RequestStatus> = { todo: 'open', in_progress: 'in_progress', blocked: 'in_progress', done: 'resolved' };

/**
 * A request follows its task: the task started (or blocked) puts it in progress, done resolves
 * it, reopened opens it again. A canceled request stays canceled. Called whenever a task's
 * status changes (`changeTask`), in the same transaction; records `request.updated`.
 */
export async function followTask(trx: Kysely<Database>, principal: Principal, task: { id: string; status: TaskStatus }): Promise<void> {
  const row = await trx.selectFrom('requests').selectAll().where('task_id', '=', task.id).where('tenant_id', '=', principal.tenantId).executeTakeFirst();
  if (!row || row.status === 'canceled') return;
  await markFirstResponse(trx, principal, { requestId: row.id });
  const status = STATUS_OF_TASK[task.status];
  if (status === row.status) return;
  await setRequestStatus(trx, principal, row, status);
}

/** Writes a request's new status (with `resolved_at`) and records `request.updated`. */
export async function setRequestStatus(trx: Kysely<Database>, principal: Principal, row: RequestRow, status: RequestStatus): Promise<RequestView> {
  const now = new Date().toISOString();
  await trx
    .updateTable('requests')
    .set({ status, updated_at: now, resolved_at: status === 'resolved' ? (row.resolved_at ?? now) : null })
    .where('id', '=', row.id)
    .execute();
  return recordRequestEvent(trx, principal, 'request.updated', row.id, { changes: ['status'], previous: { status: row.status } });
}
