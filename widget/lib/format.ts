import { getLocale } from './localization.js';
import type { DateFormat } from '../api/api.types.js';
import { datePattern as pattern } from '../../contract/dates.js';

const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

/** Formatters are costly to build and a long list asks for thousands of dates: keep one per shape. */
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) formatters.set(key, (formatter = make()));
  return formatter;
}

/**
 * A calendar date (`YYYY-MM-DD`) or a timestamp's local date, in the user's date format, or
 * through `Intl` in the widget's locale when the format is `auto`.
 * @example formatDate('2026-03-04', 'DD/MM/YYYY') // "04/03/2026"
 */
export function formatDate(value: string | null, format: DateFormat = 'auto'): string {
  if (!value) return '';
  // A list of thousands of tasks shows a few dozen distinct dates, on every render.
  const key = `${getLocale()} ${format} ${value}`;
  let text = formatted.get(key);
  if (text === undefined) {
    if (formatted.size >= 2000) formatted.clear();
    formatted.set(key, (text = formatOnce(value, format)));
  }
  return text;
}

const formatted = new Map<string, string>();

function formatOnce(value: string, format: DateFormat): string {
  const calendar = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = calendar ? new Date(`${value}T00:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const timeZone = calendar ? 'UTC' : undefined;
  if (format !== 'auto') {
    return calendar
      ? pattern(format, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())
      : pattern(format, date.getFullYear(), date.getMonth() + 1, date.getDate());
  }
  return cached(`d:${getLocale()}:${timeZone}`, () => new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeZone })).format(date);
}

/** A timestamp with its time of day. */
export function formatDateTime(value: string, format: DateFormat = 'auto'): string {
  const date = new Date(value);
  const time = cached(`t:${getLocale()}`, () => new Intl.DateTimeFormat(getLocale(), { timeStyle: 'short' })).format(date);
  return `${formatDate(value, format)} ${time}`;
}

/** A file size in the largest unit that keeps it above 1, e.g. "1.4 MB". */
export function formatSize(bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const formatter = cached(`s:${getLocale()}:${unit}`, () =>
    new Intl.NumberFormat(getLocale(), { style: 'unit', unit: units[unit], unitDisplay: unit ? 'short' : 'long', maximumFractionDigits: unit ? 1 : 0 }),
  );
  return formatter.format(value);
}

export const formatNumber = (value: number) => cached(`n:${getLocale()}`, () => new Intl.NumberFormat(getLocale())).format(value);

/** A share of 1 as a percentage, e.g. 0.42 → "42 %" in French. */
export const formatPercent = (share: number) =>
  cached(`p:${getLocale()}`, () => new Intl.NumberFormat(getLocale(), { style: 'percent', maximumFractionDigits: 0 })).format(share);

/**
 * The form of a count's sentence the language's plural rules call for (`Intl.PluralRules`:
 * French says "0 tâche", "1 tâche", "2 tâches"; English "0 tasks", "1 task"). Each form is a
 * whole translated message, so word order stays the translator's.
 * @example plural(n, { one: msg(str`${n} task`), other: msg(str`${n} tasks`) })
 */
export function plural(count: number, forms: { one: string; other: string }): string {
  const locale = getLocale();
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(count) === 'one' ? forms.one : forms.other;
}

const pluralRules = new Map<string, Intl.PluralRules>();
