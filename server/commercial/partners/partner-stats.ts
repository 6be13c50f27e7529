import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { readMoney, totalsByCurrency } from '../money.js';

const DAY_MS = 86_400_000;

/** The middle value (the mean of the two middle ones for an even count), or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The channel team's figures for the tenant: registrations by status, the approval rate among
 * decided ones (approved, and what became of them, against rejected), the median days from
 * registration to outcome, and the won value by the tier it was won at.
 */
export async function partnerStats(db: Kysely<Database>, tenantId: string, customerId?: string) {
  let query = db.selectFrom('deal_registrations as g').leftJoin('commissions as m', 'm.registration_id', 'g.id').leftJoin('partner_tiers as t', 't.id', 'm.tier_id')
    .select(['g.status', 'g.created_at', 'g.outcome_at', 'g.outcome_value', 'g.currency', 'm.tier_id', 't.name as tier_name'])
    .where('g.tenant_id', '=', tenantId);
  if (customerId) query = query.where('g.customer_id', '=', customerId);
  const rows = await query.execute();
  const registrations: Record<string, number> = { submitted: 0, approved: 0, rejected: 0, appealed: 0, expired: 0, won: 0, lost: 0 };
  for (const r of rows) registrations[r.status] = (registrations[r.status] ?? 0) + 1;
  const approved = registrations.approved! + registrations.expired! + registrations.won! + registrations.lost!;
  const decided = approved + registrations.rejected!;
  const days = rows.filter((r) => r.outcome_at).map((r) => Math.round(((Date.parse(r.outcome_at!) - Date.parse(r.created_at)) / DAY_MS) * 10) / 10);
  const byTier = new Map<string, { tier_id: string | null; tier_name: string | null; rows: { currency: string; amount: number }[] }>();
  for (const r of rows.filter((x) => x.status === 'won')) {
    const key = r.tier_id ?? '';
    const entry = byTier.get(key) ?? { tier_id: r.tier_id, tier_name: r.tier_name ?? null, rows: [] };
    entry.rows.push({ currency: r.currency, amount: readMoney(r.outcome_value ?? 0) });
    byTier.set(key, entry);
  }
  return {
    registrations,
    approval_rate: decided ? approved / decided : null,
    median_days_to_outcome: median(days),
    won_value_by_tier: [...byTier.values()].flatMap((t) => totalsByCurrency(t.rows).map((m) => ({ tier_id: t.tier_id, tier_name: t.tier_name, ...m }))),
  };
}
