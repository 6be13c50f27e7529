import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Principal } from '../auth/principal.js';
import { seesEveryTask, visibleTo } from '../auth/visibility.js';
import { getCustomer } from '../customers/customer.repository.js';
import type { Database } from '../db/database.js';
import { resolveAssignee } from '../tasks/task.repository.js';
import { readCounts, taskCounts, tenantTaskCounts, todayUtc } from './task-counts.js';
import type { StatsFilters, StatsView } from './stats.schema.js';

const STATUS_COUNTS = ['todo', 'in_progress', 'blocked', 'done', 'overdue'] as const;
const PROJECT_COUNTS = ['done', 'total'] as const;
/** The dashboard lists at most this many projects. */
const MAX_PROJECTS = 200;

/** The tasks a statistic counts: those the rule lets the caller see, narrowed by the filters. */
function countedTasks(principal: Principal, alias: string, customerId: string | null, assigneeId: string | null): RawBuilder<SqlBool> {
  const conditions: RawBuilder<unknown>[] = [visibleTo(principal, 'tasks', alias)];
  if (customerId) conditions.push(sql`${sql.ref(`${alias}.customer_id`)} = ${customerId}`);
  if (assigneeId) {
    const a = `${alias}_assignee`;
    conditions.push(
      sql`exists (select 1 from task_assignees as ${sql.table(a)} where ${sql.ref(`${a}.task_id`)} = ${sql.ref(`${alias}.id`)} and ${sql.ref(`${a}.user_id`)} = ${assigneeId})`,
    );
  }
  return sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
}

/**
 * Task counts by status and the active projects' progress, counted in SQL through the
 * visibility rule: a number never includes what the caller could not list.
 * @example await getStats(db, principal, { assignee_id: 'me' });
 */
export async function getStats(db: Kysely<Database>, principal: Principal, filters: StatsFilters): Promise<StatsView> {
  const customerId = filters.customer_id ? (await getCustomer(db, principal, filters.customer_id)).id : null;
  const assigneeId = filters.assignee_id ? resolveAssignee(principal, filters.assignee_id) : null;
  const today = todayUtc();
  const counted = (alias: string) => countedTasks(principal, alias, customerId, assigneeId);

  // The team's counts of a whole tenant are kept by the writes; any narrower count is asked of the rows.
  const totals =
    !customerId && !assigneeId && seesEveryTask(principal)
      ? await tenantTaskCounts(db, principal.tenantId, today)
      : await db.selectFrom('tasks as t').select(taskCounts('t', STATUS_COUNTS, today)).where(counted('t')).executeTakeFirst();

  // The projects listed are chosen first, then only their tasks are counted.
  let listed = db
    .selectFrom('projects as p')
    .select(['p.id', 'p.name', 'p.created_at'])
    .where(visibleTo(principal, 'projects', 'p'))
    .where('p.status', '=', 'active');
  if (customerId) listed = listed.where('p.customer_id', '=', customerId);
  const projects = db
    .selectFrom(listed.orderBy('p.created_at').orderBy('p.id').limit(MAX_PROJECTS).as('p'))
    .leftJoin('tasks as t', (join) => join.onRef('t.project_id', '=', 'p.id').on(counted('t')))
    .select([
      'p.id',
      'p.name',
      ...taskCounts('t', PROJECT_COUNTS, today),
      (eb) =>
        eb
          .selectFrom('tasks as n')
          .select('n.id')
          .whereRef('n.project_id', '=', 'p.id')
          .where(counted('n'))
          .where('n.status', '<>', 'done')
          .where('n.due_date', 'is not', null)
          .orderBy('n.due_date')
          .orderBy('n.created_at')
          .orderBy('n.id')
          .limit(1)
          .as('next_due_task_id'),
    ]);
  const rows = await projects.groupBy(['p.id', 'p.name', 'p.created_at']).orderBy('p.created_at').orderBy('p.id').execute();

  return {
    tasks: readCounts(totals, STATUS_COUNTS),
    projects: rows.map((row) => ({ id: row.id, name: row.name, ...readCounts(row, PROJECT_COUNTS), next_due_task_id: row.next_due_task_id ?? null })),
  };
}
