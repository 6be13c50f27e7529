import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { expireOne } from './registration.repository.js';

const BATCH = 100;

/**
 * One pass of the protection worker: every approved registration whose protection has ended
 * before an outcome becomes `expired`, each in its own transaction with its event
 * (`deal_registration.expired`). The conditional update in `expireOne` makes it exactly once,
 * across restarts and instances running the same pass. Answers whether more were waiting.
 * @example await expireProtections(db, new Date());
 */
export async function expireProtections(db: Kysely<Database>, now: Date = new Date()): Promise<boolean> {
  const at = now.toISOString();
  const due = await db
    .selectFrom('deal_registrations')
    .select(['id', 'tenant_id'])
    .where('status', '=', 'approved')
    .where('protection_ends_at', '<=', at)
    .orderBy('protection_ends_at')
    .limit(BATCH)
    .execute();
  for (const row of due) await db.transaction().execute((trx) => expireOne(trx, row.tenant_id, row.id, at));
  return due.length === BATCH;
}
