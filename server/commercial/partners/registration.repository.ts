import type { Kysely } from 'kysely';
import { actorId, systemPrincipal, type Principal } from '../../auth/principal.js';
import { visibleTo } from '../../auth/visibility.js';
import type { Database, DealRegistration } from '../../db/database.js';
import { onUniqueViolation } from '../../db/errors.js';
import { ApiError, notFound } from '../../errors.js';
import type { EventType } from '../../events/event-types.js';
import { recordEvent } from '../../events/record-event.js';
import { newId } from '../../lib/ids.js';
import { paginate, type Page, type PageRequest } from '../../lib/pagination.js';
import { domainOf } from '../accounts.js';
import { openDealThread } from '../../threads/thread.repository.js';
import { updateDeal, upsertDeal } from '../deals/deal.repository.js';
import { readMoney, readNullableMoney } from '../money.js';
import { earnCommission } from './commission.repository.js';
import { partnerFor } from './partner-account.js';
import { prospectOf } from './prospect.schema.js';
import type { CreateRegistrationInput, RegistrationFilters, RegistrationView } from './registration.schema.js';
import { currentTier } from './tier.repository.js';

/** The stages of the deal an approval opens in the partner's portal. */
export const REGISTRATION_STAGES = ['Registered', 'Qualified', 'Proposal', 'Negotiation', 'Closed'];
export const DEFAULT_PROTECTION_DAYS = 90;

const toView = (row: DealRegistration): RegistrationView => ({
  id: row.id,
  customer_id: row.customer_id,
  prospect: prospectOf(row),
  estimated_value: readMoney(row.estimated_value),
  currency: row.currency,
  description: row.description,
  expected_close_date: row.expected_close_date,
  status: row.status,
  protection_ends_at: row.protection_ends_at,
  decision_reason: row.decision_reason,
  decided_at: row.decided_at,
  appeal_reason: row.appeal_reason,
  appealed_at: row.appealed_at,
  outcome_value: readNullableMoney(row.outcome_value),
  outcome_at: row.outcome_at,
  deal_id: row.deal_id,
  submitted_by: row.submitted_by,
  created_at: row.created_at,
  updated_at: row.updated_at,
});

export async function listRegistrations(db: Kysely<Database>, principal: Principal, filters: Omit<RegistrationFilters, 'limit' | 'cursor'> & PageRequest): Promise<Page<RegistrationView>> {
  let query = db.selectFrom('deal_registrations as g').selectAll('g').where(visibleTo(principal, 'deal_registrations', 'g'));
  if (filters.customer_id) query = query.where('g.customer_id', '=', filters.customer_id);
  if (filters.status) query = query.where('g.status', '=', filters.status);
  const [paged, toPage] = paginate(query, 'g', filters, 'desc');
  return toPage(await paged.execute(), toView);
}

export async function getRegistration(db: Kysely<Database>, principal: Principal, id: string): Promise<RegistrationView> {
  const row = await db.selectFrom('deal_registrations as g').selectAll('g').where('g.id', '=', id).where(visibleTo(principal, 'deal_registrations', 'g')).executeTakeFirst();
  if (!row) throw notFound('Deal registration');
  return toView(row);
}

const conflict = () => new ApiError(409, 'channel_conflict', 'This prospect is already registered and protected for a partner');

/** Whether another registration holds `domain` under protection now. */
async function protectedElsewhere(db: Kysely<Database>, tenantId: string, domain: string, except: string | null, now: string): Promise<boolean> {
  let query = db.selectFrom('deal_registrations').select('id').where('tenant_id', '=', tenantId).where('domain', '=', domain).where('status', '=', 'approved').where('protection_ends_at', '>', now);
  if (except) query = query.where('id', '<>', except);
  return (await query.executeTakeFirst()) !== undefined;
}

function record(trx: Kysely<Database>, principal: Principal, type: EventType, registration: RegistrationView) {
  return recordEvent(trx, principal, { type, table: 'deal_registrations', subjectId: registration.id, customerId: registration.customer_id, taskId: null, data: { deal_registration: registration } });
}

async function change(trx: Kysely<Database>, principal: Principal, id: string, set: Partial<DealRegistration>, type: EventType): Promise<RegistrationView> {
  await trx.updateTable('deal_registrations').set({ ...set, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
  const after = await getRegistration(trx, systemPrincipal(principal.tenantId), id);
  await record(trx, principal, type, after);
  return after;
}

/** A partner registers a prospect; one already protected for a partner is refused (409 `channel_conflict`). */
export async function createRegistration(trx: Kysely<Database>, principal: Principal, input: CreateRegistrationInput): Promise<RegistrationView> {
  const customerId = await partnerFor(trx, principal, input.customer_id);
  const domain = domainOf(input.prospect);
  const now = new Date().toISOString();
  if (await protectedElsewhere(trx, principal.tenantId, domain, null, now)) throw conflict();
  const row: DealRegistration = {
    id: newId('drg'),
    tenant_id: principal.tenantId,
    customer_id: customerId,
    company: input.prospect.company,
    contact_name: input.prospect.contact_name,
    email: input.prospect.email,
    domain,
    estimated_value: input.estimated_value,
    currency: input.currency,
    description: input.description ?? '',
    expected_close_date: input.expected_close_date ?? null,
    status: 'submitted',
    protection_ends_at: null,
    decision_reason: null,
    decided_at: null,
    appeal_reason: null,
    appealed_at: null,
    outcome_value: null,
    outcome_at: null,
    deal_id: null,
    submitted_by: actorId(principal),
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('deal_registrations').values(row).execute();
  const registration = toView(row);
  await record(trx, principal, 'deal_registration.created', registration);
  return registration;
}

/**
 * The channel team's decision on a submitted (or appealed) registration. Approval protects the
 * prospect for `protectionDays` and opens the partner's deal (its co-selling workspace); a
 * protected domain answers 409 `channel_conflict`, even when two approvals race (unique index).
 */
export async function decideRegistration(
  trx: Kysely<Database>,
  principal: Principal,
  id: string,
  input: { decision: 'approved' | 'rejected'; reason: string; protection_days?: number | undefined },
): Promise<RegistrationView> {
  const before = await getRegistration(trx, principal, id);
  if (before.status !== 'submitted' && before.status !== 'appealed') throw new ApiError(409, 'not_decidable', `A registration that is ${before.status} takes no decision`);
  const now = new Date();
  const at = now.toISOString();
  if (input.decision === 'rejected') return change(trx, principal, id, { status: 'rejected', decision_reason: input.reason, decided_at: at }, 'deal_registration.decided');
  if (await protectedElsewhere(trx, principal.tenantId, before.prospect.domain, id, at)) throw conflict();
  const ends = new Date(now.getTime() + (input.protection_days ?? DEFAULT_PROTECTION_DAYS) * 86_400_000).toISOString();
  // A lapsed protection of the same domain is no longer approved: the expiry worker may not have passed yet.
  await expireLapsed(trx, principal.tenantId, before.prospect.domain, at);
  let dealId = before.deal_id;
  if (!dealId) {
    const { deal } = await upsertDeal(trx, principal, {
      customer_id: before.customer_id,
      name: before.prospect.company,
      stage: REGISTRATION_STAGES[0]!,
      stages: REGISTRATION_STAGES,
      value: before.estimated_value,
      currency: before.currency,
      value_shared: true,
      expected_close_date: before.expected_close_date,
      next_steps: '',
      visibility: 'portal',
    });
    dealId = deal.id;
    // The workspace's notes: the deal's one thread, there from the approval on.
    await openDealThread(trx, principal, { id: deal.id, customer_id: deal.customer_id, name: deal.name, owner_id: deal.owner_id });
  }
  return onUniqueViolation(
    () => change(trx, principal, id, { status: 'approved', decision_reason: input.reason, decided_at: at, protection_ends_at: ends, deal_id: dealId }, 'deal_registration.decided'),
    conflict(),
  );
}

/** The partner's one appeal, after a rejection. */
export async function appealRegistration(trx: Kysely<Database>, principal: Principal, id: string, reason: string): Promise<RegistrationView> {
  const before = await getRegistration(trx, principal, id);
  if (before.appealed_at) throw new ApiError(409, 'already_appealed', 'A registration is appealed once');
  if (before.status !== 'rejected') throw new ApiError(409, 'not_rejected', 'Only a rejected registration can be appealed');
  return change(trx, principal, id, { status: 'appealed', appeal_reason: reason, appealed_at: new Date().toISOString() }, 'deal_registration.appealed');
}

/** Won or lost, on an approved registration only; won earns the commission at the partner's tier rate. */
export async function recordOutcome(trx: Kysely<Database>, principal: Principal, id: string, outcome: 'won' | 'lost', value: number | undefined): Promise<RegistrationView> {
  const before = await getRegistration(trx, principal, id);
  if (before.status !== 'approved') throw new ApiError(409, 'not_approved', `An outcome needs an approved registration (this one is ${before.status})`);
  // The tier the partner holds before this win is the one it pays at.
  const tier = outcome === 'won' ? await currentTier(trx, principal.tenantId, before.customer_id) : null;
  const final = outcome === 'won' ? (value ?? before.estimated_value) : null;
  const after = await change(trx, principal, id, { status: outcome, outcome_value: final, outcome_at: new Date().toISOString() }, 'deal_registration.outcome_recorded');
  if (before.deal_id) {
    const last = REGISTRATION_STAGES.at(-1)!;
    await updateDeal(trx, principal, before.deal_id, { status: outcome, ...(final !== null ? { value: final } : {}), stage: last }).catch((error: unknown) => {
      // The deal's stages may have been changed by staff: the outcome still stands.
      if (!(error instanceof ApiError)) throw error;
      return updateDeal(trx, principal, before.deal_id!, { status: outcome });
    });
  }
  if (outcome === 'won') await earnCommission(trx, principal, after, final!, tier);
  return after;
}

/** Turns approved registrations of `domain` whose protection has ended into `expired` (inside a decision). */
async function expireLapsed(trx: Kysely<Database>, tenantId: string, domain: string, now: string): Promise<void> {
  const lapsed = await trx.selectFrom('deal_registrations').select('id').where('tenant_id', '=', tenantId).where('domain', '=', domain).where('status', '=', 'approved').where('protection_ends_at', '<=', now).execute();
  for (const { id } of lapsed) await expireOne(trx, tenantId, id, now);
}

/**
 * One registration's protection ends: `approved` → `expired`, once. The conditional update is
 * the claim: of two instances (or a worker and a decision) only one changes the row, and only
 * that one writes the event. Answers whether this call did it.
 */
export async function expireOne(trx: Kysely<Database>, tenantId: string, id: string, now: string): Promise<boolean> {
  const result = await trx
    .updateTable('deal_registrations')
    .set({ status: 'expired', updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'approved')
    .where('protection_ends_at', '<=', now)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  const system = systemPrincipal(tenantId);
  const registration = await getRegistration(trx, system, id);
  await record(trx, system, 'deal_registration.expired', registration);
  if (registration.deal_id) await updateDeal(trx, system, registration.deal_id, { status: 'lost' });
  return true;
}
