import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../db/database.js';
import type { Capability } from './capabilities.js';
import { runById } from '../db/compiled-queries.js';
import { audienceKey } from './grants.js';
import { portalViewer, type ContactPrincipal, type Principal } from './principal.js';

/** The tables whose rows belong to a tenant and, below it, to a customer. */
export type ScopedTable =
  | 'customers'
  | 'projects'
  | 'tasks'
  | 'milestones'
  | 'goals'
  | 'pages'
  | 'faq_entries'
  | 'comments'
  | 'documents'
  | 'folders'
  | 'threads'
  | 'messages'
  | 'approvals'
  | 'requests'
  | 'events'
  | 'deals'
  | 'financial_documents'
  | 'deal_registrations'
  | 'referrals'
  | 'commissions'
  | 'access_requests';

/** The team's own rows: no contact ever sees one, whatever its customer or capabilities (people asking for access are not anyone's customer yet). */
const TEAM_ONLY: readonly ScopedTable[] = ['access_requests'];

/** The partner portal's own rows: a partner's, with no `visibility` (the partner wrote them, or they are about its own registrations). */
const PARTNER_TABLES: readonly ScopedTable[] = ['deal_registrations', 'referrals', 'commissions'];

const ref = (alias: string, column: string) => sql.ref(`${alias}.${column}`);
const never = sql<SqlBool>`(1 = 0)`;

/** The capabilities without which (any one of them) a contact sees nothing of a kind of row. */
const VIEW_CAPABILITY: Partial<Record<ScopedTable, readonly Capability[]>> = {
  tasks: ['tasks.view'],
  milestones: ['tasks.view'],
  goals: ['goals.view'],
  comments: ['tasks.view'],
  documents: ['documents.view'],
  folders: ['documents.view'],
  threads: ['messages.view'],
  messages: ['messages.view'],
  // A contact follows its customer's requests where it may file them.
  requests: ['requests.submit'],
  deals: ['deals.view'],
  financial_documents: ['finance.view'],
  // A partner who may register deals follows what it registered, even without the pipeline view.
  deal_registrations: ['partner.view_pipeline', 'partner.register_deals'],
  referrals: ['partner.view_pipeline', 'partner.register_deals'],
  commissions: ['partner.view_commissions'],
};

/** Whether a contact holds what it takes to see any row of `table`. */
export const mayView = (principal: ContactPrincipal, table: ScopedTable): boolean => {
  const needed = VIEW_CAPABILITY[table];
  return !needed || needed.some((c) => principal.capabilities.has(c));
};

/**
 * A contact's project condition: `members` projects only when it is one of their members
 * (`memberOf`, resolved with the principal; null for the portal as a whole).
 */
function projectOpen(principal: ContactPrincipal, alias: string): RawBuilder<unknown> {
  if (principal.memberOf === null) return sql`1 = 1`;
  const open = sql`${ref(alias, 'access')} = 'all_contacts'`;
  if (principal.memberOf.length === 0) return open;
  return sql`(${open} or ${ref(alias, 'id')} in (${sql.join(principal.memberOf.map((id) => sql`${id}`))}))`;
}

function parentProjectOpen(contact: ContactPrincipal, alias: string): RawBuilder<unknown> {
  const p = `${alias}_project`;
  return sql`(${ref(alias, 'project_id')} is null or exists (select 1 from projects as ${sql.table(p)} where ${ref(p, 'id')} = ${ref(alias, 'project_id')} and ${ref(p, 'visibility')} = 'portal' and ${projectOpen(contact, p)}))`;
}

/**
 * The authorization rule, in one place: the SQL condition under which `principal` may see a
 * row of `table` (aliased `alias`). API keys, the system and staff see their tenant; a contact
 * sees its own customer's `portal` rows whose parents (project, task) it sees too, of the kinds
 * its capabilities let it view (pages and FAQ entries published to its customer's portal type need none; `tasks.view` for tasks, their comments and milestones,
 * `documents.view` (and the library published to its customer's portal type), `messages.view` for threads and their messages, `goals.view` for the customer's shared goals, `requests.submit` for requests), and of a members-only
 * project only as one of its members (a project's threads too); the work of a deal only while it may work on the deal (`parentDealOpen`). Deleted rows are never visible.
 * Lists, reads, counts, search, event replay and notification fan-out all put this into their
 * query; nothing filters rows after fetching them.
 * @example db.selectFrom('tasks as t').selectAll('t').where(visibleTo(principal, 'tasks', 't'))
 */
export function visibleTo(principal: Principal, table: ScopedTable, alias: string = table): RawBuilder<SqlBool> {
  return remembered(rules, `${audienceKey(principal)}|${table}|${alias}`, () => rule(principal, table, alias, false));
}

/**
 * `visibleTo`, built afresh and not remembered, for a query that is compiled once and kept as
 * SQL (`compiledOnce`): a live audience's `events`. A contact's rule for them is a tree of
 * nodes of about 300 KB that `rules` would keep once per audience beside the SQL made of it.
 * @example compiledOnce(db, `live events ${audienceKey(p)}`, () => query.where(freshlyVisibleTo(p, 'events', 'e')).compile());
 */
export function freshlyVisibleTo(principal: Principal, table: ScopedTable, alias: string = table): RawBuilder<SqlBool> {
  return rule(principal, table, alias, false);
}

/**
 * The rule's conditions by who asks: building one costs more than
 * running it. The rule depends on the principal only through what `audienceKey` holds (kind,
 * tenant, customer, capabilities, memberships), and Kysely's builders are immutable, so one
 * built for an audience serves every principal of it. Bounded: emptied when full.
 */
const rules = new Map<string, RawBuilder<SqlBool>>();
const MAX_REMEMBERED = 5_000;

function remembered<T>(memo: Map<string, T>, key: string, build: () => T): T {
  let value = memo.get(key);
  if (value === undefined) {
    if (memo.size >= MAX_REMEMBERED) memo.clear();
    value = build();
    memo.set(key, value);
  }
  return value;
}

/**
 * Whether the rule lets `principal` see every task of its tenant that is not deleted (the
 * team, API keys, the system): counts kept per tenant (`task_counts`) then answer for it.
 * It must say true only where `rule` puts nothing else on tasks.
 */
export const seesEveryTask = (principal: Principal): boolean => principal.kind !== 'contact';

function rule(principal: Principal, table: ScopedTable, alias: string, includeDeleted: boolean): RawBuilder<SqlBool> {
  const contact = principal.kind === 'contact' ? principal : null;
  if (contact && (TEAM_ONLY.includes(table) || !mayView(contact, table))) return never;
  const conditions: RawBuilder<unknown>[] = [sql`${ref(alias, 'tenant_id')} = ${principal.tenantId}`];

  if (contact) {
    const customerColumn = table === 'customers' ? 'id' : 'customer_id';
    const own = sql`${ref(alias, customerColumn)} = ${contact.customerId}`;
    // Tenant-wide content: the FAQ is published to a portal type; a page is for one customer or all of one portal type.
    if (table === 'faq_entries') conditions.push(publishedTo(contact, alias));
    else if (table === 'pages') conditions.push(sql`(${own} or (${ref(alias, 'customer_id')} is null and ${publishedTo(contact, alias)}))`);
    else conditions.push(table === 'documents' ? sql`(${own} or ${libraryOpen(contact, alias)})` : own);
    if (table !== 'customers' && !PARTNER_TABLES.includes(table)) conditions.push(sql`${ref(alias, 'visibility')} = 'portal'`);
    // A draft is the vendor's work in progress: it reaches a contact once it is sent.
    if (table === 'financial_documents') conditions.push(sql`${ref(alias, 'status')} <> 'draft'`);
    if (table === 'projects') conditions.push(projectOpen(contact, alias));
  }

  if ((table === 'tasks' || table === 'milestones' || table === 'goals' || table === 'pages' || table === 'faq_entries') && !includeDeleted) conditions.push(sql`${ref(alias, 'deleted_at')} is null`);
  // A task, thread or request in a project: only while the contact sees that project.
  if ((table === 'tasks' || table === 'threads' || table === 'requests') && contact) conditions.push(parentProjectOpen(contact, alias));
  // A task, file or thread of a deal: only while the contact may work on that deal.
  if ((table === 'tasks' || table === 'threads' || table === 'documents') && contact) conditions.push(parentDealOpen(contact, alias));
  // A milestone always has its project.
  if (table === 'milestones' && contact) {
    const p = `${alias}_project`;
    conditions.push(sql`exists (select 1 from projects as ${sql.table(p)} where ${ref(p, 'id')} = ${ref(alias, 'project_id')} and ${ref(p, 'visibility')} = 'portal' and ${projectOpen(contact, p)})`);
  }
  if ((table === 'documents' || table === 'folders') && !includeDeleted) conditions.push(sql`${ref(alias, 'deleted_at')} is null`);
  if (table === 'folders' && contact) conditions.push(noInternalAncestor(alias));
  if (table === 'documents' && contact) {
    const f = `${alias}_folder`;
    conditions.push(sql`(${ref(alias, 'folder_id')} is null or exists (select 1 from folders as ${sql.table(f)} where ${ref(f, 'id')} = ${ref(alias, 'folder_id')} and ${rule(principal, 'folders', f, includeDeleted)}))`);
  }
  if (table === 'comments' || table === 'documents') {
    const t = `${alias}_task`;
    const taskVisible = sql`exists (select 1 from tasks as ${sql.table(t)} where ${ref(t, 'id')} = ${ref(alias, 'task_id')} and ${rule(principal, 'tasks', t, includeDeleted)})`;
    conditions.push(table === 'comments' ? taskVisible : sql`(${ref(alias, 'task_id')} is null or ${taskVisible})`);
  }
  if (table === 'messages') {
    const th = `${alias}_thread`;
    conditions.push(sql`exists (select 1 from threads as ${sql.table(th)} where ${ref(th, 'id')} = ${ref(alias, 'thread_id')} and ${rule(principal, 'threads', th, includeDeleted)})`);
  }
  if (table === 'approvals') {
    // Who sees an approval is who sees its subject, the task or the document.
    const t = `${alias}_task`;
    const d = `${alias}_document`;
    conditions.push(
      sql`((${ref(alias, 'subject_type')} = 'task' and exists (select 1 from tasks as ${sql.table(t)} where ${ref(t, 'id')} = ${ref(alias, 'subject_id')} and ${rule(principal, 'tasks', t, includeDeleted)}))
        or (${ref(alias, 'subject_type')} = 'document' and exists (select 1 from documents as ${sql.table(d)} where ${ref(d, 'id')} = ${ref(alias, 'subject_id')} and ${rule(principal, 'documents', d, includeDeleted)})))`,
    );
  }
  if (table === 'events' && contact) conditions.push(subjectStillVisible(contact, alias));
  return sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
}

/**
 * A contact's deal condition for the work of a deal (`deal_id` on tasks, documents, threads):
 * the deal is its customer's and shared (`portal`), and the contact may work on it: a
 * registration's deal (a partner's co-selling workspace) with `partner.cosell`, any other deal
 * (its direct line to the rep) with `deals.view`. Comments, messages and approvals follow
 * through their task, thread or document.
 */
function parentDealOpen(contact: ContactPrincipal, alias: string): RawBuilder<unknown> {
  const d = `${alias}_deal`;
  return sql`(${ref(alias, 'deal_id')} is null or exists (select 1 from deals as ${sql.table(d)} where ${ref(d, 'id')} = ${ref(alias, 'deal_id')} and ${workableDeal(contact, d)}))`;
}

/**
 * The deals (aliased `alias`) whose work `principal` may see and add to: the team, every deal of
 * its tenant; a contact, as `parentDealOpen` says.
 * @example db.selectFrom('deals as d').select('d.id').where('d.id', '=', id).where(workableDeal(principal, 'd'))
 */
export function workableDeal(principal: Principal, alias: string): RawBuilder<SqlBool> {
  const tenant = sql`${ref(alias, 'tenant_id')} = ${principal.tenantId}`;
  if (principal.kind !== 'contact') return sql<SqlBool>`(${tenant})`;
  const r = `${alias}_registration`;
  const registered = sql`exists (select 1 from deal_registrations as ${sql.table(r)} where ${ref(r, 'deal_id')} = ${ref(alias, 'id')})`;
  const cosell = principal.capabilities.has('partner.cosell');
  const deals = principal.capabilities.has('deals.view');
  const allowed = cosell && deals ? sql`1 = 1` : cosell ? registered : deals ? sql`not ${registered}` : never;
  return sql<SqlBool>`(${tenant} and ${ref(alias, 'customer_id')} = ${principal.customerId} and ${ref(alias, 'visibility')} = 'portal' and ${allowed})`;
}

/**
 * A contact's library condition: a tenant document (`customer_id` null) with a
 * `library_category`, published to the portal type of the contact's customer (read from the
 * customer row, so a change of portal type applies at once). A partner needs `partner.library`
 * besides `documents.view` to open the partner library.
 */
function libraryOpen(contact: ContactPrincipal, alias: string): RawBuilder<unknown> {
  const partnerOpen = contact.capabilities.has('partner.library') ? sql`` : sql` and ${ref(alias, 'portal_type')} = 'customer'`;
  return sql`(${ref(alias, 'customer_id')} is null and ${ref(alias, 'library_category')} is not null${partnerOpen} and ${publishedTo(contact, alias)})`;
}

/**
 * Tenant-wide content reaches a contact when it is published to the portal type of the
 * contact's customer, read from the customer row so that a change of portal type applies at once.
 */
function publishedTo(contact: ContactPrincipal, alias: string): RawBuilder<unknown> {
  const c = `${alias}_portal`;
  return sql`exists (select 1 from customers as ${sql.table(c)} where ${ref(c, 'id')} = ${contact.customerId} and ${ref(c, 'portal_type')} = ${ref(alias, 'portal_type')})`;
}

/**
 * An internal folder hides everything inside it: no folder above this one (an ancestor's path
 * is a prefix of this one's) may be internal.
 */
function noInternalAncestor(alias: string): RawBuilder<unknown> {
  const a = `${alias}_above`;
  return sql`not exists (select 1 from folders as ${sql.table(a)} where ${ref(a, 'customer_id')} = ${ref(alias, 'customer_id')} and ${ref(a, 'visibility')} = 'internal' and substr(${ref(alias, 'path')}, 1, length(${ref(a, 'path')})) = ${ref(a, 'path')})`;
}

/** The table an event's subject lives in, by the event type's prefix. */
const SUBJECT_TABLES = [
  ['task.', 'tasks'],
  ['milestone.', 'milestones'],
  ['goal.', 'goals'],
  ['page.', 'pages'],
  ['faq_entry.', 'faq_entries'],
  ['comment.', 'comments'],
  ['document.', 'documents'],
  ['project.', 'projects'],
  ['folder.', 'folders'],
  ['thread.', 'threads'],
  ['message.', 'messages'],
  ['approval.', 'approvals'],
  ['request.', 'requests'],
  ['deal.', 'deals'],
  ['financial_document.', 'financial_documents'],
  ['deal_registration.', 'deal_registrations'],
  ['referral.', 'referrals'],
  ['commission.', 'commissions'],
] as const;

/**
 * An event reaches a contact only while its subject is still visible to that contact: a
 * replay (`Last-Event-ID`) of a task that has since become internal carries nothing of it,
 * not even its id. Deletions name a subject that is gone for everyone: they reach the contacts
 * who could see it just before (the same rule, deleted rows included).
 */
function subjectStillVisible(principal: ContactPrincipal, alias: string): RawBuilder<unknown> {
  const type = ref(alias, 'type');
  const subject = (table: ScopedTable, includeDeleted: boolean) => {
    const s = `${alias}_subject_${table}${includeDeleted ? '_gone' : ''}`;
    return sql`exists (select 1 from ${sql.table(table)} as ${sql.table(s)} where ${ref(s, 'id')} = ${ref(alias, 'subject_id')} and ${rule(principal, table, s, includeDeleted)})`;
  };
  // The patterns are literals: SQLite prepares a statement again whenever a LIKE pattern is bound
  // as a parameter (the live hub runs this text every round; 1 ms a run instead of 20 µs).
  const branches = SUBJECT_TABLES.map(([prefix, table]) => sql`(${type} like ${sql.lit(`${prefix}%`)} and ${type} not in ('task.deleted', 'milestone.deleted', 'goal.deleted', 'page.deleted', 'faq_entry.deleted', 'document.deleted', 'folder.deleted') and ${subject(table, false)})`);
  branches.push(
    sql`(${type} = 'task.deleted' and ${subject('tasks', true)})`,
    sql`(${type} = 'milestone.deleted' and ${subject('milestones', true)})`,
    sql`(${type} = 'goal.deleted' and ${subject('goals', true)})`,
    sql`(${type} = 'page.deleted' and ${subject('pages', true)})`,
    sql`(${type} = 'faq_entry.deleted' and ${subject('faq_entries', true)})`,
    sql`(${type} = 'document.deleted' and ${subject('documents', true)})`,
    sql`(${type} = 'folder.deleted' and ${subject('folders', true)})`,
  );
  return sql`(${sql.join(branches, sql` or `)})`;
}

/**
 * Whether `principal` may see the row `id` of `table`: the rule asked about one row. Decides
 * who is notified of a change (each recipient's own principal).
 * @example if (await isVisibleTo(db, recipient, 'comments', commentId)) notify(recipient);
 */
export async function isVisibleTo(
  db: Kysely<Database>,
  principal: Principal,
  table: Exclude<ScopedTable, 'events'>,
  id: string,
): Promise<boolean> {
  const rows = await runById(db, `visible ${table} ${audienceKey(principal)}`, id, (db, id) =>
    db
      .selectFrom(`${table} as x` as 'tasks as x')
      .select(sql<number>`1`.as('one'))
      .where('x.id', '=', id)
      .where(visibleTo(principal, table, 'x')),
  );
  return rows.length > 0;
}

/**
 * Whether a contact of `customerId` may see the row `id` of `table`: the same rule, asked on
 * behalf of that customer's portal. Decides the `visibility` of each event, and so who
 * hears of a change.
 */
export async function isPortalVisible(
  db: Kysely<Database>,
  table: Exclude<ScopedTable, 'events' | 'customers'>,
  id: string,
  tenantId: string,
  customerId: string,
): Promise<boolean> {
  return isVisibleTo(db, portalViewer(tenantId, customerId), table, id);
}
