import type { Kysely } from 'kysely';
import type { Principal } from '../../auth/principal.js';
import type { Database } from '../../db/database.js';
import { ApiError, invalid } from '../../errors.js';
import { accountOf } from '../accounts.js';

/** The partner a registration or referral is for: a contact's own account, or the one staff name (a partner). */
export async function partnerFor(db: Kysely<Database>, principal: Principal, customerId: string | undefined): Promise<string> {
  if (principal.kind === 'contact') {
    // As for tasks: another customer's id is refused, never written (403, as a field a contact may not set).
    if (customerId && customerId !== principal.customerId) throw new ApiError(403, 'forbidden_field', 'A partner registers for itself: omit customer_id', { fields: ['customer_id'] });
    return principal.customerId;
  }
  if (!customerId) throw invalid('Say which partner this is for', [{ path: 'customer_id', message: 'required for staff and API keys' }]);
  return (await accountOf(db, principal, customerId, 'partner')).id;
}
