/** The money schemas are the contract's (`contract/schemas/money.schema.ts`); the sums and conversions are the service's. */
export { CommissionRate, Currency, MinorUnits } from '../../contract/schemas/money.schema.js';

/** A money column as stored: PostgreSQL's bigint arrives as a string. */
export const readMoney = (value: number | string | bigint): number => Number(value);
export const readNullableMoney = (value: number | string | bigint | null): number | null => (value === null ? null : Number(value));

/** Sums money exactly (BigInt), failing loudly rather than rounding past 2^53. */
export function sumMinor(values: readonly number[]): number {
  const total = values.reduce((acc, v) => acc + BigInt(v), 0n);
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('sum beyond exact range');
  return Number(total);
}

/** Totals per currency, in the order currencies first appear. */
export function totalsByCurrency(rows: readonly { currency: string; amount: number }[]): { currency: string; amount: number; count: number }[] {
  const by = new Map<string, { currency: string; sum: bigint; count: number }>();
  for (const r of rows) {
    const entry = by.get(r.currency) ?? { currency: r.currency, sum: 0n, count: 0 };
    entry.sum += BigInt(r.amount);
    entry.count++;
    by.set(r.currency, entry);
  }
  return [...by.values()].map((e) => ({ currency: e.currency, amount: Number(e.sum), count: e.count }));
}

/**
 * `amount × rate_bp / 10 000`, rounded half up to a whole minor unit, in integers (BigInt):
 * 12.5 % of 999 cents is 124.875, which becomes 125 cents.
 * @example commissionOf(999, 1250) // 125
 */
export function commissionOf(amount: number, rateBp: number): number {
  return Number((BigInt(amount) * BigInt(rateBp) + 5_000n) / 10_000n);
}

/** A commission rate (`CommissionRate`, `0.125`) in basis points (`1250`), exactly, and back. */
export const toBasisPoints = (rate: number) => Math.round(rate * 10_000);
export const fromBasisPoints = (bp: number) => bp / 10_000;
