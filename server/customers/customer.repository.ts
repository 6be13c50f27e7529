import type { Kysely } from 'kysely';
import { createGeneralThread } from '../threads/general-thread.js';
import { nextCutoff } from '../auth/token-cutoff.js';
import { readOverrides } from '../auth/capabilities.js';
import { actorId, type Principal } from '../auth/principal.js';
import { visibleTo } from '../auth/visibility.js';
import type { Customer, Database } from '../db/database.js';
import { onUniqueViolation } from '../db/errors.js';
import { ApiError, invalid, notFound } from '../errors.js';
import { recordInternalChange } from '../events/record-event.js';
import { changedFields } from '../lib/changes.js';
import { newId } from '../lib/ids.js';
import { paginate, type Page, type PageRequest } from '../lib/pagination.js';
import { keywords } from '../lib/search.js';
import { checkAccountAccess, replaceTeam, teamsOf, type AccessInput } from './customer-access.js';
import { summarizeCustomers } from './customer-summary.js';

/** `me` as the caller's own user id in a filter (an API key has no "me"). */
export function resolveMe(principal: Principal, value: string, path: string): string {
  if (value !== 'me') return value;
  const me = actorId(principal);
  if (me === null) throw invalid('An API key has no "me"', [{ path, message: '"me" needs an embed token' }]);
  return me;
}
import type { CreateCustomerInput, CustomerFilters, CustomerListItem, CustomerView, UpdateCustomerInput } from './customer.schema.js';

export type { CustomerView };

export const toCustomerView = (row: Customer, teamIds: string[] = []): CustomerView => ({
  id: row.id,
  external_id: row.external_id,
  name: row.name,
  portal_enabled: row.portal_enabled !== 0,
  portal_type: row.portal_type,
  permission_set_id: row.permission_set_id,
  capability_overrides: readOverrides(row.capability_overrides),
  owner_id: row.owner_id,
  team_ids: teamIds,
  ip_allowlist: JSON.parse(row.ip_allowlist) as string[],
  created_at: row.created_at,
  updated_at: row.updated_at,
});

/** The fields that decide what the account's contacts may do: a change forgets every cached access. */
export const ACCESS_FIELDS = ['portal_enabled', 'portal_type', 'permission_set_id', 'capability_overrides', 'ip_allowlist'] as const;

/**
 * Inserts a customer and records `customer.created`.
 * @example await insertCustomer(trx, principal, { name: 'Acme Ltd', external_id: 'acme-42' });
 */
export async function insertCustomer(
  trx: Kysely<Database>,
  principal: Principal,
  input: { name: string; external_id?: string | null | undefined; portal_enabled?: boolean | undefined } & AccessInput,
): Promise<Customer> {
  const now = new Date().toISOString();
  const row: Customer = {
    id: newId('cus'),
    tenant_id: principal.tenantId,
    external_id: input.external_id ?? null,
    name: input.name,
    portal_enabled: input.portal_enabled === false ? 0 : 1,
    portal_disabled_at: null,
    portal_type: input.portal_type ?? 'customer',
    permission_set_id: input.permission_set_id ?? null,
    capability_overrides: JSON.stringify(input.capability_overrides ?? {}),
    owner_id: input.owner_id ?? null,
    ip_allowlist: JSON.stringify([...new Set(input.ip_allowlist ?? [])]),
    created_at: now,
    updated_at: now,
  };
  await checkAccountAccess(trx, principal.tenantId, { portal_type: row.portal_type, permission_set_id: row.permission_set_id, capability_overrides: input.capability_overrides ?? {} }, input, null);
  await trx.insertInto('customers').values(row).execute();
  if (input.team_ids) await replaceTeam(trx, principal.tenantId, row.id, input.team_ids);
  await recordInternalChange(trx, principal, 'customer.created', row.id, row.id, { customer: toCustomerView(row, [...new Set(input.team_ids ?? [])].sort()) });
  await createGeneralThread(trx, principal, row.id);
  return row;
}

/**
 * The customer with this external id, created (or renamed) as the vendor's backend says.
 * Used by embed-token issuance, where the vendor's own ids are the keys.
 */
export async function upsertCustomerByExternalId(
  trx: Kysely<Database>,
  principal: Principal,
  input: { external_id: string; name?: string | undefined },
): Promise<Customer> {
  const existing = await trx
    .selectFrom('customers')
    .selectAll()
    .where('tenant_id', '=', principal.tenantId)
    .where('external_id', '=', input.external_id)
    .executeTakeFirst();
  if (!existing) return insertCustomer(trx, principal, { name: input.name ?? input.external_id, external_id: input.external_id });
  if (input.name && input.name !== existing.name) {
    const updated_at = new Date().toISOString();
    await trx.updateTable('customers').set({ name: input.name, updated_at }).where('id', '=', existing.id).execute();
    const renamed = { ...existing, name: input.name, updated_at };
    await recordInternalChange(trx, principal, 'customer.updated', existing.id, existing.id, { customer: toCustomerView(renamed), changes: ['name'], previous: { name: existing.name } });
    return renamed;
  }
  return existing;
}

const externalIdTaken = (externalId: string) =>
  new ApiError(409, 'external_id_taken', `Another customer already has the external id "${externalId}"`);

/**
 * The customer with `id` if `principal` may see it (a contact: only its own), else a 404.
 * @example const customer = await getCustomer(db, principal, 'cus_…');
 */
export async function getCustomer(db: Kysely<Database>, principal: Principal, id: string): Promise<CustomerView> {
  const row = await db.selectFrom('customers as c').selectAll('c').where('c.id', '=', id).where(visibleTo(principal, 'customers', 'c')).executeTakeFirst();
  if (!row) throw notFound('Customer');
  return toCustomerView(row, (await teamsOf(db, [id])).get(id));
}

/**
 * The customers `principal` may see, oldest first, each with its portal summary.
 * @example await listCustomers(db, principal, { q: 'acme', limit: 50 });
 */
export async function listCustomers(
  db: Kysely<Database>,
  principal: Principal,
  filters: Omit<CustomerFilters, 'limit' | 'cursor'> & PageRequest,
): Promise<Page<CustomerListItem>> {
  let query = db.selectFrom('customers as c').selectAll('c').where(visibleTo(principal, 'customers', 'c'));
  if (filters.owner_id) query = query.where('c.owner_id', '=', resolveMe(principal, filters.owner_id, 'owner_id'));
  if (filters.portal_enabled !== undefined) query = query.where('c.portal_enabled', '=', filters.portal_enabled ? 1 : 0);
  if (filters.external_id !== undefined) query = query.where('c.external_id', '=', filters.external_id);
  const search = filters.q ? keywords(filters.q, ['c.name', 'c.external_id']) : null;
  if (search) query = query.where(search);

  const [paged, toPage] = paginate(query, 'c', filters);
  const rows = await paged.execute();
  const ids = rows.slice(0, filters.limit).map((r) => r.id);
  const [summaries, teams] = await Promise.all([summarizeCustomers(db, principal.tenantId, ids), teamsOf(db, ids)]);
  return toPage(rows, (row) => ({ ...toCustomerView(row, teams.get(row.id)), summary: summaries.get(row.id)! }));
}

/** Creates a customer (API keys and staff); an external id already in use answers 409. */
export async function createCustomer(trx: Kysely<Database>, principal: Principal, input: CreateCustomerInput): Promise<CustomerView> {
  const row = await onUniqueViolation(() => insertCustomer(trx, principal, input), externalIdTaken(input.external_id ?? ''));
  return getCustomer(trx, principal, row.id);
}

/**
 * Applies `patch` and records `customer.updated`. Returns the fields that changed, so the
 * caller can forget cached access when `portal_enabled` did.
 */
export async function updateCustomer(
  trx: Kysely<Database>,
  principal: Principal,
  id: string,
  patch: UpdateCustomerInput,
): Promise<{ customer: CustomerView; changes: string[] }> {
  const before = await getCustomer(trx, principal, id);
  const scalar = changedFields(before, patch, ['name', 'external_id', 'portal_enabled', 'portal_type', 'permission_set_id', 'owner_id']);
  const changes: string[] = scalar.changes;
  const previous: Record<string, unknown> = scalar.previous;
  for (const field of ['capability_overrides', 'team_ids', 'ip_allowlist'] as const) {
    const value = field === 'team_ids' && patch.team_ids ? [...new Set(patch.team_ids)].sort() : patch[field];
    if (value !== undefined && JSON.stringify(value) !== JSON.stringify(before[field])) {
      changes.push(field);
      previous[field] = before[field];
    }
  }
  if (changes.length === 0) return { customer: before, changes };
  const next = {
    portal_type: patch.portal_type ?? before.portal_type,
    permission_set_id: patch.permission_set_id === undefined ? before.permission_set_id : patch.permission_set_id,
    capability_overrides: patch.capability_overrides ?? before.capability_overrides,
  };
  await checkAccountAccess(trx, principal.tenantId, next, patch, id);

  const set: Partial<Customer> = { updated_at: new Date().toISOString() };
  if (changes.includes('name')) set.name = patch.name!;
  if (changes.includes('external_id')) set.external_id = patch.external_id ?? null;
  if (changes.includes('portal_enabled')) set.portal_enabled = patch.portal_enabled ? 1 : 0;
  if (set.portal_enabled === 0) {
    const row = await trx.selectFrom('customers').select('portal_disabled_at').where('id', '=', id).executeTakeFirstOrThrow();
    const contacts = await trx.selectFrom('users').select((eb) => eb.fn.max('access_revoked_at').as('latest')).where('customer_id', '=', id).executeTakeFirst();
    set.portal_disabled_at = nextCutoff(Date.parse(set.updated_at!), row.portal_disabled_at, contacts?.latest);
  }
  if (changes.includes('portal_type')) set.portal_type = next.portal_type;
  if (changes.includes('permission_set_id')) set.permission_set_id = next.permission_set_id;
  if (changes.includes('owner_id')) set.owner_id = patch.owner_id ?? null;
  if (changes.includes('capability_overrides')) set.capability_overrides = JSON.stringify(next.capability_overrides);
  if (changes.includes('ip_allowlist')) set.ip_allowlist = JSON.stringify([...new Set(patch.ip_allowlist)]);
  await onUniqueViolation(() => trx.updateTable('customers').set(set).where('id', '=', id).execute(), externalIdTaken(patch.external_id ?? ''));
  if (changes.includes('team_ids')) await replaceTeam(trx, principal.tenantId, id, patch.team_ids!);

  const customer = await getCustomer(trx, principal, id);
  await recordInternalChange(trx, principal, 'customer.updated', id, id, { customer, changes, previous });
  return { customer, changes };
}
