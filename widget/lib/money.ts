import { getLocale } from './localization.js';

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(currency: string): Intl.NumberFormat {
  const key = `${getLocale()}:${currency}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(getLocale(), { style: 'currency', currency })));
  return f;
}

/** The currency's minor-unit digits (2 for EUR, 0 for JPY), from `Intl`. */
export const minorDigits = (currency: string): number => formatter(currency).resolvedOptions().maximumFractionDigits ?? 2;

/** Minor units as an exact decimal string in major units (no floating point): 125050 → "1250.50". */
export function toDecimal(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  return digits ? `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}` : `${sign}${text}`;
}

/**
 * An amount in integer minor units, formatted in the person's locale with `Intl` (given as an
 * exact decimal string, so no floating-point rounding on the way).
 * @example formatMoney(125050, 'EUR') // "1 250,50 €" in French, "€1,250.50" in English
 */
export function formatMoney(minor: number, currency: string): string {
  // Intl formats a decimal string exactly (ECMA-402 "Intl.NumberFormat v3").
  return formatter(currency).format(toDecimal(minor, currency) as unknown as number);
}

/**
 * What a person typed ("1 250,50", "1250.5") as integer minor units, or null when it is not an
 * amount of `currency` (more decimals than it has, negative, not a number).
 * @example parseMoney('12.5', 'EUR') // 1250
 */
export function parseMoney(input: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const text = input.replace(/[\s\u00a0\u202f']/g, '').replace(',', '.');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[2]?.length ?? 0) > digits) return null;
  const minor = BigInt(match[1]!) * 10n ** BigInt(digits) + BigInt((match[2] ?? '').padEnd(digits, '0') || '0');
  return minor <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(minor) : null;
}
