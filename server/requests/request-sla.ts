import type { Kysely } from 'kysely';
import { systemPrincipal } from '../auth/principal.js';
import type { Database } from '../db/database.js';
import { OPEN_STATUSES, recordRequestEvent } from './request.repository.js';

const BATCH = 100;

/**
 * One pass of the SLA watch: every request past its `due_at` that is neither resolved nor
 * canceled is marked breached and announced (`request.sla_breached`; the notification fan-out
 * tells the account owner and the admins, by email too). The claim is a conditional update
 * (`sla_breached` from 0 to 1) in the transaction that appends the event: of two instances, or
 * of a pass before and after a restart, exactly one changes the row and announces it. Answers
 * whether more were waiting than one pass takes.
 * @example await breachOverdueRequests(db, new Date());
 */
export async function breachOverdueRequests(db: Kysely<Database>, now: Date = new Date()): Promise<boolean> {
  const at = now.toISOString();
  const due = await db
    .selectFrom('requests')
    .select(['id', 'tenant_id'])
    .where('sla_breached', '=', 0)
    .where('status', 'in', [...OPEN_STATUSES])
    .where('due_at', '<=', at)
    .orderBy('due_at')
    .limit(BATCH)
    .execute();
  for (const row of due) {
    await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('requests')
        .set({ sla_breached: 1, breached_at: at })
        .where('id', '=', row.id)
        .where('sla_breached', '=', 0)
        .where('status', 'in', [...OPEN_STATUSES])
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) return;
      await recordRequestEvent(trx, systemPrincipal(row.tenant_id), 'request.sla_breached', row.id);
    });
  }
  return due.length === BATCH;
}
