import { z } from '@hono/zod-openapi';

/** ISO 4217 codes the runtime knows (Node's ICU list: every active currency). */
const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** An ISO 4217 currency code, upper case: `EUR`, `JPY`. Unknown codes are refused. */
export const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as EUR')
  .refine((code) => CURRENCIES.has(code), 'not an ISO 4217 currency')
  .openapi({ example: 'EUR', description: 'ISO 4217' });

/**
 * An amount in integer minor units (cents for EUR, yen for JPY): never negative, never a
 * fraction, and within what a JavaScript number holds exactly, so sums stay exact.
 */
export const MinorUnits = z
  .number()
  .int('expected whole minor units (cents), not a fraction')
  .nonnegative('expected zero or more')
  .max(Number.MAX_SAFE_INTEGER)
  .openapi({ example: 125000, description: 'Integer minor units of `currency`' });

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

/**
 * A commission rate as sent (`0.125` for 12.5 %) in basis points, exactly: at most four
 * decimals, between 0 and 1. The API shows it back as the same fraction.
 */
export const CommissionRate = z
  .number()
  .min(0)
  .max(1)
  .refine((r) => Math.abs(Math.round(r * 10_000) - r * 10_000) < 1e-6, 'at most four decimals (0.125 is 12.5 %)')
  .openapi({ example: 0.1, description: 'A fraction of the deal value: 0.1 is 10 %' });
export const toBasisPoints = (rate: number) => Math.round(rate * 10_000);
export const fromBasisPoints = (bp: number) => bp / 10_000;
