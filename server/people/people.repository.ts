import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import type { Database } from '../db/database.js';

/** A person the caller may assign or mention. Emails only reach API keys and staff. */
export interface Person {
  id: string;
  name: string;
  role: 'staff' | 'contact';
  customer_id: string | null;
  email?: string | null;
}

/**
 * The people of one customer's work: its contacts with active portal access and the
 * tenant's active staff. The only set tasks may be assigned to and comments may mention.
 */
function peopleOf(db: Kysely<Database>, tenantId: string, customerId: string | null) {
  return db
    .selectFrom('users as u')
    .select(['u.id', 'u.name', 'u.role', 'u.customer_id', 'u.email'])
    .where('u.tenant_id', '=', tenantId)
    .where('u.portal_access', '=', 'active')
    .where((eb) =>
      customerId === null
        ? eb('u.role', '=', 'staff')
        : eb.or([eb('u.role', '=', 'staff'), eb.and([eb('u.role', '=', 'contact'), eb('u.customer_id', '=', customerId)])]),
    );
}

/**
 * Who `principal` may assign or mention on `customerId`'s work (a contact: always its own customer).
 * @example const people = await listPeople(db, principal, 'cus_…');
 */
export async function listPeople(db: Kysely<Database>, principal: Principal, customerId: string | null): Promise<Person[]> {
  const scope = principal.kind === 'contact' ? principal.customerId : customerId;
  const rows = await peopleOf(db, principal.tenantId, scope).orderBy('u.name').orderBy('u.id').limit(1000).execute();
  const withEmail = principal.kind !== 'contact';
  return rows.map((r) => ({ id: r.id, name: r.name, role: r.role, customer_id: r.customer_id, ...(withEmail ? { email: r.email } : {}) }));
}

/** Of `ids`, those that are people of `customerId`'s work. */
export async function findPeople(db: Kysely<Database>, tenantId: string, customerId: string, ids: readonly string[]): Promise<Person[]> {
  if (ids.length === 0) return [];
  return peopleOf(db, tenantId, customerId).where('u.id', 'in', [...ids]).execute();
}
