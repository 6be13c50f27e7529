import { sql, type Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import { visibleTo } from '../auth/visibility.js';
import { getCustomer } from '../customers/customer.repository.js';
import type { Database, ThreadRow } from '../db/database.js';
import { onUniqueViolation } from '../db/errors.js';
import { scopeToDeal, type DealScope } from '../commercial/deals/deal-scope.js';
import { ApiError, invalid, notFound } from '../errors.js';
import { paginate, type Page, type PageRequest } from '../lib/pagination.js';
import { getProject } from '../projects/project.repository.js';
import { insertThread } from './general-thread.js';
import type { CreateThreadInput, ThreadFilterInput, ThreadView } from './thread.schema.js';

const userOf = (p: Principal) => (p.kind === 'staff' || p.kind === 'contact' ? p.userId : null);

/**
 * Messages of thread `t` that `principal` may see, as a SQL condition on `m` (for counts and
 * the newest one): the one rule, so a contact never counts an internal note.
 */
function visibleMessagesOf(principal: Principal) {
  return sql`from messages as m where m.thread_id = t.id and ${visibleTo(principal, 'messages', 'm')}`;
}

/**
 * The threads `principal` may see, each with the caller's unread count (messages by others
 * after its read marker) and the time of the newest message it may see.
 */
function threadsOf(db: Kysely<Database>, principal: Principal) {
  return db
    .selectFrom('threads as t')
    .selectAll('t')
    // Newest first through the (thread_id, created_at, id) index: it stops at the first visible one.
    .select([sql<string | null>`(select m.created_at ${visibleMessagesOf(principal)} order by m.created_at desc, m.id desc limit 1)`.as('seen_last_message_at'), unreadOf(principal).as('unread')])
    .where(visibleTo(principal, 'threads', 't'));
}

/** The caller's unread messages of thread `t`: by others, after its read marker (none for an API key). */
function unreadOf(principal: Principal) {
  const user = userOf(principal);
  if (user === null) return sql<number>`0`;
  const marker = sql`select r.message_at from thread_reads as r where r.thread_id = t.id and r.user_id = ${user}`;
  // The first bound lets the index start at the marker; the second is exact (ties on the time).
  return sql<number>`(select count(*) ${visibleMessagesOf(principal)} and (m.author_id is null or m.author_id <> ${user})
    and m.created_at >= coalesce((${marker}), '') and not exists (
      select 1 from thread_reads as r where r.thread_id = t.id and r.user_id = ${user}
      and (m.created_at < r.message_at or (m.created_at = r.message_at and m.id <= r.message_id))))`;
}

// PostgreSQL answers a count as a string.
type ThreadWithCounts = ThreadRow & { seen_last_message_at: string | null; unread: number };

const toThreadView = (row: ThreadWithCounts): ThreadView => ({
  id: row.id,
  customer_id: row.customer_id,
  project_id: row.project_id,
  deal_id: row.deal_id,
  general: row.general === 1,
  subject: row.subject,
  visibility: row.visibility,
  created_by: row.created_by,
  created_at: row.created_at,
  last_message_at: row.seen_last_message_at,
  unread_count: Number(row.unread),
});

/**
 * The threads `principal` may see, oldest first (a customer's general thread leads).
 * @example await listThreads(db, principal, { customer_id: 'cus_…', limit: 50 });
 */
export async function listThreads(db: Kysely<Database>, principal: Principal, filters: Omit<ThreadFilterInput, 'limit' | 'cursor'> & PageRequest): Promise<Page<ThreadView>> {
  let query = threadsOf(db, principal);
  if (filters.customer_id) query = query.where('t.customer_id', '=', filters.customer_id);
  if (filters.project_id) query = query.where('t.project_id', '=', filters.project_id);
  if (filters.deal_id) query = query.where('t.deal_id', '=', filters.deal_id);
  if (filters.unread) query = query.where(sql<boolean>`${unreadOf(principal)} > 0`);
  const [paged, toPage] = paginate(query, 't', filters);
  return toPage(await paged.execute(), toThreadView);
}

/**
 * The thread `id` as stored, if `principal` may see it, else a 404 (another customer's
 * included): for writers and readers of its messages, which need no counts.
 */
export async function findThread(db: Kysely<Database>, principal: Principal, id: string): Promise<ThreadRow> {
  const row = await db.selectFrom('threads as t').selectAll('t').where('t.id', '=', id).where(visibleTo(principal, 'threads', 't')).executeTakeFirst();
  if (!row) throw notFound('Thread');
  return row;
}

/** The thread `id` with the caller's counts if `principal` may see it, else a 404 (another customer's included). */
export async function getThread(db: Kysely<Database>, principal: Principal, id: string): Promise<ThreadView> {
  const row = await threadsOf(db, principal).where('t.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Thread');
  return toThreadView(row);
}

/**
 * The one thread of a deal, opened on first use (subject: the deal's name), in the caller's
 * transaction: who may see the deal's work sees it (the rule's deal condition). Two first
 * uses racing meet on the unique index: the loser answers 409 (a retry finds the thread).
 * @example const { thread, created } = await openDealThread(trx, principal, deal);
 */
export async function openDealThread(trx: Kysely<Database>, principal: Principal, deal: DealScope, subject?: string): Promise<{ thread: ThreadView; created: boolean }> {
  const existing = await threadsOf(trx, principal).where('t.deal_id', '=', deal.id).executeTakeFirst();
  if (existing) return { thread: toThreadView(existing), created: false };
  const row = await onUniqueViolation(
    () =>
      insertThread(trx, principal, { customer_id: deal.customer_id, project_id: null, deal_id: deal.id, general: 0, subject: subject ?? deal.name, visibility: 'portal', created_by: userOf(principal) }),
    new ApiError(409, 'conflict', 'The deal\'s thread was opened at the same moment: try again'),
  );
  return { thread: toThreadView({ ...row, seen_last_message_at: null, unread: 0 }), created: true };
}

/**
 * Opens a thread of a customer the caller may see: about one of its projects, or a subject of
 * its own. A contact's thread is its own customer's. With `deal_id`, the deal's one thread
 * (opened on first use, else the existing one: `created` says which).
 * @example await createThread(trx, principal, { customer_id: 'cus_…', subject: 'Renewal' });
 */
export async function createThread(trx: Kysely<Database>, principal: Principal, input: CreateThreadInput): Promise<{ thread: ThreadView; created: boolean }> {
  if (input.deal_id) {
    if (input.project_id) throw invalid('A deal\'s thread is about the deal, not a project', [{ path: 'project_id', message: 'not allowed with deal_id' }]);
    if (input.visibility === 'internal') throw invalid('A deal\'s thread is shared with who may see the deal; write internal notes in it', [{ path: 'visibility', message: 'not allowed with deal_id' }]);
    return openDealThread(trx, principal, await scopeToDeal(trx, principal, input.deal_id, input.customer_id), input.subject);
  }
  if (!input.subject) throw invalid('Give the thread a subject', [{ path: 'subject', message: 'Required without deal_id' }]);
  const customerId = principal.kind === 'contact' ? (input.customer_id ?? principal.customerId) : input.customer_id;
  if (!customerId) throw invalid('customer_id is required', [{ path: 'customer_id', message: 'Required for API keys and staff' }]);
  await getCustomer(trx, principal, customerId);
  if (input.project_id) {
    const project = await getProject(trx, principal, input.project_id);
    if (project.customer_id !== customerId) throw invalid('The project belongs to another customer', [{ path: 'project_id', message: 'not a project of this customer' }]);
  }
  const row = await insertThread(trx, principal, {
    customer_id: customerId,
    project_id: input.project_id ?? null,
    deal_id: null,
    general: 0,
    subject: input.subject,
    visibility: input.visibility ?? 'portal',
    created_by: userOf(principal),
  });
  return { thread: toThreadView({ ...row, seen_last_message_at: null, unread: 0 }), created: true };
}
