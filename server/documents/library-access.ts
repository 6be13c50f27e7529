import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import type { Database } from '../db/database.js';
import { ApiError } from '../errors.js';

/**
 * A partner's contact opens the library with `partner.library` (besides `documents.view`,
 * which the policy checks): without it the list answers 403 `capability_required`, as for
 * any kind of item a contact may not view. The rows themselves are decided by `visibleTo`.
 */
export async function assertLibraryOpen(db: Kysely<Database>, principal: Principal): Promise<void> {
  if (principal.kind !== 'contact' || principal.capabilities.has('partner.library')) return;
  const customer = await db.selectFrom('customers').select('portal_type').where('id', '=', principal.customerId).executeTakeFirst();
  if (customer?.portal_type === 'partner') {
    throw new ApiError(403, 'capability_required', 'You need the partner.library capability for this', { capability: 'partner.library' });
  }
}
