import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { findTask, recordTaskEvent } from '../tasks/task.repository.js';
import { systemPrincipal } from '../auth/principal.js';

/** A reminder goes out this many days before the due date. */
export const DUE_SOON_DAYS = 3;
/** Tasks overdue for longer than this when the scheduler first sees them get no overdue reminder (no flood on first start). */
const OVERDUE_LOOKBACK_DAYS = 7;
const BATCH = 100;

const day = (date: Date, offset: number) => new Date(date.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * One pass of the due-date scheduler: every open, assigned task due within three days (or
 * overdue) that has no reminder yet for its current due date gets one, recorded in
 * `task_reminders` and appended to the log (`task.due_soon`, `task.overdue`) in the same
 * transaction. The notification fan-out turns those events into notifications and email.
 * The primary key makes a second reminder impossible, across restarts and instances.
 * Dates are UTC calendar days. Answers whether more were waiting than one pass takes.
 * @example await scheduleDueReminders(db, new Date());
 */
export async function scheduleDueReminders(db: Kysely<Database>, now: Date = new Date()): Promise<boolean> {
  const today = day(now, 0);
  const stages = [
    { stage: 'overdue' as const, type: 'task.overdue' as const, from: day(now, -OVERDUE_LOOKBACK_DAYS), to: day(now, -1) },
    { stage: 'soon' as const, type: 'task.due_soon' as const, from: today, to: day(now, DUE_SOON_DAYS) },
  ];
  let more = false;
  for (const { stage, type, from, to } of stages) {
    const due = await db
      .selectFrom('tasks as t')
      .select(['t.id', 't.tenant_id', 't.customer_id'])
      .where('t.due_date', '>=', from)
      .where('t.due_date', '<=', to)
      .where('t.status', '<>', 'done')
      .where('t.deleted_at', 'is', null)
      .where(({ exists, selectFrom }) => exists(selectFrom('task_assignees as a').select('a.task_id').whereRef('a.task_id', '=', 't.id')))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('task_reminders as r')
              .select('r.task_id')
              .whereRef('r.task_id', '=', 't.id')
              .whereRef('r.due_date', '=', 't.due_date')
              .where('r.stage', '=', stage),
          ),
        ),
      )
      .orderBy('t.due_date')
      .limit(BATCH)
      .execute();
    more ||= due.length === BATCH;
    for (const row of due) {
      await db.transaction().execute(async (trx) => {
        // The scheduler acts as the tenant's system: no actor, every task visible.
        const system = systemPrincipal(row.tenant_id);
        const task = await findTask(trx, system, row.id);
        if (!task?.due_date) return;
        const claimed = await trx
          .insertInto('task_reminders')
          .values({ task_id: task.id, due_date: task.due_date, stage, created_at: now.toISOString() })
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        if (Number(claimed.numInsertedOrUpdatedRows ?? 0n) === 0) return;
        await recordTaskEvent(trx, system, type, task);
      });
    }
  }
  return more;
}

