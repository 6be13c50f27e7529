import type { Kysely } from 'kysely';
import type { Principal } from '../../auth/principal.js';
import { workableDeal } from '../../auth/visibility.js';
import type { Database } from '../../db/database.js';
import { invalid, notFound } from '../../errors.js';

/** A deal that work (a task, a file, its thread) is scoped to. */
export interface DealScope {
  id: string;
  customer_id: string;
  name: string;
  owner_id: string | null;
}

/**
 * The deal `dealId` if `principal` may put work on it (the team: any deal of its tenant; a
 * contact: a shared deal of its customer that it may work on, by the one rule), else a 404.
 * When the work also names a customer, it must be the deal's (400 on `customer_id`).
 * @example const deal = await scopeToDeal(trx, principal, input.deal_id, input.customer_id);
 */
export async function scopeToDeal(db: Kysely<Database>, principal: Principal, dealId: string, customerId?: string | null): Promise<DealScope> {
  const deal = await db
    .selectFrom('deals as d')
    .select(['d.id', 'd.customer_id', 'd.name', 'd.owner_id'])
    .where('d.id', '=', dealId)
    .where(workableDeal(principal, 'd'))
    .executeTakeFirst();
  if (!deal) throw notFound('Deal');
  if (customerId && customerId !== deal.customer_id) throw invalid('The deal belongs to another customer', [{ path: 'deal_id', message: 'not a deal of customer_id' }]);
  return deal;
}
