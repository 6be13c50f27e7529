import type { Kysely } from 'kysely';
import type { ContactPrincipal, Principal } from '../../auth/principal.js';
import type { Database, PartnerTier } from '../../db/database.js';
import { invalid, notFound } from '../../errors.js';
import { recordInternalChange } from '../../events/record-event.js';
import { changedFields } from '../../lib/changes.js';
import { newId } from '../../lib/ids.js';
import { commissionOf, fromBasisPoints, readMoney, toBasisPoints, totalsByCurrency } from '../money.js';
import type { CreateTierInput, TierView, UpdateTierInput } from './tier.schema.js';

export const toTierView = (row: PartnerTier): TierView => ({
  id: row.id,
  name: row.name,
  min_won_value: readMoney(row.min_won_value),
  currency: row.currency,
  commission_rate: fromBasisPoints(row.rate_bp),
  created_at: row.created_at,
  updated_at: row.updated_at,
});

/** The tenant's tiers, lowest threshold first. */
export async function listTiers(db: Kysely<Database>, tenantId: string): Promise<PartnerTier[]> {
  const rows = await db.selectFrom('partner_tiers').selectAll().where('tenant_id', '=', tenantId).orderBy('min_won_value').orderBy('id').execute();
  return rows.map((r) => ({ ...r, min_won_value: readMoney(r.min_won_value) }));
}

async function getTier(db: Kysely<Database>, tenantId: string, id: string): Promise<PartnerTier> {
  const row = await db.selectFrom('partner_tiers').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Partner tier');
  return { ...row, min_won_value: readMoney(row.min_won_value) };
}

export async function createTier(trx: Kysely<Database>, principal: Principal, input: CreateTierInput): Promise<TierView> {
  const existing = await listTiers(trx, principal.tenantId);
  const currency = input.currency ?? existing[0]?.currency ?? 'USD';
  if (existing[0] && existing[0].currency !== currency) {
    throw invalid('Every tier counts won value in one currency', [{ path: 'currency', message: `the tiers count in ${existing[0].currency}` }]);
  }
  const now = new Date().toISOString();
  const row: PartnerTier = { id: newId('tir'), tenant_id: principal.tenantId, name: input.name, min_won_value: input.min_won_value, currency, rate_bp: toBasisPoints(input.commission_rate), created_at: now, updated_at: now };
  await trx.insertInto('partner_tiers').values(row).execute();
  const tier = toTierView(row);
  await recordInternalChange(trx, principal, 'partner_tier.created', tier.id, null, { partner_tier: tier });
  return tier;
}

export async function updateTier(trx: Kysely<Database>, principal: Principal, id: string, patch: UpdateTierInput): Promise<TierView> {
  const before = toTierView(await getTier(trx, principal.tenantId, id));
  const { changes, previous } = changedFields(before, patch, ['name', 'min_won_value', 'commission_rate']);
  if (changes.length === 0) return before;
  const set: Partial<PartnerTier> = { updated_at: new Date().toISOString() };
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.min_won_value !== undefined) set.min_won_value = patch.min_won_value;
  if (patch.commission_rate !== undefined) set.rate_bp = toBasisPoints(patch.commission_rate);
  await trx.updateTable('partner_tiers').set(set).where('id', '=', id).execute();
  const after = toTierView(await getTier(trx, principal.tenantId, id));
  await recordInternalChange(trx, principal, 'partner_tier.updated', id, null, { partner_tier: after, changes, previous });
  return after;
}

/** Commissions already made keep their tier's rate and id: deleting a tier changes none of them. */
export async function deleteTier(trx: Kysely<Database>, principal: Principal, id: string): Promise<void> {
  const tier = toTierView(await getTier(trx, principal.tenantId, id));
  await trx.deleteFrom('partner_tiers').where('id', '=', id).execute();
  await recordInternalChange(trx, principal, 'partner_tier.deleted', id, null, { partner_tier: tier });
}

/** What a partner has won, in the tiers' currency (minor units). */
export async function wonValue(db: Kysely<Database>, tenantId: string, customerId: string, currency: string): Promise<number> {
  const rows = await db
    .selectFrom('deal_registrations')
    .select('outcome_value')
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .where('status', '=', 'won')
    .where('currency', '=', currency)
    .execute();
  return Number(rows.reduce((sum, r) => sum + BigInt(r.outcome_value ?? 0), 0n));
}

/** The tier a won value reaches (the highest threshold at or below it), and the one after. */
export function placeIn(tiers: readonly PartnerTier[], won: number): { tier: PartnerTier | null; next: PartnerTier | null } {
  let tier: PartnerTier | null = null;
  for (const t of tiers) if (t.min_won_value <= won) tier = t;
  const next = tiers.find((t) => t.min_won_value > won) ?? null;
  return { tier, next };
}

/** The partner's tier now: what a `won` outcome pays at. */
export async function currentTier(db: Kysely<Database>, tenantId: string, customerId: string): Promise<PartnerTier | null> {
  const tiers = await listTiers(db, tenantId);
  if (tiers.length === 0) return null;
  return placeIn(tiers, await wonValue(db, tenantId, customerId, tiers[0]!.currency)).tier;
}

/** `GET /v1/partner/summary`: where the partner stands, what it earned, and what its open registrations would earn. */
export async function partnerSummary(db: Kysely<Database>, principal: ContactPrincipal) {
  const { tenantId, customerId } = principal;
  const tiers = await listTiers(db, tenantId);
  const currency = tiers[0]?.currency ?? null;
  const won = currency ? await wonValue(db, tenantId, customerId, currency) : 0;
  const { tier, next } = placeIn(tiers, won);
  const from = tier?.min_won_value ?? 0;
  const progress = next ? Math.min(1, Math.max(0, (won - from) / (next.min_won_value - from))) : tiers.length ? 1 : 0;
  const registrations = await db.selectFrom('deal_registrations').select(['status', 'estimated_value', 'currency']).where('tenant_id', '=', tenantId).where('customer_id', '=', customerId).execute();
  const count = (...statuses: string[]) => registrations.filter((r) => statuses.includes(r.status)).length;
  const commissions = await db.selectFrom('commissions').select(['status', 'amount', 'currency']).where('tenant_id', '=', tenantId).where('customer_id', '=', customerId).execute();
  const money = (status: string) => totalsByCurrency(commissions.filter((c) => c.status === status).map((c) => ({ currency: c.currency, amount: readMoney(c.amount) }))).map(({ count: _n, ...m }) => m);
  const rate = tier?.rate_bp ?? 0;
  const projected = totalsByCurrency(registrations.filter((r) => r.status === 'approved').map((r) => ({ currency: r.currency, amount: commissionOf(readMoney(r.estimated_value), rate) }))).map(({ count: _n, ...m }) => m);
  return {
    tier: tier ? toTierView(tier) : null,
    next_tier: next ? toTierView(next) : null,
    won_value: won,
    currency,
    progress,
    pipeline: { submitted: count('submitted', 'appealed'), approved: count('approved'), won: count('won') },
    earnings: { pending: money('pending'), earned: money('earned'), paid: money('paid') },
    projected,
  };
}
