import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import type { Customer, Database } from '../db/database.js';
import { appendEvent } from '../events/event-log.js';
import { newId } from '../lib/ids.js';

export interface CustomerView {
  id: string;
  external_id: string | null;
  name: string;
  portal_enabled: boolean;
  created_at: string;
  updated_at: string;
}

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
  await appendEvent(trx, {
    tenantId: principal.tenantId,
    customerId: row.id,
    visibility: 'internal',
    type: 'customer.created',
    subjectId: row.id,
    actorId: principal.kind === 'api_key' ? null : principal.userId,
    data: { customer: toCustomerView(row) },
  });
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
    return { ...existing, name: input.name, updated_at };
  }
  return existing;
}
