import type { Kysely } from 'kysely';
import { actorId, systemPrincipal, type Principal } from '../auth/principal.js';
import { isVisibleTo, visibleTo } from '../auth/visibility.js';
import type { Database, RequestRow, RequestStatus, TaskStatus } from '../db/database.js';
import { ApiError, invalid, notFound } from '../errors.js';
import { newId } from '../lib/ids.js';
import { changeTask } from '../tasks/task-service.js';
import { createTask } from '../tasks/task.repository.js';
import type { RequestField } from './request-type.schema.js';
import { findRequestType } from './request-type.repository.js';
import { findRequestRow, getRequest, markFirstResponse, recordRequestEvent, setRequestStatus } from './request.repository.js';
import type { ConfirmMeetingInput, CreateRequestInput, RequestView } from './request.schema.js';
import { checkValues } from './request-values.js';

/** The customer a request is for: a contact's own; staff and API keys name one they see. */
async function customerOf(db: Kysely<Database>, principal: Principal, input: CreateRequestInput): Promise<string> {
  if (principal.kind === 'contact') {
    if (input.customer_id && input.customer_id !== principal.customerId) throw notFound('Customer');
    return principal.customerId;
  }
  if (input.project_id && !input.customer_id) {
    const project = await db.selectFrom('projects as p').select('p.customer_id').where('p.id', '=', input.project_id).where(visibleTo(principal, 'projects', 'p')).executeTakeFirst();
    if (!project) throw notFound('Project');
    return project.customer_id;
  }
  if (!input.customer_id) throw invalid('Say which customer the request is for', [{ path: 'customer_id', message: 'required for the team' }]);
  const customer = await db.selectFrom('customers as c').select('c.id').where('c.id', '=', input.customer_id).where(visibleTo(principal, 'customers', 'c')).executeTakeFirst();
  if (!customer) throw notFound('Customer');
  return customer.id;
}

/** Who the linked task goes to by the type's `assign_to`: the account owner, no one, or a named staff user. */
async function assigneesOf(db: Kysely<Database>, tenantId: string, customerId: string, assignTo: string): Promise<string[]> {
  if (assignTo === 'none') return [];
  if (assignTo === 'owner') {
    const customer = await db.selectFrom('customers').select('owner_id').where('id', '=', customerId).executeTakeFirst();
    return customer?.owner_id ? [customer.owner_id] : [];
  }
  const staff = await db.selectFrom('users').select('id').where('id', '=', assignTo).where('tenant_id', '=', tenantId).where('portal_access', '=', 'active').executeTakeFirst();
  return staff ? [staff.id] : [];
}

/** The linked task's description: the form as filed, one line per answered field. */
function describeValues(fields: readonly RequestField[], values: Record<string, string | number>): string {
  const lines = fields.filter((f) => values[f.key] !== undefined).map((f) => (f.type === 'textarea' ? `**${f.label}**\n\n${values[f.key]}` : `**${f.label}:** ${values[f.key]}`));
  return lines.join('\n\n');
}

/** A short title: the type's name and the first text answer. */
function titleOf(name: string, fields: readonly RequestField[], values: Record<string, string | number>): string {
  const first = fields.find((f) => f.type === 'text' && typeof values[f.key] === 'string');
  const detail = first ? String(values[first.key]) : '';
  return (detail ? `${name}: ${detail}` : name).slice(0, 500);
}

/**
 * Files a request: checks the values against the type's fields, creates the linked task
 * (assigned by `assign_to`, due on the day the SLA ends, with the type's `task_visibility`),
 * then the request, and records `request.created`, all in the caller's transaction.
 * @example await transact(deps, (trx) => submitRequest(trx, principal, { type_id: 'rqt_…', values: { summary: 'Login fails' } }));
 */
export async function submitRequest(trx: Kysely<Database>, principal: Principal, input: CreateRequestInput): Promise<RequestView> {
  const type = await findRequestType(trx, principal.tenantId, input.type_id);
  const customerId = await customerOf(trx, principal, input);
  if (input.project_id) {
    const project = await trx.selectFrom('projects as p').select('p.customer_id').where('p.id', '=', input.project_id).where(visibleTo(principal, 'projects', 'p')).executeTakeFirst();
    if (!project) throw notFound('Project');
    if (project.customer_id !== customerId) throw invalid('The project belongs to another customer', [{ path: 'project_id', message: 'not a project of this customer' }]);
  }
  const fields = JSON.parse(type.fields) as RequestField[];
  const values = await checkValues(trx, principal, fields, input.values, customerId);

  const now = new Date();
  const dueAt = new Date(now.getTime() + type.sla_hours * 3_600_000).toISOString();
  const id = newId('req');
  // The task is the team's work item: written by the service for the request (a contact may not file internal tasks itself).
  const task = await createTask(
    trx,
    systemPrincipal(principal.tenantId),
    {
      customer_id: customerId,
      project_id: input.project_id ?? null,
      title: titleOf(type.name, fields, values),
      description: describeValues(fields, values),
      visibility: type.task_visibility,
      priority: type.sla_hours <= 8 ? 'high' : 'medium',
      due_date: dueAt.slice(0, 10),
      assignee_ids: await assigneesOf(trx, principal.tenantId, customerId, type.assign_to),
    },
    { request_id: id },
  );
  await trx.updateTable('tasks').set({ created_by: actorId(principal) }).where('id', '=', task.id).execute();
  const row: RequestRow = {
    id,
    tenant_id: principal.tenantId,
    customer_id: customerId,
    project_id: input.project_id ?? null,
    type_id: type.id,
    values: JSON.stringify(values),
    status: 'open',
    visibility: 'portal',
    task_id: task.id,
    submitted_by: actorId(principal),
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
    due_at: dueAt,
    first_response_at: null,
    resolved_at: null,
    sla_breached: 0,
    breached_at: null,
    meeting: null,
  };
  await trx.insertInto('requests').values(row).execute();
  await recordRequestEvent(trx, principal, 'request.created', id);
  return getRequest(trx, principal, id);
}

/** The task status a request's new status asks for. */
const TASK_STATUS_FOR: Record<RequestStatus, TaskStatus> = { open: 'todo', in_progress: 'in_progress', resolved: 'done', canceled: 'done' };

/**
 * Changes a request's status and its task's with it (resolving it completes the task, and so
 * advances a playbook; canceling it closes the task too). A contact may only withdraw its own
 * customer's request (`canceled`); the policy keeps the other values from it.
 */
export async function changeRequestStatus(trx: Kysely<Database>, principal: Principal, id: string, status: RequestStatus): Promise<RequestView> {
  const row = await findRequestRow(trx, principal, id);
  if (row.status === status) return getRequest(trx, principal, id);
  if (row.status === 'canceled') throw new ApiError(409, 'request_closed', 'This request was canceled');
  await markFirstResponse(trx, principal, { requestId: id });
  // Canceled first: the task closing after it then leaves the request as it is (`followTask`).
  if (status === 'canceled') await setRequestStatus(trx, principal, row, status);
  if (row.task_id) {
    // A contact may not see an internal task: its request moves it as the service.
    const mover = (await isVisibleTo(trx, principal, 'tasks', row.task_id)) ? principal : systemPrincipal(principal.tenantId);
    const task = await trx.selectFrom('tasks').select(['status', 'deleted_at']).where('id', '=', row.task_id).executeTakeFirst();
    const wanted = TASK_STATUS_FOR[status];
    const settled = task?.status === wanted || (status === 'in_progress' && task?.status === 'blocked');
    if (task && task.deleted_at === null && !settled) await changeTask(trx, mover, row.task_id, { status: wanted });
  }
  // The task may have moved the request already (followTask); the row is read again for its state.
  const current = await findRequestRow(trx, systemPrincipal(principal.tenantId), id);
  if (current.status !== status) await setRequestStatus(trx, principal, current, status);
  return getRequest(trx, principal, id);
}

/**
 * Confirms a meeting slot for a request (the team): stored on the request, a first response,
 * and `request.meeting_confirmed`. The invitation emails (with the `.ics`) go out after the
 * transaction commits (`sendMeetingInvitations`).
 */
export async function confirmMeeting(trx: Kysely<Database>, principal: Principal, id: string, input: ConfirmMeetingInput): Promise<RequestView> {
  const row = await findRequestRow(trx, principal, id);
  const starts = new Date(input.starts_at);
  const ends = new Date(input.ends_at);
  if (ends.getTime() <= starts.getTime()) throw invalid('The meeting ends before it starts', [{ path: 'ends_at', message: 'after starts_at' }]);
  if (ends.getTime() - starts.getTime() > 24 * 3_600_000) throw invalid('A meeting lasts at most a day', [{ path: 'ends_at', message: 'within 24 hours of starts_at' }]);
  if (row.status === 'canceled') throw new ApiError(409, 'request_closed', 'This request was canceled');
  const meeting = { starts_at: starts.toISOString(), ends_at: ends.toISOString(), location: input.location?.trim() || null };
  await trx.updateTable('requests').set({ meeting: JSON.stringify(meeting), updated_at: new Date().toISOString() }).where('id', '=', id).execute();
  await markFirstResponse(trx, principal, { requestId: id });
  return recordRequestEvent(trx, principal, 'request.meeting_confirmed', id, { meeting });
}
