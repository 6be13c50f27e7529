import type { Kysely } from 'kysely';
import { only } from '../auth/authenticate.js';
import type { Principal } from '../auth/principal.js';
import { visibleTo } from '../auth/visibility.js';
import type { Customer, Database } from '../db/database.js';
import { onUniqueViolation } from '../db/errors.js';
import { ApiError, notFound } from '../errors.js';
import { recordInternalChange } from '../events/record-event.js';
import { changedFields } from '../lib/changes.js';
import { newId } from '../lib/ids.js';
import { paginate, type Page, type PageRequest } from '../lib/pagination.js';
import { keywords } from '../lib/search.js';
import { summarizeCustomers } from './customer-summary.js';
import type { CreateCustomerInput, CustomerFilters, CustomerListItem, CustomerView, UpdateCustomerInput } from './customer.schema.js';

export type { CustomerView };

export const toCustomerView = (row: Customer): CustomerView => ({
  id: row.id,
  external_id: row.external_id,
  name: row.name,
  portal_enabled: row.portal_enabled !== 0,
  created_at: row.created_at,
  updated_at: row.updated_at,
});

/**
 * Inserts a customer and records `customer.created`.
 * @example await insertCustomer(trx, principal, { name: 'Acme Ltd', external_id: 'acme-42' });
 */
export async function insertCustomer(
  trx: Kysely<Database>,
  principal: Principal,
  input: { name: string; external_id?: string | null | undefined; portal_enabled?: boolean | undefined },
): Promise<Customer> {
  const now = new Date().toISOString();
  const row: Customer = {
    id: newId('cus'),
    tenant_id: principal.tenantId,
    external_id: input.external_id ?? null,
    name: input.name,
    portal_enabled: input.portal_enabled === false ? 0 : 1,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('customers').values(row).execute();
  await recordInternalChange(trx, principal, 'customer.created', row.id, row.id, { customer: toCustomerView(row) });
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
  return toCustomerView(row);
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
  if (filters.portal_enabled !== undefined) query = query.where('c.portal_enabled', '=', filters.portal_enabled ? 1 : 0);
  if (filters.external_id !== undefined) query = query.where('c.external_id', '=', filters.external_id);
  const search = filters.q ? keywords(filters.q, ['c.name', 'c.external_id']) : null;
  if (search) query = query.where(search);

  const [paged, toPage] = paginate(query, 'c', filters);
  const rows = await paged.execute();
  const summaries = await summarizeCustomers(db, principal.tenantId, rows.slice(0, filters.limit).map((r) => r.id));
  return toPage(rows, (row) => ({ ...toCustomerView(row), summary: summaries.get(row.id)! }));
}

/** Creates a customer (API keys and staff); an external id already in use answers 409. */
export async function createCustomer(trx: Kysely<Database>, principal: Principal, input: CreateCustomerInput): Promise<CustomerView> {
  only(principal, 'api_key', 'staff');
  const row = await onUniqueViolation(() => insertCustomer(trx, principal, input), externalIdTaken(input.external_id ?? ''));
  return toCustomerView(row);
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
  only(principal, 'api_key', 'staff');
  const before = await getCustomer(trx, principal, id);
  const { changes, previous } = changedFields(before, patch, ['name', 'external_id', 'portal_enabled']);
  if (changes.length === 0) return { customer: before, changes };

  const set: Partial<Customer> = { updated_at: new Date().toISOString() };
  if (changes.includes('name')) set.name = patch.name!;
  if (changes.includes('external_id')) set.external_id = patch.external_id ?? null;
  if (changes.includes('portal_enabled')) set.portal_enabled = patch.portal_enabled ? 1 : 0;
  await onUniqueViolation(() => trx.updateTable('customers').set(set).where('id', '=', id).execute(), externalIdTaken(patch.external_id ?? ''));

  const customer = await getCustomer(trx, principal, id);
  await recordInternalChange(trx, principal, 'customer.updated', id, id, { customer, changes, previous });
  return { customer, changes };
}
