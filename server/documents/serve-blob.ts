import { Readable } from 'node:stream';
import type { Context } from 'hono';
import { transact, type AppEnv } from '../context.js';
import { ApiError } from '../errors.js';
import type { ByteRange } from './blob-store.js';
import { contentDisposition, servedContentType } from './content-type.js';
import { recordDocumentAccess, countDownload } from './document.repository.js';
import type { DocumentView } from './document.schema.js';

export interface ServedBlob {
  sha256: string;
  size: number;
  contentType: string;
  disposition: string;
  cacheControl: string;
}

/** `If-None-Match` holds this entity tag (or `*`). */
const matches = (header: string | undefined, etag: string) =>
  header !== undefined && header.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === etag);

/**
 * The one range a `Range: bytes=…` header asks for, within `size`: undefined for the whole body
 * (no header, several ranges, another unit: RFC 9110 lets a server answer those in full), a
 * 416 for a range that starts past the end.
 * @example byteRange('bytes=0-99', 1000) // { start: 0, end: 99 }
 */
export function byteRange(header: string | undefined, size: number): ByteRange | undefined {
  const match = header?.trim().match(/^bytes=(\d*)-(\d*)$/);
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const [, first, last] = match as unknown as [string, string, string];
  let start: number;
  let end: number;
  if (first === '') {
    // A suffix: the last N bytes.
    start = Math.max(0, size - Number(last));
    end = size - 1;
  } else {
    start = Number(first);
    end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  }
  if (start >= size || end < start) {
    throw new ApiError(416, 'range_not_satisfiable', `The file holds ${size} bytes`, { size }, { 'Content-Range': `bytes */${size}` });
  }
  return { start, end };
}

/**
 * Streams stored bytes with the headers that keep them inert (nosniff, a sandboxing CSP) and
 * cacheable (the sha256 as ETag, answered with 304 when the client already holds it), one byte
 * range of them when the client asks (`Range`, so audio and video seek without downloading all).
 * @example return serveBlob(c, { sha256, size, contentType: 'image/png', disposition: 'inline', cacheControl: 'public, max-age=300' });
 */
export async function serveBlob(c: Context<AppEnv>, blob: ServedBlob): Promise<Response> {
  const etag = `"${blob.sha256}"`;
  const headers: Record<string, string> = {
    ETag: etag,
    'Cache-Control': blob.cacheControl,
    'Content-Disposition': blob.disposition,
    'Accept-Ranges': 'bytes',
    'X-Content-Type-Options': 'nosniff',
    // Opened in a tab by mistake, the file still runs nothing and reaches nothing.
    'Content-Security-Policy': "sandbox; default-src 'none'",
  };
  if (matches(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
  const ifRange = c.req.header('if-range');
  // A client whose copy is another version (`If-Range`) gets the whole current one.
  const range = ifRange === undefined || ifRange === etag ? byteRange(c.req.header('range'), blob.size) : undefined;
  const bytes = await c.var.deps.blobs.open(blob.sha256, range);
  const body = Readable.toWeb(bytes) as ReadableStream;
  if (!range) return c.body(body, 200, { ...headers, 'Content-Type': blob.contentType, 'Content-Length': String(blob.size) });
  return c.body(body, 206, {
    ...headers,
    'Content-Type': blob.contentType,
    'Content-Length': String(range.end - range.start + 1),
    'Content-Range': `bytes ${range.start}-${range.end}/${blob.size}`,
  });
}

/**
 * A document's bytes (any of its versions) as a download: always an attachment under its name,
 * in a type that a browser never runs, revalidated on every use.
 * @example return serveDownload(c, await getDocument(db, principal, id));
 */
export function serveDownload(c: Context<AppEnv>, file: { sha256: string; size: number; content_type: string; name: string }): Promise<Response> {
  return serveBlob(c, {
    sha256: file.sha256,
    size: file.size,
    contentType: servedContentType(file.content_type),
    disposition: contentDisposition('attachment', file.name),
    cacheControl: 'private, no-cache',
  });
}

/**
 * The audit row of bytes served (a download of any version, a preview): only when bytes went
 * out, not for a 304 revalidation.
 * @example return recordServed(c, document, 'document.downloaded', await serveDownload(c, document));
 */
export async function recordServed(c: Context<AppEnv>, document: DocumentView, type: 'document.downloaded' | 'document.previewed', response: Response, version?: number): Promise<Response> {
  if (c.req.method === 'GET' && (response.status === 200 || response.status === 206)) {
    // A library download is counted once per file sent: a 200, or a range from its first byte.
    const whole = response.status === 200 || /^bytes 0-/.test(response.headers.get('content-range') ?? '');
    await transact(c.var.deps, async (trx) => {
      await recordDocumentAccess(trx, c.var.principal, document, type, version);
      if (type === 'document.downloaded' && version === undefined && whole) await countDownload(trx, document);
    });
  }
  return response;
}
