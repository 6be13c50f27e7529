import { sql, type Kysely } from 'kysely';
import { readOverrides } from '../auth/capabilities.js';
import type { Principal } from '../auth/principal.js';
import { nextCutoff } from '../auth/token-cutoff.js';
import { getCustomer } from '../customers/customer.repository.js';
import type { Database, PortalAccess, Role, StaffRole, User } from '../db/database.js';
import { isPostgres } from '../db/dialect.js';
import { onUniqueViolation } from '../db/errors.js';
import { ApiError, forbidden, invalid, notFound } from '../errors.js';
import { appendEvent } from '../events/event-log.js';
import { recordInternalChange } from '../events/record-event.js';
import { changedFields } from '../lib/changes.js';
import { newId } from '../lib/ids.js';
import { paginate, type Page, type PageRequest } from '../lib/pagination.js';
import { keywords } from '../lib/search.js';
import { checkAssignable, checkOverrides } from '../permission-sets/permission-set.repository.js';
import type { ContactFilters, CreateContactInput, UpdateUserInput, UserView } from './user.schema.js';

export type { UserView };

export const toUserView = (row: User): UserView => ({
  id: row.id,
  external_id: row.external_id,
  email: row.email,
  name: row.name,
  role: row.role,
  customer_id: row.customer_id,
  portal_access: row.portal_access,
  staff_role: row.role === 'staff' ? (row.staff_role ?? 'member') : null,
  permission_set_id: row.role === 'contact' ? row.permission_set_id : null,
  capability_overrides: row.role === 'contact' ? readOverrides(row.capability_overrides) : {},
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
  /** Staff: default `member`. */
  staff_role?: StaffRole | undefined;
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
    access_revoked_at: null,
    staff_role: input.role === 'staff' ? (input.staff_role ?? 'member') : null,
    permission_set_id: null,
    capability_overrides: '{}',
    preferences: '{}',
    last_seen_at: null,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('users').values(row).execute();
  await recordInternalChange(trx, principal, 'user.created', row.id, row.customer_id, { user: toUserView(row) });
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
  input: { external_id: string; email?: string | undefined; name: string; role: Role; customer_id: string | null; staff_role?: StaffRole | undefined },
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
  // An existing staff user keeps its role unless the vendor's backend names one.
  const staffRole = input.role === 'staff' ? input.staff_role : undefined;
  const { changes, previous } = changedFields(existing, { external_id: input.external_id, name: input.name, email, staff_role: staffRole }, ['external_id', 'name', 'email', 'staff_role']);
  if (changes.length === 0) return existing;
  const set: Partial<User> = { updated_at: new Date().toISOString() };
  for (const field of changes) {
    if (field === 'staff_role') set.staff_role = staffRole!;
    else set[field] = field === 'email' ? email! : input[field];
  }
  await trx.updateTable('users').set(set).where('id', '=', existing.id).execute();
  const updated = { ...existing, ...set };
  await recordInternalChange(trx, principal, 'user.updated', existing.id, existing.customer_id, { user: toUserView(updated), changes, previous });
  return updated;
}

/** The advisory lock class of email claims (the event log uses another key). */
const EMAIL_LOCK = 727_274_002;

/** Whose emails must differ: a customer's contacts, or the tenant's staff. */
interface EmailScope {
  tenantId: string;
  role: Role;
  customerId: string | null;
}

/**
 * Refuses an email already used in `scope` with 409. On PostgreSQL, writers of one scope queue
 * on an advisory lock until commit, so two requests cannot both find the address free.
 */
async function claimEmail(trx: Kysely<Database>, scope: EmailScope, email: string, exceptUserId?: string): Promise<void> {
  if (isPostgres(trx)) {
    await sql`select pg_advisory_xact_lock(${EMAIL_LOCK}, hashtext(${`${scope.tenantId}:${scope.role}:${scope.customerId ?? ''}`}))`.execute(trx);
  }
  let query = trx
    .selectFrom('users')
    .select('id')
    .where('tenant_id', '=', scope.tenantId)
    .where('role', '=', scope.role)
    .where('email', '=', email);
  query = scope.customerId === null ? query.where('customer_id', 'is', null) : query.where('customer_id', '=', scope.customerId);
  if (exceptUserId) query = query.where('id', '<>', exceptUserId);
  if (await query.executeTakeFirst()) {
    const whose = scope.role === 'contact' ? "this customer's contacts" : "the team's staff";
    throw new ApiError(409, 'email_taken', `${email} is already used by one of ${whose}`);
  }
}

const externalIdTaken = (externalId: string) =>
  new ApiError(409, 'external_id_taken', `Another user already has the external id "${externalId}"`);

/**
 * The contacts of a customer the caller may see, oldest first.
 * @example await listContacts(db, principal, 'cus_…', { portal_access: ['active'], limit: 50 });
 */
export async function listContacts(
  db: Kysely<Database>,
  principal: Principal,
  customerId: string,
  filters: Omit<ContactFilters, 'limit' | 'cursor'> & PageRequest,
): Promise<Page<UserView>> {
  await getCustomer(db, principal, customerId);
  let query = db
    .selectFrom('users as u')
    .selectAll('u')
    .where('u.tenant_id', '=', principal.tenantId)
    .where('u.customer_id', '=', customerId)
    .where('u.role', '=', 'contact');
  if (filters.portal_access) query = query.where('u.portal_access', 'in', filters.portal_access);
  const search = filters.q ? keywords(filters.q, ['u.name', 'u.email', 'u.external_id']) : null;
  if (search) query = query.where(search);
  const [paged, toPage] = paginate(query, 'u', filters);
  return toPage(await paged.execute(), toUserView);
}

/**
 * Adds a contact to a customer the caller may see (`invited` unless said otherwise) and records
 * `user.created`. An email already used by that customer's contacts, or an external id already
 * used in the tenant, answers 409.
 */
export async function createContact(trx: Kysely<Database>, principal: Principal, customerId: string, input: CreateContactInput): Promise<UserView> {
  await getCustomer(trx, principal, customerId);
  await claimEmail(trx, { tenantId: principal.tenantId, role: 'contact', customerId }, input.email);
  const row = await onUniqueViolation(
    () => insertUser(trx, principal, { role: 'contact', customer_id: customerId, name: input.name, email: input.email, external_id: input.external_id, portal_access: input.portal_access ?? 'invited' }),
    externalIdTaken(input.external_id ?? ''),
  );
  return toUserView(row);
}

/**
 * Changes a user of the caller's tenant (contact or staff) and records `user.updated`. The caller
 * forgets the user's cached access after commit, so a deactivation refuses the next request.
 * A staff member may not deactivate itself (it would lock itself out).
 */
export async function updateUser(trx: Kysely<Database>, principal: Principal, id: string, patch: UpdateUserInput): Promise<{ user: UserView; changes: string[] }> {
  if (principal.kind === 'staff' && principal.userId === id && patch.portal_access === 'deactivated') {
    throw forbidden('You cannot deactivate yourself', 'cannot_deactivate_self');
  }
  if (principal.kind === 'staff' && principal.userId === id && patch.staff_role === 'member' && principal.staffRole === 'admin') {
    throw forbidden('You cannot take your own admin role; another admin can', 'cannot_demote_self');
  }
  const row = await trx.selectFrom('users').selectAll().where('id', '=', id).where('tenant_id', '=', principal.tenantId).executeTakeFirst();
  if (!row) throw notFound('User');
  await checkPersonAccess(trx, row, patch);
  const before = toUserView(row);
  const scalar = changedFields(before, patch, ['name', 'email', 'portal_access', 'staff_role', 'permission_set_id']);
  const changes: string[] = scalar.changes;
  const previous: Record<string, unknown> = scalar.previous;
  if (patch.capability_overrides !== undefined && JSON.stringify(patch.capability_overrides) !== JSON.stringify(before.capability_overrides)) {
    changes.push('capability_overrides');
    previous.capability_overrides = before.capability_overrides;
  }
  if (changes.length === 0) return { user: before, changes };
  if (changes.includes('email')) await claimEmail(trx, { tenantId: row.tenant_id, role: row.role, customerId: row.customer_id }, patch.email!, id);

  const set: Partial<User> = { updated_at: new Date().toISOString() };
  if (changes.includes('name')) set.name = patch.name!;
  if (changes.includes('email')) set.email = patch.email!;
  if (changes.includes('portal_access')) set.portal_access = patch.portal_access!;
  if (set.portal_access === 'deactivated') {
    const portal = row.customer_id ? await trx.selectFrom('customers').select('portal_disabled_at').where('id', '=', row.customer_id).executeTakeFirst() : undefined;
    set.access_revoked_at = nextCutoff(Date.parse(set.updated_at!), row.access_revoked_at, portal?.portal_disabled_at);
  }
  if (changes.includes('staff_role')) set.staff_role = patch.staff_role!;
  if (changes.includes('permission_set_id')) set.permission_set_id = patch.permission_set_id ?? null;
  if (changes.includes('capability_overrides')) set.capability_overrides = JSON.stringify(patch.capability_overrides);
  await trx.updateTable('users').set(set).where('id', '=', id).execute();
  const user = toUserView({ ...row, ...set });
  await recordInternalChange(trx, principal, 'user.updated', id, row.customer_id, { user, changes, previous });
  return { user, changes };
}

/**
 * A staff role only for staff, a set and overrides only for contacts, and those of the
 * contact's customer's portal type: a 400 naming the field otherwise.
 */
async function checkPersonAccess(trx: Kysely<Database>, row: User, patch: UpdateUserInput): Promise<void> {
  const wrong = (path: string, message: string) => invalid(message, [{ path, message }]);
  if (row.role === 'contact' && patch.staff_role !== undefined) throw wrong('staff_role', 'a contact has no staff role');
  if (row.role === 'staff' && patch.permission_set_id !== undefined) throw wrong('permission_set_id', 'staff hold every capability; sets are for contacts');
  if (row.role === 'staff' && patch.capability_overrides !== undefined) throw wrong('capability_overrides', 'staff hold every capability; overrides are for contacts');
  if (row.role !== 'contact' || !row.customer_id) return;
  const customer = await trx.selectFrom('customers').select('portal_type').where('id', '=', row.customer_id).executeTakeFirstOrThrow();
  if (patch.permission_set_id) await checkAssignable(trx, row.tenant_id, patch.permission_set_id, customer.portal_type, 'permission_set_id');
  checkOverrides(patch.capability_overrides ?? {}, customer.portal_type);
}

/**
 * Records that `user` has just signed in (an embed token issued for them, or a magic link
 * used): `last_seen_at` moves, and an invited person becomes active, with its `user.updated`
 * event (by the person themselves) so the team's views and the audit trail hear of it.
 * @example await recordSignIn(trx, user);
 */
export async function recordSignIn(trx: Kysely<Database>, user: User): Promise<void> {
  const now = new Date().toISOString();
  if (user.portal_access !== 'invited') {
    await trx.updateTable('users').set({ last_seen_at: now }).where('id', '=', user.id).execute();
    return;
  }
  await trx.updateTable('users').set({ last_seen_at: now, portal_access: 'active', updated_at: now }).where('id', '=', user.id).execute();
  await appendEvent(trx, {
    tenantId: user.tenant_id,
    customerId: user.customer_id,
    visibility: 'internal',
    type: 'user.updated',
    subjectId: user.id,
    actorId: user.id,
    data: { user: toUserView({ ...user, last_seen_at: now, portal_access: 'active', updated_at: now }), changes: ['portal_access'], previous: { portal_access: 'invited' } },
  });
}

/**
 * Moves a contact to another customer of the tenant (`user.transferred`, internal). Their
 * tokens and sessions from before are refused from now on (the access cut-off), so nothing of the
 * old customer reaches them again, not even an open stream; their memberships of the old
 * customer's projects and their ownership of its goals go. The same customer is a no-op; a staff user is a 400.
 * @example await transact(deps, (trx) => transferContact(trx, principal, 'usr_…', 'cus_…'));
 */
export async function transferContact(trx: Kysely<Database>, principal: Principal, id: string, customerId: string): Promise<{ user: UserView; moved: boolean }> {
  const row = await trx.selectFrom('users').selectAll().where('id', '=', id).where('tenant_id', '=', principal.tenantId).executeTakeFirst();
  if (!row) throw notFound('User');
  if (row.role !== 'contact') throw invalid('Only a contact belongs to a customer', [{ path: 'id', message: 'a staff user' }]);
  const target = await getCustomer(trx, principal, customerId);
  if (row.customer_id === target.id) return { user: toUserView(row), moved: false };
  if (row.email) await claimEmail(trx, { tenantId: row.tenant_id, role: 'contact', customerId: target.id }, row.email, id);
  const now = new Date().toISOString();
  const set: Partial<User> = { customer_id: target.id, updated_at: now, access_revoked_at: nextCutoff(Date.parse(now), row.access_revoked_at) };
  await trx.updateTable('users').set(set).where('id', '=', id).execute();
  await trx.deleteFrom('project_members').where('user_id', '=', id).execute();
  // The goals they owned are the old customer's: someone else there carries them on.
  await trx.deleteFrom('goal_owners').where('user_id', '=', id).execute();
  const user = toUserView({ ...row, ...set });
  await recordInternalChange(trx, principal, 'user.transferred', id, target.id, { user, from_customer_id: row.customer_id, to_customer_id: target.id });
  return { user, moved: true };
}
