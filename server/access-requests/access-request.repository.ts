import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { normalizeEmail } from '../auth/magic-link.js';
import { actorId, type Principal } from '../auth/principal.js';
import { visibleTo } from '../auth/visibility.js';
import type { Deps } from '../context.js';
import type { AccessRequestTable, Database } from '../db/database.js';
import { isPostgres } from '../db/dialect.js';
import { ApiError, notFound } from '../errors.js';
import { appendEvent } from '../events/event-log.js';
import { newId } from '../lib/ids.js';
import { hit, tooManyRequests, type Limit } from '../lib/rate-limit.js';
import { readSettings } from '../tenants/tenant-settings.repository.js';
import { findTenantBySlug } from '../tenants/tenant.repository.js';
import { createContact } from '../users/user.repository.js';
import type { AccessDecisionInput, AccessRequestInput, AccessRequestView } from './access-request.schema.js';

const HOUR = 60 * 60_000;
/** Per client address: one machine cannot flood the team's list. */
export const REQUEST_IP_LIMIT: Limit = { max: 10, windowMs: HOUR };
/** Per email address, across tenants: nobody's address is used to spam a team. */
export const REQUEST_ADDRESS_LIMIT: Limit = { max: 3, windowMs: 24 * HOUR };

export const toAccessRequestView = (row: AccessRequestTable): AccessRequestView => ({
  id: row.id,
  email: row.email,
  name: row.name,
  company: row.company,
  status: row.status,
  customer_id: row.customer_id,
  user_id: row.user_id,
  decided_by: row.decided_by,
  decided_at: row.decided_at,
  created_at: row.created_at,
});

/**
 * Files a request for access (`POST /v1/auth/access-request`, the public page). The answer never
 * says whether the portal takes requests or knows the address: only the rate limits (429, the
 * same for everyone) are decided before it; the rest happens after, in the background.
 * @example await requestAccess(deps, body, clientIp(c));
 */
export async function requestAccess(deps: Deps, input: AccessRequestInput, ip: string): Promise<void> {
  const email = normalizeEmail(input.email);
  const wait =
    (await hit(deps.db, `access:ip:${ip}`, REQUEST_IP_LIMIT)) ??
    (await hit(deps.db, `access:addr:${createHash('sha256').update(email).digest('hex')}`, REQUEST_ADDRESS_LIMIT));
  if (wait) throw tooManyRequests(wait, 'Too many access requests');
  fileAccessRequest(deps, { ...input, email }).catch((error: unknown) => {
    console.error(`[access] request for tenant ${input.tenant} not filed:`, error instanceof Error ? error.message : error);
  });
}

/**
 * Stores a request and writes `access_request.created` (which notifies the tenant's admins),
 * unless the tenant takes none (`self_registration: off`), the address already has an account
 * there (they sign in instead), or the same address already waits.
 * @returns the request, or null when nothing was filed
 */
export async function fileAccessRequest(deps: Deps, input: AccessRequestInput, now = Date.now()): Promise<AccessRequestView | null> {
  const tenant = await findTenantBySlug(deps.db, input.tenant.toLowerCase());
  if (!tenant || readSettings(tenant).self_registration !== 'approval') return null;
  return deps.db.transaction().execute(async (trx) => {
    const known = await trx.selectFrom('users').select('id').where('tenant_id', '=', tenant.id).where('email', '=', input.email).executeTakeFirst();
    const waiting = await trx.selectFrom('access_requests').select('id').where('tenant_id', '=', tenant.id).where('email', '=', input.email).where('status', '=', 'pending').executeTakeFirst();
    if (known || waiting) return null;
    const row: AccessRequestTable = {
      id: newId('acr'),
      tenant_id: tenant.id,
      email: input.email,
      name: input.name,
      company: input.company,
      status: 'pending',
      customer_id: null,
      user_id: null,
      decided_by: null,
      decided_at: null,
      created_at: new Date(now).toISOString(),
    };
    await trx.insertInto('access_requests').values(row).execute();
    const view = toAccessRequestView(row);
    await appendEvent(trx, { tenantId: tenant.id, customerId: null, visibility: 'internal', type: 'access_request.created', subjectId: row.id, actorId: null, data: { access_request: view } });
    return view;
  });
}

/** The tenant's access requests, newest first (staff and API keys: the rule keeps contacts out). */
export async function listAccessRequests(db: Kysely<Database>, principal: Principal, status: AccessRequestView['status'] | undefined): Promise<AccessRequestView[]> {
  let query = db.selectFrom('access_requests as r').selectAll('r').where(visibleTo(principal, 'access_requests', 'r'));
  if (status) query = query.where('r.status', '=', status);
  const rows = await query.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(500).execute();
  return rows.map(toAccessRequestView);
}

/**
 * Decides a pending request: approving creates the contact in `customer_id` (the caller must
 * see that customer) for the caller to invite; rejecting ends it. `access_request.decided` either way.
 * 404 for a request not the caller's tenant's; 409 `already_decided`; 409 `email_taken` when the
 * customer already has a contact with that address.
 */
export async function decideAccessRequest(trx: Kysely<Database>, principal: Principal, id: string, decision: AccessDecisionInput): Promise<AccessRequestView> {
  const query = trx.selectFrom('access_requests as r').selectAll('r').where('r.id', '=', id).where(visibleTo(principal, 'access_requests', 'r'));
  const row = await (isPostgres(trx) ? query.forUpdate() : query).executeTakeFirst();
  if (!row) throw notFound('Access request');
  if (row.status !== 'pending') throw new ApiError(409, 'already_decided', `This request was already ${row.status}`);
  const at = new Date().toISOString();
  let customerId: string | null = null;
  let userId: string | null = null;
  if (decision.approve) {
    const contact = await createContact(trx, principal, decision.customer_id!, { name: row.name, email: row.email });
    customerId = decision.customer_id!;
    userId = contact.id;
  }
  const decided = { ...row, status: decision.approve ? ('approved' as const) : ('rejected' as const), customer_id: customerId, user_id: userId, decided_by: actorId(principal), decided_at: at };
  await trx.updateTable('access_requests').set(decided).where('id', '=', row.id).execute();
  const view = toAccessRequestView(decided);
  await appendEvent(trx, { tenantId: principal.tenantId, customerId, visibility: 'internal', type: 'access_request.decided', subjectId: row.id, actorId: actorId(principal), data: { access_request: view } });
  return view;
}
