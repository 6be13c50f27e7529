import { sql, type AliasedRawBuilder, type RawBuilder } from 'kysely';

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
