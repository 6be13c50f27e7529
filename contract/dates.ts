/**
 * Dates as a person asked to read them, shared by the service (notifications, emails) and the
 * widget, so both write a date the same way. Nothing here may import from `server/` or `widget/`.
 */

/** A person's date format (`date_format` in their preferences); `auto` follows their language. */
export const DATE_FORMATS = ['auto', 'YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const formatters = new Map<string, Intl.DateTimeFormat>();
const pad = (n: number) => String(n).padStart(2, '0');

/** `format` filled with a year, month and day. */
export function datePattern(format: Exclude<DateFormat, 'auto'>, y: number, m: number, d: number): string {
  const parts = { YYYY: String(y), MM: pad(m), DD: pad(d) };
  return format.replace(/YYYY|MM|DD/g, (token) => parts[token as keyof typeof parts]);
}

/**
 * A calendar date (`YYYY-MM-DD`, a day with no time zone) in `format`, or through `Intl` in
 * `locale` (medium style) when the format is `auto`; anything else is answered as it came.
 * @example formatCalendarDate('2026-03-04', 'DD/MM/YYYY', 'en') // "04/03/2026"
 * @example formatCalendarDate('2026-03-04', 'auto', 'fr') // "4 mars 2026"
 */
export function formatCalendarDate(value: string, format: DateFormat, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (format !== 'auto') return datePattern(format, y, m, d);
  const key = `${locale}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    } catch {
      formatter = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });
    }
    formatters.set(key, formatter);
  }
  return formatter.format(new Date(Date.UTC(y, m - 1, d)));
}
