import { fileTypeFromBuffer } from 'file-type';

/** The image types a tenant's logo may have: what every mail client and browser shows. */
export const LOGO_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

const GENERIC = 'application/octet-stream';

/** Control characters that plain text does not hold (tab, line feed, form feed, carriage return and escape are fine). */
const BINARY_BYTE = /[\u0000-\u0008\u000b\u000e-\u001a\u001c-\u001f\u007f]/;

/** Whether `head` (the first bytes of a file, `complete` when it is the whole file) reads as UTF-8 text. */
function isUtf8Text(head: Buffer, complete: boolean): boolean {
  try {
    // Streaming mode forgives a character cut in two at the end of an incomplete head.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete });
    return !BINARY_BYTE.test(text);
  } catch {
    return false;
  }
}

/**
 * The type a file really has, from its first bytes: the client's declared type is never
 * trusted. Binary formats are recognised by their signature; UTF-8 text becomes `text/csv`
 * (when named or declared so) or `text/plain`; anything else is `application/octet-stream`.
 * @example await sniffContentType(blob.head, blob.size, 'report.csv', 'text/csv') // 'text/csv'
 */
export async function sniffContentType(head: Buffer, size: number, name: string, declaredType: string): Promise<string> {
  const detected = await fileTypeFromBuffer(head);
  if (detected) return detected.mime;
  if (!isUtf8Text(head, size <= head.length)) return GENERIC;
  return /\.csv$/i.test(name) || /^text\/csv\b/i.test(declaredType) ? 'text/csv' : 'text/plain';
}

/** Types a browser could run as a page or a script: they are only ever served as bytes. */
const ACTIVE = /html|xml|svg|javascript|ecmascript|x-shockwave-flash/i;

/**
 * The Content-Type a stored document is served with: scriptable types (HTML, SVG, XML, …)
 * become `application/octet-stream`, text gets its charset.
 * @example servedContentType('image/svg+xml') // 'application/octet-stream'
 */
export function servedContentType(stored: string): string {
  if (ACTIVE.test(stored)) return GENERIC;
  return stored.startsWith('text/') ? `${stored}; charset=utf-8` : stored;
}

/** RFC 5987 encoding of a UTF-8 value: `encodeURIComponent` leaves a few characters the header grammar does not allow. */
const extValue = (value: string) =>
  encodeURIComponent(value).replace(/['()*!]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * A `Content-Disposition` header (RFC 6266) that every browser reads safely: an ASCII
 * `filename` fallback with quotes, backslashes, percent signs and non-ASCII replaced, and the
 * exact name in `filename*`.
 * @example contentDisposition('attachment', 'Résumé "final".pdf')
 * // attachment; filename="Resume _final_.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22.pdf
 */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const fallback = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${extValue(name)}`;
}
