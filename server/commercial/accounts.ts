import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import { visibleTo } from '../auth/visibility.js';
import type { Database } from '../db/database.js';
import { ApiError, invalid, notFound } from '../errors.js';

/**
 * The customer a commercial item is for, as the caller may see it (a 404 otherwise), with its
 * portal type: partner items belong to partners only.
 * @example const account = await accountOf(trx, principal, input.customer_id, 'partner');
 */
export async function accountOf(db: Kysely<Database>, principal: Principal, customerId: string, portalType?: 'customer' | 'partner'): Promise<{ id: string; name: string; portal_type: 'customer' | 'partner' }> {
  const row = await db
    .selectFrom('customers as c')
    .select(['c.id', 'c.name', 'c.portal_type'])
    .where('c.id', '=', customerId)
    .where(visibleTo(principal, 'customers', 'c'))
    .executeTakeFirst();
  if (!row) throw notFound('Customer');
  if (portalType === 'partner' && row.portal_type !== 'partner') {
    throw invalid('This customer is not a partner', [{ path: 'customer_id', message: 'a customer with portal_type "partner"' }]);
  }
  return row;
}

/** A staff user of the tenant (a deal's owner), or a 400 naming `field`. */
export async function checkStaff(db: Kysely<Database>, tenantId: string, userId: string, field: string): Promise<void> {
  const row = await db.selectFrom('users').select('id').where('id', '=', userId).where('tenant_id', '=', tenantId).where('role', '=', 'staff').executeTakeFirst();
  if (!row) throw invalid('Not a staff user of this tenant', [{ path: field, message: 'a staff user id' }]);
}

/** The 409 of a write that names an `external_id` another customer's item holds. */
export const externalIdTaken = () => new ApiError(409, 'external_id_taken', 'This external_id belongs to an item of another customer');

/** A prospect's domain, lower case: given, else the email's. */
export function domainOf(prospect: { email: string; domain?: string | undefined }): string {
  const given = prospect.domain?.trim().toLowerCase().replace(/^www\./, '');
  return given || prospect.email.split('@')[1]!.trim().toLowerCase();
}
