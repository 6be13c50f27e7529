import type { Kysely } from 'kysely';
import type { CapabilityOverrides, PortalType } from '../auth/capabilities.js';
import type { Database } from '../db/database.js';
import { invalid } from '../errors.js';
import { checkAssignable, checkOverrides } from '../permission-sets/permission-set.repository.js';
import type { CreateCustomerInput } from './customer.schema.js';

/*
 * Who may do what on an account: its permission set and overrides (checked against its portal
 * type), and the staff around it (owner and team).
 */

export async function teamsOf(db: Kysely<Database>, customerIds: readonly string[]): Promise<Map<string, string[]>> {
  const teams = new Map<string, string[]>(customerIds.map((id) => [id, []]));
  if (customerIds.length === 0) return teams;
  const rows = await db.selectFrom('customer_team').select(['customer_id', 'user_id']).where('customer_id', 'in', customerIds).orderBy('customer_id').orderBy('user_id').execute();
  for (const row of rows) teams.get(row.customer_id)?.push(row.user_id);
  return teams;
}

export type AccessInput = Pick<CreateCustomerInput, 'portal_type' | 'permission_set_id' | 'capability_overrides' | 'owner_id' | 'team_ids' | 'ip_allowlist'>;

/**
 * Checks who-may-do-what fields as they will stand after the write (`next`): the set and the
 * overrides of the account's portal type, the owner and team staff of the tenant, and, when
 * the portal type changes, no contact left holding a set of the other type. A 400 naming the
 * field otherwise; nothing is written.
 */
export async function checkAccountAccess(
  trx: Kysely<Database>,
  tenantId: string,
  next: { portal_type: PortalType; permission_set_id: string | null; capability_overrides: CapabilityOverrides },
  patch: AccessInput,
  customerId: string | null,
): Promise<void> {
  if (next.permission_set_id !== null && (patch.permission_set_id !== undefined || patch.portal_type !== undefined)) {
    await checkAssignable(trx, tenantId, next.permission_set_id, next.portal_type, 'permission_set_id');
  }
  checkOverrides(next.capability_overrides, next.portal_type);
  if (customerId && patch.portal_type !== undefined) {
    const stranded = await trx
      .selectFrom('users as u')
      .innerJoin('permission_sets as s', 's.id', 'u.permission_set_id')
      .select('u.id')
      .where('u.customer_id', '=', customerId)
      .where('s.portal_type', '<>', next.portal_type)
      .executeTakeFirst();
    if (stranded) throw invalid('Some contacts hold a set of the other portal type', [{ path: 'portal_type', message: `contact ${stranded.id} holds a set of the other portal type; change it first` }]);
  }
  const staff = [...(patch.owner_id ? [{ id: patch.owner_id, path: 'owner_id' }] : []), ...(patch.team_ids ?? []).map((id, i) => ({ id, path: `team_ids.${i}` }))];
  if (staff.length > 0) {
    const found = new Set(
      (await trx.selectFrom('users').select('id').where('tenant_id', '=', tenantId).where('role', '=', 'staff').where('id', 'in', staff.map((s) => s.id)).execute()).map((u) => u.id),
    );
    const missing = staff.filter((s) => !found.has(s.id));
    if (missing.length > 0) throw invalid('The owner and the team must be staff users of this tenant', missing.map((s) => ({ path: s.path, message: `${s.id} is not a staff user of this tenant` })));
  }
}

export async function replaceTeam(trx: Kysely<Database>, tenantId: string, customerId: string, teamIds: readonly string[]): Promise<void> {
  await trx.deleteFrom('customer_team').where('customer_id', '=', customerId).execute();
  const unique = [...new Set(teamIds)];
  if (unique.length > 0) await trx.insertInto('customer_team').values(unique.map((userId) => ({ customer_id: customerId, user_id: userId, tenant_id: tenantId }))).execute();
}
