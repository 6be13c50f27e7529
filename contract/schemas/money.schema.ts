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

/**
 * A commission rate as sent (`0.125` for 12.5 %): at most four decimals, between 0 and 1, so
 * that it is a whole number of basis points. The API shows it back as the same fraction.
 */
export const CommissionRate = z
  .number()
  .min(0)
  .max(1)
  .refine((r) => Math.abs(Math.round(r * 10_000) - r * 10_000) < 1e-6, 'at most four decimals (0.125 is 12.5 %)')
  .openapi({ example: 0.1, description: 'A fraction of the deal value: 0.1 is 10 %' });
