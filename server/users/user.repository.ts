import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import type { Database, PortalAccess, Role, User } from '../db/database.js';
import { ApiError } from '../errors.js';
import { appendEvent } from '../events/event-log.js';
import { newId } from '../lib/ids.js';

export interface UserView {
  id: string;
  external_id: string | null;
  email: string | null;
  name: string;
  role: Role;
  customer_id: string | null;
  portal_access: PortalAccess;
  last_seen_at: string | null;
  created_at: string;
  updated_at: string;
}

export const toUserView = (row: User): UserView => ({
  id: row.id,
  external_id: row.external_id,
  email: row.email,
  name: row.name,
  role: row.role,
  customer_id: row.customer_id,
  portal_access: row.portal_access,
  last_seen_at: row.last_seen_at,
  created_at: row.created_at,
  updated_at: row.updated_at,
});

export interface NewUser {
  role: Role;
  customer_id: string | null;
  name: string;
  email?: string | null | undefined;
  external_id?: string | null | undefined;
  portal_access: PortalAccess;
}

/** Inserts a user (staff or contact) and records `user.created`. */
export async function insertUser(trx: Kysely<Database>, principal: Principal, input: NewUser): Promise<User> {
  const now = new Date().toISOString();
  const row: User = {
    id: newId('usr'),
    tenant_id: principal.tenantId,
    customer_id: input.role === 'contact' ? input.customer_id : null,
    external_id: input.external_id ?? null,
    email: input.email ? input.email.trim().toLowerCase() : null,
    name: input.name,
    role: input.role,
    portal_access: input.portal_access,
    preferences: '{}',
    last_seen_at: null,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('users').values(row).execute();
  await appendEvent(trx, {
    tenantId: principal.tenantId,
    customerId: row.customer_id,
    visibility: 'internal',
    type: 'user.created',
    subjectId: row.id,
    actorId: principal.kind === 'api_key' ? null : principal.userId,
    data: { user: toUserView(row) },
  });
  return row;
}

/**
 * The user the vendor's backend names by `external_id`, created or updated. A person the
 * team invited by email (no external id yet) is matched by that email and linked.
 * A contact of another customer, or a staff user named as a contact, is a 409.
 */
export async function upsertUserByExternalId(
  trx: Kysely<Database>,
  principal: Principal,
  input: { external_id: string; email?: string | undefined; name: string; role: Role; customer_id: string | null },
): Promise<User> {
  const email = input.email?.trim().toLowerCase();
  let existing = await trx
    .selectFrom('users')
    .selectAll()
    .where('tenant_id', '=', principal.tenantId)
    .where('external_id', '=', input.external_id)
    .executeTakeFirst();
  if (!existing && email) {
    let byEmail = trx
      .selectFrom('users')
      .selectAll()
      .where('tenant_id', '=', principal.tenantId)
      .where('email', '=', email)
      .where('external_id', 'is', null)
      .where('role', '=', input.role);
    byEmail = input.customer_id ? byEmail.where('customer_id', '=', input.customer_id) : byEmail.where('customer_id', 'is', null);
    existing = await byEmail.executeTakeFirst();
  }
  if (!existing) {
    return insertUser(trx, principal, { ...input, email: email ?? null, portal_access: 'active' });
  }
  if (existing.role !== input.role || (input.role === 'contact' && existing.customer_id !== input.customer_id)) {
    throw new ApiError(409, 'user_conflict', `User ${input.external_id} is already a ${existing.role}${existing.role === 'contact' ? ' of another customer' : ''}`);
  }
  const changes: Partial<User> = {};
  if (existing.external_id !== input.external_id) changes.external_id = input.external_id;
  if (input.name !== existing.name) changes.name = input.name;
  if (email && email !== existing.email) changes.email = email;
  if (Object.keys(changes).length === 0) return existing;
  changes.updated_at = new Date().toISOString();
  await trx.updateTable('users').set(changes).where('id', '=', existing.id).execute();
  return { ...existing, ...changes };
}
