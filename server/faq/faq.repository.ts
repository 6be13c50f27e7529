import { sql, type Kysely } from 'kysely';
import { actorId, isTeam, type Principal } from '../auth/principal.js';
import { visibleTo } from '../auth/visibility.js';
import type { Database, FaqEntryRow } from '../db/database.js';
import { isPostgres } from '../db/dialect.js';
import { notFound } from '../errors.js';
import type { EventType } from '../events/event-types.js';
import { recordEvent } from '../events/record-event.js';
import { changedFields } from '../lib/changes.js';
import { newId } from '../lib/ids.js';
import { paginate, type Page, type PageRequest } from '../lib/pagination.js';
import { keywords, worthIndex } from '../lib/search.js';
import type { CreateFaqInput, FaqEntryView, FaqFilters, FeedbackInput, UpdateFaqInput } from './faq.schema.js';

/** An entry as `principal` is shown it: the counts are the team's, never a contact's. */
function toView(row: FaqEntryRow, principal: Principal): FaqEntryView {
  const view: FaqEntryView = {
    id: row.id,
    portal_type: row.portal_type,
    category: row.category,
    question: row.question,
    answer: row.answer,
    visibility: row.visibility,
    created_by: row.created_by,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
  if (isTeam(principal)) Object.assign(view, { views: Number(row.views), helpful: Number(row.helpful), unhelpful: Number(row.unhelpful) });
  return view;
}

/**
 * The FAQ entries `principal` may see, oldest first, filtered by category and keywords. `q`
 * is the tasks' search: every word in the question or the answer, as a substring; SQLite's
 * trigram table finds the matches (unless the words are too common to be worth it),
 * PostgreSQL's trigram indexes serve the same `LIKE` form.
 * @example await listFaq(db, principal, { q: 'sso', category: 'Security', limit: 20 });
 */
export async function listFaq(db: Kysely<Database>, principal: Principal, filters: Omit<FaqFilters, 'limit' | 'cursor'> & PageRequest): Promise<Page<FaqEntryView>> {
  let query = db.selectFrom('faq_entries as f').selectAll('f').where(visibleTo(principal, 'faq_entries', 'f'));
  if (filters.category) query = query.where('f.category', '=', filters.category);
  if (filters.portal_type) query = query.where('f.portal_type', '=', filters.portal_type);
  if (filters.visibility) query = query.where('f.visibility', '=', filters.visibility);
  if (filters.q) {
    const index = isPostgres(db) ? undefined : await worthIndex(db, filters.q, { table: 'faq_fts', alias: 'f' });
    const search = keywords(filters.q, ['f.question', 'f.answer'], index);
    if (search) query = query.where(search);
  }
  const [paged, toPage] = paginate(query, 'f', filters);
  return toPage(await paged.execute(), (row) => toView(row, principal));
}

async function findRow(db: Kysely<Database>, principal: Principal, id: string): Promise<FaqEntryRow> {
  const row = await db.selectFrom('faq_entries as f').selectAll('f').where('f.id', '=', id).where(visibleTo(principal, 'faq_entries', 'f')).executeTakeFirst();
  if (!row) throw notFound('FAQ entry');
  return row;
}

/**
 * The entry with `id` (404 when hidden). A contact opening it counts one view: the team
 * reading or editing it in the admin page does not.
 */
export async function openFaqEntry(db: Kysely<Database>, principal: Principal, id: string): Promise<FaqEntryView> {
  const row = await findRow(db, principal, id);
  if (principal.kind === 'contact') await db.updateTable('faq_entries').set({ views: sql`views + 1` }).where('id', '=', id).execute();
  return toView(row, principal);
}

/** The categories `principal` sees, with how many entries each holds, by name. */
export async function listCategories(db: Kysely<Database>, principal: Principal): Promise<{ category: string; entries: number }[]> {
  const rows = await db
    .selectFrom('faq_entries as f')
    .select(['f.category', sql<number>`count(*)`.as('entries')])
    .where(visibleTo(principal, 'faq_entries', 'f'))
    .groupBy('f.category')
    .orderBy('f.category')
    .execute();
  return rows.map((r) => ({ category: r.category, entries: Number(r.entries) }));
}

const brief = (row: FaqEntryRow) => ({ id: row.id, question: row.question, category: row.category });

function recordFaqEvent(db: Kysely<Database>, principal: Principal, type: EventType, subjectId: string, data: Record<string, unknown>): Promise<void> {
  return recordEvent(db, principal, { type, table: 'faq_entries', subjectId, customerId: null, taskId: null, data });
}

/** Adds an entry (the team's); records `faq_entry.created`. */
export async function createFaqEntry(trx: Kysely<Database>, principal: Principal, input: CreateFaqInput): Promise<FaqEntryView> {
  const now = new Date().toISOString();
  const row: FaqEntryRow = {
    id: newId('faq'),
    tenant_id: principal.tenantId,
    portal_type: input.portal_type ?? 'customer',
    category: input.category,
    question: input.question,
    answer: input.answer,
    visibility: input.visibility ?? 'portal',
    views: 0,
    helpful: 0,
    unhelpful: 0,
    created_by: actorId(principal),
    created_at: now,
    updated_at: now,
    deleted_at: null,
  };
  await trx.insertInto('faq_entries').values(row).execute();
  const entry = toView(row, principal);
  await recordFaqEvent(trx, principal, 'faq_entry.created', row.id, { faq_entry: entry });
  return entry;
}

/** Changes an entry; its counts stay. Records `faq_entry.updated`. */
export async function updateFaqEntry(trx: Kysely<Database>, principal: Principal, id: string, patch: UpdateFaqInput): Promise<FaqEntryView> {
  const row = await findRow(trx, principal, id);
  const { changes, previous } = changedFields(row, patch, ['question', 'answer', 'category', 'portal_type', 'visibility']);
  if (changes.length === 0) return toView(row, principal);
  const set = Object.fromEntries(changes.map((field) => [field, patch[field]]));
  const after: FaqEntryRow = { ...row, ...set, updated_at: new Date().toISOString() };
  await trx.updateTable('faq_entries').set({ ...set, updated_at: after.updated_at }).where('id', '=', id).execute();
  const entry = toView(after, principal);
  await recordFaqEvent(trx, principal, 'faq_entry.updated', id, { faq_entry: entry, changes, previous });
  return entry;
}

/** Deletes an entry (soft: its feedback stays for the record); records `faq_entry.deleted`. */
export async function deleteFaqEntry(trx: Kysely<Database>, principal: Principal, id: string): Promise<void> {
  const row = await findRow(trx, principal, id);
  await recordFaqEvent(trx, principal, 'faq_entry.deleted', id, { faq_entry: brief(row) });
  const now = new Date().toISOString();
  await trx.updateTable('faq_entries').set({ deleted_at: now, updated_at: now }).where('id', '=', id).execute();
}

/**
 * "Was this helpful?": one answer a person and entry; a second replaces the first (the counts
 * move with it). A hidden entry is a 404. Records `faq_entry.feedback_received` (the team's).
 */
export async function giveFeedback(trx: Kysely<Database>, principal: Principal & { userId: string }, id: string, input: FeedbackInput) {
  const row = await findRow(trx, principal, id);
  const comment = input.comment ? input.comment : null;
  const now = new Date().toISOString();
  const before = await trx.selectFrom('faq_feedback').select(['id', 'helpful']).where('faq_id', '=', id).where('user_id', '=', principal.userId).executeTakeFirst();
  const column = (helpful: boolean) => (helpful ? 'helpful' : 'unhelpful');
  if (before) {
    await trx.updateTable('faq_feedback').set({ helpful: input.helpful ? 1 : 0, comment, created_at: now }).where('id', '=', before.id).execute();
    await trx.updateTable('faq_entries').set({ [column(before.helpful === 1)]: sql`${sql.ref(column(before.helpful === 1))} - 1` }).where('id', '=', id).execute();
  } else {
    await trx.insertInto('faq_feedback').values({ id: newId('fqf'), tenant_id: principal.tenantId, faq_id: id, user_id: principal.userId, helpful: input.helpful ? 1 : 0, comment, created_at: now }).execute();
  }
  await trx.updateTable('faq_entries').set({ [column(input.helpful)]: sql`${sql.ref(column(input.helpful))} + 1` }).where('id', '=', id).execute();
  await recordFaqEvent(trx, principal, 'faq_entry.feedback_received', id, { faq_entry: brief(row), feedback: { helpful: input.helpful, comment, user_id: principal.userId } });
  return { faq_id: id, helpful: input.helpful, comment, created_at: now };
}
