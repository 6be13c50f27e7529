import { sql, type Kysely } from 'kysely';
import { loadUserPrincipal } from '../auth/grants.js';
import { actorId, type Principal, type UserPrincipal } from '../auth/principal.js';
import { isVisibleTo, visibleTo } from '../auth/visibility.js';
import type { ApprovalRow, ApprovalStatus, ApprovalStepRow, Database, Role } from '../db/database.js';
import { currentDocumentVersion } from '../documents/document-version.js';
import { getDocument } from '../documents/document.repository.js';
import { ApiError, invalid, notFound } from '../errors.js';
import { recordEvent } from '../events/record-event.js';
import { newId } from '../lib/ids.js';
import { paginate, type Page, type PageRequest } from '../lib/pagination.js';
import { getTask } from '../tasks/task.repository.js';
import type { ApprovalFilterInput, ApprovalView, CreateApprovalInput, DecisionInput, SignOffRecordView } from './approval.schema.js';

type Step = ApprovalStepRow & { name: string | null; role: Role | null };
type ApprovalWithTitle = ApprovalRow & { title: string | null };

/** Whose turn it is: with `sequence`, the first approver without a decision; else none in particular. */
const nextApprover = (approval: ApprovalRow, steps: readonly Step[]) =>
  approval.status === 'pending' && approval.mode === 'sequence' ? (steps.find((s) => s.decision === null)?.approver_id ?? null) : null;

function toApprovalView(row: ApprovalWithTitle, steps: readonly Step[]): ApprovalView {
  const own = steps.filter((s) => s.approval_id === row.id).sort((a, b) => a.position - b.position);
  return {
    id: row.id,
    customer_id: row.customer_id,
    subject: { type: row.subject_type, id: row.subject_id, title: row.title ?? '' },
    task_id: row.task_id,
    document_version: row.document_version,
    document_sha256: row.document_sha256,
    status: row.status,
    mode: row.mode,
    steps: own.map((s) => ({
      approver_id: s.approver_id,
      approver: s.name !== null && s.role !== null ? { id: s.approver_id, name: s.name, role: s.role } : null,
      decision: s.decision,
      comment: s.comment,
      decided_at: s.decided_at,
    })),
    next_approver_id: nextApprover(row, own),
    due_date: row.due_date,
    message: row.message,
    created_by: row.created_by,
    created_at: row.created_at,
    completed_at: row.completed_at,
  };
}

/** Approvals `principal` may see (those of subjects it sees), with their subject's title. */
function approvalsOf(db: Kysely<Database>, principal: Principal) {
  return db
    .selectFrom('approvals as a')
    .selectAll('a')
    .select(
      sql<string | null>`case when a.subject_type = 'task' then (select t.title from tasks as t where t.id = a.subject_id) else (select d.name from documents as d where d.id = a.subject_id) end`.as('title'),
    )
    .where(visibleTo(principal, 'approvals', 'a'));
}

function stepsOf(db: Kysely<Database>, ids: readonly string[]): Promise<Step[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('approval_steps as s').leftJoin('users as u', 'u.id', 's.approver_id').selectAll('s').select(['u.name', 'u.role']).where('s.approval_id', 'in', [...ids]).execute();
}

/**
 * The approvals `principal` may see, oldest first. `approver_id=me` with `status=pending`:
 * those waiting for the caller's decision now (its turn, with `sequence`).
 * @example await listApprovals(db, principal, { approver_id: 'me', status: 'pending', limit: 50 });
 */
export async function listApprovals(db: Kysely<Database>, principal: Principal, filters: Omit<ApprovalFilterInput, 'limit' | 'cursor'> & PageRequest): Promise<Page<ApprovalView>> {
  let query = approvalsOf(db, principal);
  if (filters.subject_id) query = query.where('a.subject_id', '=', filters.subject_id);
  if (filters.customer_id) query = query.where('a.customer_id', '=', filters.customer_id);
  if (filters.status) query = query.where('a.status', '=', filters.status);
  if (filters.approver_id) {
    const approver = filters.approver_id === 'me' ? (actorId(principal) ?? '') : filters.approver_id;
    const waiting = filters.status === 'pending';
    query = query.where(
      sql<boolean>`exists (select 1 from approval_steps as s where s.approval_id = a.id and s.approver_id = ${approver}
        ${waiting ? sql`and s.decision is null and (a.mode <> 'sequence' or not exists (select 1 from approval_steps as e where e.approval_id = a.id and e.decision is null and e.position < s.position))` : sql``})`,
    );
  }
  const [paged, toPage] = paginate(query, 'a', filters);
  const rows = await paged.execute();
  const steps = await stepsOf(db, rows.map((r) => r.id));
  return toPage(rows, (row) => toApprovalView(row, steps));
}

async function findApproval(db: Kysely<Database>, principal: Principal, id: string): Promise<ApprovalWithTitle> {
  const row = await approvalsOf(db, principal).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Approval');
  return row;
}

/** The approval `id` with its steps, if `principal` may see its subject; else a 404. */
export async function getApproval(db: Kysely<Database>, principal: Principal, id: string): Promise<ApprovalView> {
  const row = await findApproval(db, principal, id);
  return toApprovalView(row, await stepsOf(db, [id]));
}

/** Who may decide: staff of the tenant, or contacts of the subject's customer who see it and may respond. */
async function checkApprovers(trx: Kysely<Database>, tenantId: string, customerId: string, subject: { table: 'tasks' | 'documents'; id: string }, ids: readonly string[]): Promise<void> {
  const failing: { path: string; message: string }[] = [];
  for (const [i, id] of ids.entries()) {
    const user = await trx.selectFrom('users').select(['role', 'customer_id', 'portal_access']).where('id', '=', id).where('tenant_id', '=', tenantId).executeTakeFirst();
    const person = user && user.portal_access === 'active' ? await loadUserPrincipal(trx, id) : null;
    if (!user || !person || (user.role === 'contact' && user.customer_id !== customerId)) failing.push({ path: `approver_ids.${i}`, message: 'not an active person of this customer or of the team' });
    else if (!(await isVisibleTo(trx, person, subject.table, subject.id))) failing.push({ path: `approver_ids.${i}`, message: 'cannot see what is to approve' });
    else if (person.kind === 'contact' && !person.capabilities.has('approvals.respond')) failing.push({ path: `approver_ids.${i}`, message: 'may not respond to approvals (approvals.respond)' });
  }
  if (new Set(ids).size !== ids.length) failing.push({ path: 'approver_ids', message: 'an approver is named twice' });
  if (failing.length > 0) throw invalid('Some approvers cannot approve this', failing);
}

const eventOf = (type: 'approval.requested' | 'approval.decided' | 'approval.completed' | 'approval.canceled', approval: ApprovalView, extra: object = {}) => ({
  type,
  table: 'approvals' as const,
  subjectId: approval.id,
  customerId: approval.customer_id,
  taskId: approval.task_id,
  data: { approval, ...extra },
});

/**
 * Asks named people to approve a task or the current version of a document (pinned by its
 * version and SHA-256), and records `approval.requested`.
 * @example await createApproval(trx, principal, { subject: { type: 'document', id: 'doc_…' }, approver_ids: ['usr_…'], mode: 'sequence' });
 */
export async function createApproval(trx: Kysely<Database>, principal: Principal, input: CreateApprovalInput): Promise<ApprovalView> {
  const subject =
    input.subject.type === 'task'
      ? { table: 'tasks' as const, ...(await getTask(trx, principal, input.subject.id).then((t) => ({ customerId: t.customer_id, taskId: t.id }))) }
      : { table: 'documents' as const, ...(await getDocument(trx, principal, input.subject.id).then((d) => ({ customerId: d.customer_id, taskId: d.task_id }))) };
  if (!subject.customerId) throw invalid('A tenant file cannot be approved', [{ path: 'subject.id', message: 'not a document of a customer' }]);
  await checkApprovers(trx, principal.tenantId, subject.customerId, { table: subject.table, id: input.subject.id }, input.approver_ids);
  const pinned = input.subject.type === 'document' ? await currentDocumentVersion(trx, input.subject.id) : null;
  const now = new Date().toISOString();
  const row: ApprovalRow = {
    id: newId('apr'),
    tenant_id: principal.tenantId,
    customer_id: subject.customerId,
    subject_type: input.subject.type,
    subject_id: input.subject.id,
    task_id: subject.taskId,
    document_version: pinned?.version ?? null,
    document_sha256: pinned?.sha256 ?? null,
    mode: input.mode,
    status: 'pending',
    visibility: 'portal',
    due_date: input.due_date ?? null,
    message: input.message ?? null,
    created_by: actorId(principal),
    created_at: now,
    updated_at: now,
    completed_at: null,
  };
  await trx.insertInto('approvals').values(row).execute();
  await trx
    .insertInto('approval_steps')
    .values(input.approver_ids.map((approver_id, position) => ({ approval_id: row.id, position, approver_id, tenant_id: principal.tenantId, decision: null, comment: null, decided_at: null, ip: null, user_agent: null, document_version: null, document_sha256: null })))
    .execute();
  const approval = await getApproval(trx, principal, row.id);
  await recordEvent(trx, principal, eventOf('approval.requested', approval));
  return approval;
}

/** What a decision closes the approval as, if it does. */
function statusAfter(mode: ApprovalRow['mode'], steps: readonly Pick<ApprovalStepRow, 'decision'>[], decision: DecisionInput['decision']): ApprovalStatus {
  if (decision !== 'approved') return decision;
  if (mode === 'any') return 'approved';
  return steps.every((s) => s.decision === 'approved') ? 'approved' : 'pending';
}

/**
 * Records the caller's decision as a sign-off record (who, when, IP, user agent and, for a
 * document, the version and SHA-256 decided on), when it is an approver whose turn it is
 * (409 `not_your_turn` otherwise), on a pending approval (409 `approval_closed`). A rejection or
 * a request for changes closes the approval; an approval closes it when its mode is satisfied.
 */
export async function decideApproval(trx: Kysely<Database>, principal: UserPrincipal, id: string, input: DecisionInput, from: { ip: string | null; userAgent: string | null }): Promise<ApprovalView> {
  const row = await findApproval(trx, principal, id);
  if (row.status !== 'pending') throw new ApiError(409, 'approval_closed', `This approval is ${row.status.replace('_', ' ')}`);
  const steps = await trx.selectFrom('approval_steps').selectAll().where('approval_id', '=', id).orderBy('position').execute();
  const mine = steps.find((s) => s.approver_id === principal.userId);
  if (!mine || mine.decision !== null || (row.mode === 'sequence' && steps.some((s) => s.position < mine.position && s.decision === null)))
    throw new ApiError(409, 'not_your_turn', mine?.decision ? 'You have already decided' : mine ? 'An earlier approver has not decided yet' : 'You are not an approver of this');
  const current = row.subject_type === 'document' ? await currentDocumentVersion(trx, row.subject_id) : null;
  if (current && current.version !== row.document_version) throw new ApiError(409, 'version_changed', 'The document has a new version: this approval was for an earlier one');

  const now = new Date().toISOString();
  await trx
    .updateTable('approval_steps')
    .set({ decision: input.decision, comment: input.comment ?? null, decided_at: now, ip: from.ip, user_agent: from.userAgent?.slice(0, 500) ?? null, document_version: current?.version ?? null, document_sha256: current?.sha256 ?? null })
    .where('approval_id', '=', id)
    .where('approver_id', '=', principal.userId)
    .execute();
  const status = statusAfter(row.mode, steps.map((s) => (s.approver_id === principal.userId ? { decision: input.decision } : s)), input.decision);
  await trx.updateTable('approvals').set({ status, updated_at: now, completed_at: status === 'pending' ? null : now }).where('id', '=', id).execute();
  const approval = await getApproval(trx, principal, id);
  await recordEvent(trx, principal, eventOf('approval.decided', approval, { decision: { approver_id: principal.userId, decision: input.decision, comment: input.comment ?? null } }));
  if (status !== 'pending') await recordEvent(trx, principal, eventOf('approval.completed', approval));
  return approval;
}

/** Cancels a pending approval (the team); 409 once it is closed. */
export async function cancelApproval(trx: Kysely<Database>, principal: Principal, id: string): Promise<ApprovalView> {
  const row = await findApproval(trx, principal, id);
  if (row.status !== 'pending') throw new ApiError(409, 'approval_closed', `This approval is ${row.status.replace('_', ' ')}`);
  const now = new Date().toISOString();
  await trx.updateTable('approvals').set({ status: 'canceled', updated_at: now, completed_at: now }).where('id', '=', id).execute();
  const approval = await getApproval(trx, principal, id);
  await recordEvent(trx, principal, eventOf('approval.canceled', approval));
  return approval;
}

/** The sign-off record of an approval: every decision with who, when, from where and on which bytes (the team). */
export async function signOffRecord(db: Kysely<Database>, principal: Principal, id: string): Promise<SignOffRecordView> {
  const row = await findApproval(db, principal, id);
  const steps = await stepsOf(db, [id]);
  return {
    approval_id: row.id,
    subject: { type: row.subject_type, id: row.subject_id, title: row.title ?? '' },
    document_version: row.document_version,
    document_sha256: row.document_sha256,
    status: row.status,
    decisions: steps
      .filter((s) => s.decision !== null && s.decided_at !== null)
      .sort((a, b) => (a.decided_at! < b.decided_at! ? -1 : 1))
      .map((s) => ({
        user_id: s.approver_id,
        name: s.name ?? '',
        decision: s.decision!,
        comment: s.comment,
        decided_at: s.decided_at!,
        ip: s.ip,
        user_agent: s.user_agent,
        document_version: s.document_version,
        document_sha256: s.document_sha256,
      })),
  };
}
