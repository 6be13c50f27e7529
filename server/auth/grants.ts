import { sql, type Kysely } from 'kysely';
import { runById } from '../db/compiled-queries.js';
import type { Database, PortalAccess, Role } from '../db/database.js';
import { builtInCapabilities, effectiveCapabilities, readCapabilities, readOverrides, type Capability, type PortalType } from './capabilities.js';
import { compileAllowlist, type IpAllowlist } from './ip-allowlist.js';
import type { Principal, StaffRole, UserPrincipal } from './principal.js';
import { accessCutoff } from './token-cutoff.js';

/** A user as authentication and the one rule need it: who they are and what they may do. */
export interface UserAccess {
  tenantId: string;
  role: Role;
  customerId: string | null;
  portalAccess: PortalAccess;
  /** For contacts: whether their customer's portal is on. */
  portalEnabled: boolean;
  staffRole: StaffRole;
  /** Contacts: the effective capabilities (set, then the account's overrides, then the person's). */
  capabilities: ReadonlySet<Capability>;
  /** Contacts: the members-only projects they belong to. */
  memberOf: readonly string[];
  /** Contacts: their customer's allowlist, or null when any address may call. */
  ipAllowlist: IpAllowlist | null;
  /** When access last ended (ms), their own or their portal's: older tokens stay refused. */
  cutoff: number | null;
}

/**
 * Reads a user's access in two queries: the user with its customer, tenant defaults and the
 * permission set that applies (the person's, else the account's, else the tenant default of
 * the account's portal type), then its project memberships.
 * @example const access = await loadUserAccess(db, 'usr_…');
 */
export async function loadUserAccess(db: Kysely<Database>, userId: string): Promise<UserAccess | null> {
  // Compiled once (`runById`): every user's access is read again each second it is in use.
  const [row] = await runById(db, 'user access', userId, (db, userId) => db
    .selectFrom('users as u')
    .innerJoin('tenants as t', 't.id', 'u.tenant_id')
    .leftJoin('customers as c', 'c.id', 'u.customer_id')
    .leftJoin('permission_sets as s', (join) =>
      join.on(
        's.id',
        '=',
        sql<string>`coalesce(u.permission_set_id, c.permission_set_id, case when c.portal_type = 'partner' then t.default_partner_permission_set_id else t.default_permission_set_id end)`,
      ),
    )
    .select(['u.tenant_id', 'u.role', 'u.customer_id', 'u.portal_access', 'u.access_revoked_at', 'u.staff_role', 'u.capability_overrides as user_overrides'])
    .select(['c.portal_enabled', 'c.portal_disabled_at', 'c.portal_type', 'c.capability_overrides as customer_overrides', 'c.ip_allowlist'])
    .select(['s.capabilities as set_capabilities', 's.built_in as set_built_in', 's.portal_type as set_portal_type'])
    .where('u.id', '=', userId));
  if (!row) return null;
  const contact = row.role === 'contact';
  const base: readonly Capability[] = !contact || row.set_portal_type === null
    ? []
    : row.set_built_in
      ? builtInCapabilities(row.set_built_in, row.set_portal_type as PortalType)
      : readCapabilities(row.set_capabilities ?? '[]');
  const memberOf = contact
    ? (await runById(db, 'user memberships', userId, (db, userId) => db.selectFrom('project_members').select('project_id').where('user_id', '=', userId).orderBy('project_id'))).map((m) => m.project_id)
    : [];
  return {
    tenantId: row.tenant_id,
    role: row.role,
    customerId: row.customer_id,
    portalAccess: row.portal_access,
    portalEnabled: row.portal_enabled !== 0,
    staffRole: row.staff_role ?? 'member',
    capabilities: contact ? effectiveCapabilities(base, [readOverrides(row.customer_overrides ?? '{}'), readOverrides(row.user_overrides)]) : new Set(),
    memberOf,
    ipAllowlist: contact ? compileAllowlist(row.ip_allowlist ?? '[]') : null,
    cutoff: accessCutoff(row.access_revoked_at, contact ? row.portal_disabled_at : null),
  };
}

/**
 * The principal of a user from its access: what the one rule is asked with on that person's
 * behalf when they are not the caller (a notification's recipient, an email's reader).
 * @example const recipient = principalOf(userId, await loadUserAccess(db, userId));
 */
export function principalOf(userId: string, access: UserAccess): UserPrincipal {
  if (access.role === 'staff') return { kind: 'staff', tenantId: access.tenantId, userId, customerId: null, staffRole: access.staffRole };
  // A contact without a customer would see nothing by the rule; never let it fall through to staff.
  if (!access.customerId) throw new Error(`contact ${userId} has no customer`);
  return { kind: 'contact', tenantId: access.tenantId, userId, customerId: access.customerId, capabilities: access.capabilities, memberOf: access.memberOf };
}

/**
 * The principal a user acts as when signed in, read from the database now.
 * @example if (await isVisibleTo(trx, await loadUserPrincipal(trx, id), 'tasks', taskId)) notify(id);
 */
export async function loadUserPrincipal(db: Kysely<Database>, userId: string): Promise<UserPrincipal | null> {
  const access = await loadUserAccess(db, userId);
  return access ? principalOf(userId, access) : null;
}

/** The capabilities as one string, once per set: a cached access entry's set serves every request of its second. */
const capabilityKeys = new WeakMap<ReadonlySet<Capability>, string>();

/**
 * What makes two principals see the same events and the same answers: kind, tenant, customer,
 * capabilities and memberships. Live streams with the same key share one read of the log; the
 * read cache keeps a caller's answers under it, so none computed under rights since changed
 * is served.
 */
export function audienceKey(p: Principal): string {
  if (p.kind !== 'contact') return `s ${p.tenantId}`;
  const memberOf = p.memberOf === null ? '*' : p.memberOf.join(',');
  let capabilities = capabilityKeys.get(p.capabilities);
  if (capabilities === undefined) {
    capabilities = [...p.capabilities].sort().join(',');
    capabilityKeys.set(p.capabilities, capabilities);
  }
  return `c ${p.tenantId} ${p.customerId} ${capabilities} ${memberOf}`;
}
