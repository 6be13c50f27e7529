import type { Kysely } from 'kysely';
import { BUILT_IN_NAMES, builtInCapabilities, capabilitiesOf, readCapabilities, type BuiltIn, type Capability, type PortalType } from '../auth/capabilities.js';
import type { Principal } from '../auth/principal.js';
import type { Database, PermissionSet } from '../db/database.js';
import { isPostgres } from '../db/dialect.js';
import { ApiError, invalid, notFound } from '../errors.js';
import { recordInternalChange } from '../events/record-event.js';
import { newId } from '../lib/ids.js';
import { paginate, type Page, type PageRequest } from '../lib/pagination.js';
import type { CreatePermissionSetInput, PermissionSetFilters, PermissionSetView, UpdatePermissionSetInput } from './permission-set.schema.js';

export function toPermissionSetView(row: PermissionSet): PermissionSetView {
  return {
    id: row.id,
    name: row.name,
    portal_type: row.portal_type,
    capabilities: [...(row.built_in ? builtInCapabilities(row.built_in, row.portal_type) : readCapabilities(row.capabilities))],
    built_in: row.built_in !== null,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/**
 * Gives a new tenant its four built-in sets (Full and Limited access for each portal type),
 * the Full access ones as its defaults, so its contacts may do everything at first.
 * @example await insertBuiltInSets(trx, tenant.id);
 */
export async function insertBuiltInSets(trx: Kysely<Database>, tenantId: string): Promise<void> {
  const now = new Date().toISOString();
  const full: Partial<Record<PortalType, string>> = {};
  for (const portalType of ['customer', 'partner'] as const) {
    for (const builtIn of ['full', 'limited'] as const satisfies BuiltIn[]) {
      const id = newId('pms');
      if (builtIn === 'full') full[portalType] = id;
      await trx
        .insertInto('permission_sets')
        .values({ id, tenant_id: tenantId, name: BUILT_IN_NAMES[builtIn], portal_type: portalType, capabilities: '[]', built_in: builtIn, created_at: now, updated_at: now })
        .execute();
    }
  }
  await trx.updateTable('tenants').set({ default_permission_set_id: full.customer!, default_partner_permission_set_id: full.partner! }).where('id', '=', tenantId).execute();
}

/** Refuses capabilities a set of `portalType` cannot hold (the partner ones in a customer set), naming each. */
/**
 * Holds the tenant's row until the transaction ends (PostgreSQL; SQLite runs one writer at a
 * time): giving a set and deleting one queue on it, so no one is left holding a deleted set.
 */
async function lockSets(trx: Kysely<Database>, tenantId: string): Promise<void> {
  if (isPostgres(trx)) await trx.selectFrom('tenants').select('id').where('id', '=', tenantId).forUpdate().execute();
}

function checkPortalType(capabilities: readonly Capability[], portalType: PortalType): Capability[] {
  const allowed = new Set(capabilitiesOf(portalType));
  const wrong = capabilities.map((c, i) => [c, i] as const).filter(([c]) => !allowed.has(c));
  if (wrong.length > 0) {
    throw invalid(
      `A ${portalType} set cannot hold ${wrong.map(([c]) => c).join(', ')}`,
      wrong.map(([c, i]) => ({ path: `capabilities.${i}`, message: `${c} is not a capability of ${portalType} portals` })),
    );
  }
  return [...new Set(capabilities)];
}

/**
 * Overrides of an account or a person name capabilities of its portal type only: a 400 naming
 * each other one (`capability_overrides.<name>`).
 */
export function checkOverrides(overrides: Record<string, boolean>, portalType: PortalType): void {
  const allowed = new Set<string>(capabilitiesOf(portalType));
  const foreign = Object.keys(overrides).filter((c) => !allowed.has(c));
  if (foreign.length > 0) {
    throw invalid(`A ${portalType} portal has no ${foreign.join(', ')}`, foreign.map((c) => ({ path: `capability_overrides.${c}`, message: `not a capability of ${portalType} portals` })));
  }
}

async function findRow(db: Kysely<Database>, tenantId: string, id: string): Promise<PermissionSet | undefined> {
  return db.selectFrom('permission_sets').selectAll().where('id', '=', id).where('tenant_id', '=', tenantId).executeTakeFirst();
}

/** The tenant's sets, oldest first (the built-in ones lead). */
export async function listPermissionSets(db: Kysely<Database>, principal: Principal, filters: Omit<PermissionSetFilters, 'limit' | 'cursor'> & PageRequest): Promise<Page<PermissionSetView>> {
  let query = db.selectFrom('permission_sets as s').selectAll('s').where('s.tenant_id', '=', principal.tenantId);
  if (filters.portal_type) query = query.where('s.portal_type', '=', filters.portal_type);
  const [paged, toPage] = paginate(query, 's', filters);
  return toPage(await paged.execute(), toPermissionSetView);
}

export async function getPermissionSet(db: Kysely<Database>, principal: Principal, id: string): Promise<PermissionSetView> {
  const row = await findRow(db, principal.tenantId, id);
  if (!row) throw notFound('Permission set');
  return toPermissionSetView(row);
}

/**
 * A set named by an account or a person: one of the tenant's, of the portal type it applies to;
 * a 400 naming `path` otherwise (nothing is written).
 * @example await checkAssignable(trx, tenantId, body.permission_set_id, 'customer', 'permission_set_id');
 */
export async function checkAssignable(db: Kysely<Database>, tenantId: string, id: string, portalType: PortalType, path: string): Promise<void> {
  // Serialized with deletions on the tenant's row, so a set cannot be deleted while being given.
  await lockSets(db, tenantId);
  const row = await findRow(db, tenantId, id);
  if (!row) throw invalid('No such permission set in this tenant', [{ path, message: 'not a permission set of this tenant' }]);
  if (row.portal_type !== portalType) {
    throw invalid(`This is a ${row.portal_type} set; a ${portalType} portal needs a ${portalType} set`, [{ path, message: `a ${row.portal_type} set, not a ${portalType} one` }]);
  }
}

export async function createPermissionSet(trx: Kysely<Database>, principal: Principal, input: CreatePermissionSetInput): Promise<PermissionSetView> {
  const capabilities = checkPortalType(input.capabilities, input.portal_type);
  const now = new Date().toISOString();
  const row: PermissionSet = {
    id: newId('pms'),
    tenant_id: principal.tenantId,
    name: input.name,
    portal_type: input.portal_type,
    capabilities: JSON.stringify(capabilities),
    built_in: null,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('permission_sets').values(row).execute();
  const set = toPermissionSetView(row);
  await recordInternalChange(trx, principal, 'permission_set.created', set.id, null, { permission_set: set });
  return set;
}

const builtInRefused = () => new ApiError(409, 'built_in_set', 'The built-in sets follow the product and cannot be changed or deleted; create a set of your own');

/** Changes a set of the tenant's own; its holders' capabilities change with their next request. */
export async function updatePermissionSet(trx: Kysely<Database>, principal: Principal, id: string, patch: UpdatePermissionSetInput): Promise<PermissionSetView> {
  const row = await findRow(trx, principal.tenantId, id);
  if (!row) throw notFound('Permission set');
  if (row.built_in) throw builtInRefused();
  const before = toPermissionSetView(row);
  const next: PermissionSet = { ...row, updated_at: new Date().toISOString() };
  if (patch.name !== undefined) next.name = patch.name;
  if (patch.capabilities !== undefined) next.capabilities = JSON.stringify(checkPortalType(patch.capabilities, row.portal_type));
  await trx.updateTable('permission_sets').set({ name: next.name, capabilities: next.capabilities, updated_at: next.updated_at }).where('id', '=', id).execute();
  const set = toPermissionSetView(next);
  const changes = (['name', 'capabilities'] as const).filter((f) => JSON.stringify(before[f]) !== JSON.stringify(set[f]));
  await recordInternalChange(trx, principal, 'permission_set.updated', id, null, { permission_set: set, changes, previous: Object.fromEntries(changes.map((f) => [f, before[f]])) });
  return set;
}

/** Who holds a set: the tenant defaults, accounts and people naming it. */
async function holdersOf(db: Kysely<Database>, tenantId: string, id: string): Promise<{ tenant_default: boolean; customers: number; users: number }> {
  const tenant = await db.selectFrom('tenants').select(['default_permission_set_id', 'default_partner_permission_set_id']).where('id', '=', tenantId).executeTakeFirstOrThrow();
  const count = async (table: 'customers' | 'users') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('tenant_id', '=', tenantId).where('permission_set_id', '=', id).executeTakeFirstOrThrow()).n);
  return { tenant_default: tenant.default_permission_set_id === id || tenant.default_partner_permission_set_id === id, customers: await count('customers'), users: await count('users') };
}

/** Deletes a set nobody holds; a built-in set, or one a default, an account or a person names, answers 409. */
export async function deletePermissionSet(trx: Kysely<Database>, principal: Principal, id: string): Promise<void> {
  const row = await findRow(trx, principal.tenantId, id);
  if (!row) throw notFound('Permission set');
  if (row.built_in) throw builtInRefused();
  await lockSets(trx, principal.tenantId);
  const holders = await holdersOf(trx, principal.tenantId, id);
  if (holders.tenant_default || holders.customers > 0 || holders.users > 0) {
    throw new ApiError(409, 'permission_set_in_use', 'This set is in use; give its holders another set first', holders);
  }
  await trx.deleteFrom('permission_sets').where('id', '=', id).execute();
  await recordInternalChange(trx, principal, 'permission_set.deleted', id, null, { permission_set: { id } });
}
