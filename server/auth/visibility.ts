import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../db/database.js';
import { portalViewer, type Principal } from './principal.js';

/** The tables whose rows belong to a tenant and, below it, to a customer. */
export type ScopedTable = 'customers' | 'projects' | 'tasks' | 'comments' | 'documents' | 'events';

const ref = (alias: string, column: string) => sql.ref(`${alias}.${column}`);

/**
 * The authorization rule, in one place: the SQL condition under which `principal` may see a
 * row of `table` (aliased `alias`). API keys and staff see their tenant; a contact sees its own
 * customer's `portal` rows whose parents (project, task) are `portal` too. Deleted rows are
 * never visible. Lists, reads, counts, search, event replay and notification fan-out all
 * put this into their query; nothing filters rows after fetching them.
 * @example db.selectFrom('tasks as t').selectAll('t').where(visibleTo(principal, 'tasks', 't'))
 */
export function visibleTo(principal: Principal, table: ScopedTable, alias: string = table): RawBuilder<SqlBool> {
  const contact = principal.kind === 'contact';
  const conditions: RawBuilder<unknown>[] = [sql`${ref(alias, 'tenant_id')} = ${principal.tenantId}`];

  if (contact) {
    const customerColumn = table === 'customers' ? 'id' : 'customer_id';
    conditions.push(sql`${ref(alias, customerColumn)} = ${principal.customerId}`);
    if (table !== 'customers') conditions.push(sql`${ref(alias, 'visibility')} = 'portal'`);
  }

  if (table === 'tasks') {
    conditions.push(sql`${ref(alias, 'deleted_at')} is null`);
    if (contact) {
      const p = `${alias}_project`;
      conditions.push(
        sql`(${ref(alias, 'project_id')} is null or exists (select 1 from projects as ${sql.table(p)} where ${ref(p, 'id')} = ${ref(alias, 'project_id')} and ${ref(p, 'visibility')} = 'portal'))`,
      );
    }
  }
  if (table === 'documents') conditions.push(sql`${ref(alias, 'deleted_at')} is null`);
  if (table === 'comments' || table === 'documents') {
    const t = `${alias}_task`;
    const taskVisible = sql`exists (select 1 from tasks as ${sql.table(t)} where ${ref(t, 'id')} = ${ref(alias, 'task_id')} and ${visibleTo(principal, 'tasks', t)})`;
    conditions.push(table === 'comments' ? taskVisible : sql`(${ref(alias, 'task_id')} is null or ${taskVisible})`);
  }
  if (table === 'events' && contact) conditions.push(subjectStillVisible(principal, alias));
  return sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
}

/** The table an event's subject lives in, by the event type's prefix. */
const SUBJECT_TABLES = [
  ['task.', 'tasks'],
  ['comment.', 'comments'],
  ['document.', 'documents'],
  ['project.', 'projects'],
] as const;

/**
 * An event reaches a contact only while its subject is still visible to that contact: a
 * replay (`Last-Event-ID`) of a task that has since become internal carries nothing of it,
 * not even its id. Deletions are the exception: they name a subject the contact saw, which
 * is gone for everyone.
 */
function subjectStillVisible(principal: Principal, alias: string): RawBuilder<unknown> {
  const type = ref(alias, 'type');
  const branches = SUBJECT_TABLES.map(([prefix, table]) => {
    const s = `${alias}_subject_${table}`;
    return sql`(${type} like ${`${prefix}%`} and exists (select 1 from ${sql.table(table)} as ${sql.table(s)} where ${ref(s, 'id')} = ${ref(alias, 'subject_id')} and ${visibleTo(principal, table, s)}))`;
  });
  return sql`(${type} in ('task.deleted', 'document.deleted') or ${sql.join(branches, sql` or `)})`;
}

/**
 * Whether `principal` may see the row `id` of `table`: the rule asked about one row. Decides
 * who is notified of a change (each recipient's own principal).
 * @example if (await isVisibleTo(db, recipient, 'comments', commentId)) notify(recipient);
 */
export async function isVisibleTo(
  db: Kysely<Database>,
  principal: Principal,
  table: Exclude<ScopedTable, 'events' | 'customers'>,
  id: string,
): Promise<boolean> {
  const row = await db
    .selectFrom(`${table} as x` as 'tasks as x')
    .select(sql<number>`1`.as('one'))
    .where('x.id', '=', id)
    .where(visibleTo(principal, table, 'x'))
    .executeTakeFirst();
  return row !== undefined;
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
