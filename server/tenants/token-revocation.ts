import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { appendEvent } from '../events/event-log.js';

/**
 * The emergency brake: every embed token of the tenant issued before now stops working, and
 * the event it appends wakes every instance's live streams, which then close with
 * `access.revoked`. Tokens carry whole seconds, so one issued in this same second is refused
 * too; the vendor's backend simply asks for another a second later. Key rotation is the
 * routine operation and keeps issued tokens working.
 * @example const cutoff = await revokeTenantTokens(db, 'ten_…');
 */
export async function revokeTenantTokens(db: Kysely<Database>, tenantId: string, now: Date = new Date()): Promise<string> {
  const cutoff = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const updated = await trx.updateTable('tenants').set({ tokens_revoked_before: cutoff, updated_at: cutoff }).where('id', '=', tenantId).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new Error(`no tenant ${tenantId}`);
    await appendEvent(trx, {
      tenantId,
      customerId: null,
      visibility: 'internal',
      type: 'tenant.tokens_revoked',
      subjectId: tenantId,
      actorId: null,
      data: { revoked_before: cutoff },
    });
    return cutoff;
  });
}
