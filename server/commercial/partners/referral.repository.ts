import type { Kysely } from 'kysely';
import { actorId, systemPrincipal, type Principal } from '../../auth/principal.js';
import { visibleTo } from '../../auth/visibility.js';
import type { Database, Referral } from '../../db/database.js';
import { notFound } from '../../errors.js';
import type { EventType } from '../../events/event-types.js';
import { recordEvent } from '../../events/record-event.js';
import { newId } from '../../lib/ids.js';
import { paginate, type Page, type PageRequest } from '../../lib/pagination.js';
import { domainOf } from '../accounts.js';
import { partnerFor } from './partner-account.js';
import { prospectOf } from './prospect.schema.js';
import type { CreateReferralInput, ReferralFilters, ReferralView } from './referral.schema.js';

function toView(row: Referral, viewer: Principal): ReferralView {
  return {
    id: row.id,
    customer_id: row.customer_id,
    prospect: prospectOf(row),
    note: row.note,
    status: row.status,
    deal_id: viewer.kind === 'contact' ? null : row.deal_id,
    submitted_by: row.submitted_by,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export async function listReferrals(db: Kysely<Database>, principal: Principal, filters: Omit<ReferralFilters, 'limit' | 'cursor'> & PageRequest): Promise<Page<ReferralView>> {
  let query = db.selectFrom('referrals as r').selectAll('r').where(visibleTo(principal, 'referrals', 'r'));
  if (filters.customer_id) query = query.where('r.customer_id', '=', filters.customer_id);
  if (filters.status) query = query.where('r.status', '=', filters.status);
  const [paged, toPage] = paginate(query, 'r', filters, 'desc');
  return toPage(await paged.execute(), (row) => toView(row, principal));
}

export async function getReferral(db: Kysely<Database>, principal: Principal, id: string): Promise<ReferralView> {
  const row = await db.selectFrom('referrals as r').selectAll('r').where('r.id', '=', id).where(visibleTo(principal, 'referrals', 'r')).executeTakeFirst();
  if (!row) throw notFound('Referral');
  return toView(row, principal);
}

function record(trx: Kysely<Database>, principal: Principal, type: EventType, referral: ReferralView, extra: Record<string, unknown> = {}) {
  return recordEvent(trx, principal, { type, table: 'referrals', subjectId: referral.id, customerId: referral.customer_id, taskId: null, data: { referral, ...extra } });
}

/** A partner's referral. A deal that already exists for the prospect's domain takes it at once. */
export async function createReferral(trx: Kysely<Database>, principal: Principal, input: CreateReferralInput): Promise<ReferralView> {
  const customerId = await partnerFor(trx, principal, input.customer_id);
  const now = new Date().toISOString();
  const row: Referral = {
    id: newId('ref'),
    tenant_id: principal.tenantId,
    customer_id: customerId,
    company: input.prospect.company,
    contact_name: input.prospect.contact_name,
    email: input.prospect.email,
    domain: domainOf(input.prospect),
    note: input.note ?? '',
    status: 'submitted',
    deal_id: null,
    submitted_by: actorId(principal),
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('referrals').values(row).execute();
  await record(trx, principal, 'referral.created', toView(row, systemPrincipal(principal.tenantId)));
  const deal = await trx
    .selectFrom('deals')
    .select(['id', 'status', 'domain'])
    .where('tenant_id', '=', principal.tenantId)
    .where('domain', '=', row.domain)
    .where('customer_id', '<>', customerId)
    .orderBy('created_at')
    .executeTakeFirst();
  if (deal) await attach(trx, principal, row.id, deal);
  return getReferral(trx, principal, row.id);
}

const statusFor = (deal: { status: string }) => (deal.status === 'open' ? 'in_pipeline' : (deal.status as 'won' | 'lost'));

async function setStatus(trx: Kysely<Database>, principal: Principal, id: string, set: { status: Referral['status']; deal_id?: string }): Promise<ReferralView> {
  const system = systemPrincipal(principal.tenantId);
  const before = await getReferral(trx, system, id);
  if (before.status === set.status && (set.deal_id === undefined || set.deal_id === before.deal_id)) return before;
  await trx.updateTable('referrals').set({ ...set, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
  const after = await getReferral(trx, system, id);
  const changes = Object.keys(set);
  await record(trx, principal, 'referral.updated', after, { changes, previous: { status: before.status, deal_id: before.deal_id } });
  return after;
}

const attach = (trx: Kysely<Database>, principal: Principal, referralId: string, deal: { id: string; status: string }) =>
  setStatus(trx, principal, referralId, { status: statusFor(deal), deal_id: deal.id });

/** A deal now names a prospect domain: the referrals waiting for it are attributed to it (the first deal wins). */
export async function attributeReferrals(trx: Kysely<Database>, principal: Principal, deal: { id: string; customer_id: string; domain: string | null; status: string }): Promise<void> {
  if (!deal.domain) return;
  const waiting = await trx
    .selectFrom('referrals')
    .select('id')
    .where('tenant_id', '=', principal.tenantId)
    .where('domain', '=', deal.domain)
    .where('deal_id', 'is', null)
    .where('status', '=', 'submitted')
    .where('customer_id', '<>', deal.customer_id)
    .execute();
  for (const { id } of waiting) await attach(trx, principal, id, deal);
}

/** A deal was won or lost (or reopened): its referrals follow. */
export async function followDeal(trx: Kysely<Database>, principal: Principal, deal: { id: string; status: string }): Promise<void> {
  const linked = await trx.selectFrom('referrals').select('id').where('tenant_id', '=', principal.tenantId).where('deal_id', '=', deal.id).execute();
  for (const { id } of linked) await setStatus(trx, principal, id, { status: statusFor(deal) });
}

/** Staff set the outcome by hand (a deal the portal does not know of). */
export async function updateReferral(trx: Kysely<Database>, principal: Principal, id: string, status: Referral['status']): Promise<ReferralView> {
  await getReferral(trx, principal, id);
  return setStatus(trx, principal, id, { status });
}
