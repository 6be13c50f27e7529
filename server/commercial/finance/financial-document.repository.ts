import type { Kysely } from 'kysely';
import type { Principal } from '../../auth/principal.js';
import { visibleTo } from '../../auth/visibility.js';
import type { Database, FinancialDocument } from '../../db/database.js';
import { onUniqueViolation } from '../../db/errors.js';
import { ApiError, invalid, notFound } from '../../errors.js';
import type { EventType } from '../../events/event-types.js';
import { recordEvent } from '../../events/record-event.js';
import { changedFields } from '../../lib/changes.js';
import { newId } from '../../lib/ids.js';
import { paginate, type Page, type PageRequest } from '../../lib/pagination.js';
import { accountOf, externalIdTaken } from '../accounts.js';
import { readMoney, totalsByCurrency } from '../money.js';
import type {
  CreateFinancialDocumentInput,
  FinancialDocumentView,
  FinancialFilters,
  UpdateFinancialDocumentInput,
} from './financial-document.schema.js';

type Row = FinancialDocument & { s_decision: 'accepted' | 'declined' | null; s_reason: string | null; s_user_id: string | null; s_decided_at: string | null };

function toView(row: Row): FinancialDocumentView {
  return {
    id: row.id,
    customer_id: row.customer_id,
    external_id: row.external_id,
    kind: row.kind,
    number: row.number,
    issue_date: row.issue_date,
    due_date: row.due_date,
    currency: row.currency,
    total: readMoney(row.total),
    amount_due: readMoney(row.amount_due),
    lines: JSON.parse(row.lines),
    status: row.status,
    document_id: row.document_id,
    visibility: row.visibility,
    signoff: row.s_decision ? { decision: row.s_decision, reason: row.s_reason, user_id: row.s_user_id!, decided_at: row.s_decided_at! } : null,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

const UNPAID = ['sent', 'partially_paid', 'overdue'] as const;

/** What is still to pay when nobody says: the total of an unpaid invoice, else nothing. */
const defaultDue = (kind: string, status: string, total: number) => (kind === 'invoice' && (UNPAID as readonly string[]).includes(status) ? total : 0);

function select(db: Kysely<Database>, principal: Principal) {
  return db
    .selectFrom('financial_documents as f')
    .leftJoin('financial_signoffs as s', 's.financial_document_id', 'f.id')
    .selectAll('f')
    .select(['s.decision as s_decision', 's.reason as s_reason', 's.user_id as s_user_id', 's.decided_at as s_decided_at'])
    .where(visibleTo(principal, 'financial_documents', 'f'));
}

/** The financial documents `principal` may see (a contact: its customer's, never drafts), newest issued first. */
export async function listFinancialDocuments(db: Kysely<Database>, principal: Principal, filters: Omit<FinancialFilters, 'limit' | 'cursor'> & PageRequest): Promise<Page<FinancialDocumentView>> {
  let query = select(db, principal);
  if (filters.customer_id) query = query.where('f.customer_id', '=', filters.customer_id);
  if (filters.kind) query = query.where('f.kind', '=', filters.kind);
  if (filters.status) query = query.where('f.status', '=', filters.status);
  if (filters.external_id) query = query.where('f.external_id', '=', filters.external_id);
  const [paged, toPage] = paginate(query, 'f', filters, 'desc');
  return toPage((await paged.execute()) as Row[], toView);
}

export async function getFinancialDocument(db: Kysely<Database>, principal: Principal, id: string): Promise<FinancialDocumentView> {
  const row = (await select(db, principal).where('f.id', '=', id).executeTakeFirst()) as Row | undefined;
  if (!row) throw notFound('Financial document');
  return toView(row);
}

/** Outstanding and overdue totals per currency, and open quotes, through the same rule. */
export async function financialSummary(db: Kysely<Database>, principal: Principal, customerId: string | undefined, today: string) {
  let query = db
    .selectFrom('financial_documents as f')
    .select(['f.kind', 'f.status', 'f.currency', 'f.amount_due', 'f.due_date'])
    .where(visibleTo(principal, 'financial_documents', 'f'))
    .where((eb) => eb.or([eb('f.kind', '=', 'quote'), eb.and([eb('f.kind', '=', 'invoice'), eb('f.status', 'in', [...UNPAID])])]));
  if (customerId) query = query.where('f.customer_id', '=', customerId);
  const rows = await query.execute();
  const unpaid = rows.filter((r) => r.kind === 'invoice').map((r) => ({ ...r, amount: readMoney(r.amount_due) }));
  return {
    outstanding: totalsByCurrency(unpaid),
    overdue: totalsByCurrency(unpaid.filter((r) => r.status === 'overdue' || (r.due_date !== null && r.due_date < today))),
    open_quotes: rows.filter((r) => r.kind === 'quote' && r.status === 'sent').length,
  };
}

async function checkPdf(db: Kysely<Database>, tenantId: string, customerId: string, documentId: string | null | undefined): Promise<void> {
  if (!documentId) return;
  const doc = await db
    .selectFrom('documents')
    .select('id')
    .where('id', '=', documentId)
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!doc) throw invalid('Not a document of this customer', [{ path: 'document_id', message: 'a document uploaded for the same customer' }]);
}

function checkAmounts(total: number, due: number): void {
  if (due > total) throw invalid('amount_due is more than the total', [{ path: 'amount_due', message: 'at most total' }]);
}

function record(trx: Kysely<Database>, principal: Principal, type: EventType, doc: FinancialDocumentView, extra: Record<string, unknown> = {}) {
  return recordEvent(trx, principal, { type, table: 'financial_documents', subjectId: doc.id, customerId: doc.customer_id, taskId: null, data: { financial_document: doc, ...extra } });
}

/**
 * Creates a financial document, or with an `external_id` already known, updates that one (the
 * vendor's backend pushes the same document again): `created` says which.
 */
export async function upsertFinancialDocument(trx: Kysely<Database>, principal: Principal, input: CreateFinancialDocumentInput): Promise<{ document: FinancialDocumentView; created: boolean }> {
  await accountOf(trx, principal, input.customer_id);
  if (input.external_id) {
    const existing = await trx.selectFrom('financial_documents').select(['id', 'customer_id']).where('tenant_id', '=', principal.tenantId).where('external_id', '=', input.external_id).executeTakeFirst();
    if (existing) {
      if (existing.customer_id !== input.customer_id) throw externalIdTaken();
      const { customer_id: _c, external_id: _e, ...patch } = input;
      return { document: await updateFinancialDocument(trx, principal, existing.id, patch), created: false };
    }
  }
  await checkPdf(trx, principal.tenantId, input.customer_id, input.document_id);
  const status = input.status ?? 'draft';
  const amountDue = input.amount_due ?? defaultDue(input.kind, status, input.total);
  checkAmounts(input.total, amountDue);
  const now = new Date().toISOString();
  const row: FinancialDocument = {
    id: newId('fin'),
    tenant_id: principal.tenantId,
    customer_id: input.customer_id,
    external_id: input.external_id ?? null,
    kind: input.kind,
    number: input.number,
    issue_date: input.issue_date,
    due_date: input.due_date ?? null,
    currency: input.currency,
    total: input.total,
    amount_due: amountDue,
    lines: JSON.stringify(input.lines ?? []),
    status,
    document_id: input.document_id ?? null,
    visibility: input.visibility ?? 'portal',
    created_at: now,
    updated_at: now,
  };
  await onUniqueViolation(() => trx.insertInto('financial_documents').values(row).execute(), externalIdTaken());
  const document = await getFinancialDocument(trx, principal, row.id);
  await record(trx, principal, 'financial_document.created', document);
  return { document, created: true };
}

const FIELDS = ['kind', 'number', 'issue_date', 'due_date', 'currency', 'total', 'amount_due', 'status', 'document_id', 'visibility'] as const;

export async function updateFinancialDocument(trx: Kysely<Database>, principal: Principal, id: string, patch: UpdateFinancialDocumentInput): Promise<FinancialDocumentView> {
  const before = await getFinancialDocument(trx, principal, id);
  const next = { ...patch };
  const total = patch.total ?? before.total;
  if (next.amount_due === undefined && (patch.status !== undefined || patch.total !== undefined || patch.kind !== undefined)) {
    const status = patch.status ?? before.status;
    // A partial payment keeps what was said to be left, unless it no longer fits.
    next.amount_due = status === 'partially_paid' ? Math.min(before.amount_due, total) : defaultDue(patch.kind ?? before.kind, status, total);
  }
  checkAmounts(total, next.amount_due ?? before.amount_due);
  if (patch.document_id !== undefined) await checkPdf(trx, principal.tenantId, before.customer_id, patch.document_id);
  const { changes, previous } = changedFields(before, next, FIELDS);
  const linesChanged = patch.lines !== undefined && JSON.stringify(patch.lines) !== JSON.stringify(before.lines);
  if (changes.length === 0 && !linesChanged) return before;
  const set: Record<string, unknown> = Object.fromEntries(changes.map((f) => [f, next[f]]));
  if (linesChanged) set.lines = JSON.stringify(patch.lines);
  await trx.updateTable('financial_documents').set({ ...set, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
  const after = await getFinancialDocument(trx, principal, id);
  await record(trx, principal, 'financial_document.updated', after, { changes: linesChanged ? [...changes, 'lines'] : changes, previous });
  return after;
}

export interface SignoffContext {
  userId: string;
  ip: string;
  userAgent: string;
}

/**
 * A contact's answer to a sent quote, recorded like an approval's sign-off: who, when, from
 * where, the amount, and the SHA-256 of the PDF decided on. A quote answered already, or one
 * that is not sent, answers 409; the sign-off's primary key settles a race.
 */
export async function respondToQuote(trx: Kysely<Database>, principal: Principal, id: string, decision: 'accepted' | 'declined', reason: string | null, who: SignoffContext): Promise<FinancialDocumentView> {
  const doc = await getFinancialDocument(trx, principal, id);
  if (doc.kind !== 'quote') throw new ApiError(409, 'not_a_quote', 'Only a quote is accepted or declined');
  if (doc.signoff || doc.status === 'accepted' || doc.status === 'declined') throw new ApiError(409, 'already_decided', `This quote was already ${doc.signoff?.decision ?? doc.status}`);
  if (doc.status !== 'sent') throw new ApiError(409, 'not_decidable', `A quote that is ${doc.status} cannot be answered`);
  const pdf = doc.document_id ? await trx.selectFrom('documents').select('sha256').where('id', '=', doc.document_id).executeTakeFirst() : undefined;
  const now = new Date().toISOString();
  await onUniqueViolation(
    () =>
      trx
        .insertInto('financial_signoffs')
        .values({
          financial_document_id: id,
          tenant_id: principal.tenantId,
          decision,
          reason,
          user_id: who.userId,
          ip: who.ip,
          user_agent: who.userAgent.slice(0, 500),
          total: doc.total,
          currency: doc.currency,
          sha256: pdf?.sha256 ?? null,
          decided_at: now,
        })
        .execute(),
    new ApiError(409, 'already_decided', 'This quote was already answered'),
  );
  await trx.updateTable('financial_documents').set({ status: decision, amount_due: 0, updated_at: now }).where('id', '=', id).execute();
  const after = await getFinancialDocument(trx, principal, id);
  await record(trx, principal, decision === 'accepted' ? 'financial_document.accepted' : 'financial_document.declined', after, { record: await signoffRecord(trx, principal, id) });
  return after;
}

/** The sign-off record of a quote the caller may see; 404 `no_record` before any answer. */
export async function signoffRecord(db: Kysely<Database>, principal: Principal, id: string) {
  await getFinancialDocument(db, principal, id);
  const row = await db
    .selectFrom('financial_signoffs as s')
    .leftJoin('users as u', 'u.id', 's.user_id')
    .selectAll('s')
    .select('u.name as user_name')
    .where('s.financial_document_id', '=', id)
    .executeTakeFirst();
  if (!row) throw new ApiError(404, 'no_record', 'This quote has not been answered');
  return {
    financial_document_id: row.financial_document_id,
    decision: row.decision,
    reason: row.reason,
    user_id: row.user_id,
    user_name: row.user_name,
    ip: row.ip,
    user_agent: row.user_agent,
    total: readMoney(row.total),
    currency: row.currency,
    sha256: row.sha256,
    decided_at: row.decided_at,
  };
}

/** The attached PDF of a financial document the caller may see (through the document's own row, whatever its task). */
export async function pdfOf(db: Kysely<Database>, principal: Principal, id: string) {
  const doc = await getFinancialDocument(db, principal, id);
  const file = doc.document_id
    ? await db
        .selectFrom('documents')
        .select(['id', 'task_id', 'customer_id', 'sha256', 'size', 'content_type', 'name'])
        .where('id', '=', doc.document_id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst()
    : undefined;
  if (!file) throw new ApiError(404, 'no_pdf', 'This document has no PDF');
  return file;
}
