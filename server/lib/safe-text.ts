import { invalid } from '../errors.js';

/**
 * What text the service refuses in any input, and why. A NUL cannot be stored by PostgreSQL (and
 * would be stored by SQLite: the two must agree); an unpaired UTF-16 surrogate is not Unicode
 * text, cannot be encoded as UTF-8, and would read back as replacement characters.
 */
function problemOf(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000), which text cannot hold';
  // In a `u` regex a surrogate pair is one code point; only a lone surrogate is of category Cs.
  if (/\p{Cs}/u.test(text)) return 'contains an unpaired UTF-16 surrogate, which is not Unicode text';
  return null;
}

/** Every string (keys included) of a parsed input that holds a NUL or a lone surrogate, by path. */
function unsafeText(value: unknown, path: string[], found: { path: string; message: string }[]): void {
  const at = (key?: string) => [...path, ...(key === undefined ? [] : [key])].join('.') || '(body)';
  if (typeof value === 'string') {
    const message = problemOf(value);
    if (message) found.push({ path: at(), message });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => unsafeText(item, [...path, String(index)], found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const message = problemOf(key);
      // The key itself is what is wrong: name its parent, never echo it.
      if (message) found.push({ path: at(), message: `has a field name that ${message}` });
      else unsafeText(item, [...path, key], found);
    }
  }
}

/**
 * Refuses, with a 400 naming each field, any input (JSON body, query, path, headers, form or
 * multipart fields) holding text no database of ours can keep as sent. The value itself is
 * never echoed. Every route's validation calls it (`lib/router.ts`), before its schema.
 * @example assertSafeText(upload.fields);
 */
export function assertSafeText(input: unknown): void {
  const found: { path: string; message: string }[] = [];
  unsafeText(input, [], found);
  if (found.length > 0) throw invalid(`Invalid ${found[0]!.path}: ${found[0]!.message}`, found);
}
