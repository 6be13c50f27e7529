import { sql, type AliasedRawBuilder, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/database.js';

/** What a task count can be broken down by; `open` is "not done", `overdue` is "due before today and not done". */
export type TaskCountName = 'todo' | 'in_progress' | 'blocked' | 'done' | 'open' | 'overdue' | 'total';

/** Today's date in UTC, `YYYY-MM-DD`: what "overdue" is measured against. */
export const todayUtc = (now: Date = new Date()): string => now.toISOString().slice(0, 10);

function condition(name: TaskCountName, alias: string, today: string): RawBuilder<unknown> {
  const status = sql.ref(`${alias}.status`);
  switch (name) {
    case 'open':
      return sql`${status} <> 'done'`;
    case 'overdue':
      return sql`${status} <> 'done' and ${sql.ref(`${alias}.due_date`)} < ${today}`;
    case 'total':
      return sql`${sql.ref(`${alias}.id`)} is not null`;
    default:
      return sql`${status} = ${sql.lit(name)}`;
  }
}

/**
 * Aggregate columns counting the rows of the tasks aliased `alias` (a left join's missing
 * rows count nowhere). The caller decides which tasks are counted, through the visibility rule.
 * @example db.selectFrom('tasks as t').select(taskCounts('t', ['todo', 'overdue'])).where(visibleTo(principal, 'tasks', 't'))
 */
export function taskCounts<N extends TaskCountName>(alias: string, names: readonly N[], today: string = todayUtc()): AliasedRawBuilder<number, N>[] {
  return names.map((name) => sql<number>`coalesce(sum(case when ${condition(name, alias, today)} then 1 else 0 end), 0)`.as(name));
}

/** The counts of a row read with `taskCounts`, as numbers (PostgreSQL answers sums as strings). */
export function readCounts<N extends TaskCountName>(row: Record<N, unknown> | undefined, names: readonly N[]): Record<N, number> {
  return Object.fromEntries(names.map((name) => [name, Number(row?.[name] ?? 0)])) as Record<N, number>;
}

/**
 * The counts by status (and overdue) of every task of a tenant that is not deleted, read from
 * the counts the writes keep (`task_counts`): a sum over one row per status and due date, not
 * over the tasks. Only for a principal the rule lets see all of them (`seesEveryTask`).
 * @example if (seesEveryTask(principal)) await tenantTaskCounts(db, principal.tenantId);
 */
export async function tenantTaskCounts(db: Kysely<Database>, tenantId: string, today: string = todayUtc()) {
  const sum = (when: RawBuilder<unknown>) => sql<number>`coalesce(sum(case when ${when} then n else 0 end), 0)`;
  return db
    .selectFrom('task_counts')
    .select([
      ...(['todo', 'in_progress', 'blocked', 'done'] as const).map((status) => sum(sql`status = ${sql.lit(status)}`).as(status)),
      sum(sql`status <> 'done' and due_date <> '' and due_date < ${today}`).as('overdue'),
    ])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
}

/**
 * PostgreSQL keeps `task_counts` as deltas appended by the writes (no row to wait on): this
 * folds the keys with several rows into one row each, in one statement, so the sums stay short. Concurrent runs
 * fold disjoint rows; writes meanwhile append rows this statement does not see.
 */
export async function compactTaskCounts(db: Kysely<Database>): Promise<void> {
  await sql`with keys as (select tenant_id, status, due_date from task_counts group by tenant_id, status, due_date having count(*) > 1),
    folded as (delete from task_counts as c using keys as k where c.tenant_id = k.tenant_id and c.status = k.status and c.due_date = k.due_date returning c.tenant_id, c.status, c.due_date, c.n)
    insert into task_counts (tenant_id, status, due_date, n)
    select tenant_id, status, due_date, sum(n) from folded group by tenant_id, status, due_date having sum(n) <> 0`.execute(db);
}
