import { Readable } from 'node:stream';
import type { Context } from 'hono';
import type { AppEnv } from '../context.js';

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
 * Streams stored bytes with the headers that keep them inert (nosniff, a sandboxing CSP) and
 * cacheable (the sha256 as ETag, answered with 304 when the client already holds it).
 * @example return serveBlob(c, { sha256, size, contentType: 'image/png', disposition: 'inline', cacheControl: 'public, max-age=300' });
 */
export async function serveBlob(c: Context<AppEnv>, blob: ServedBlob): Promise<Response> {
  const etag = `"${blob.sha256}"`;
  const headers = {
    ETag: etag,
    'Cache-Control': blob.cacheControl,
    'Content-Disposition': blob.disposition,
    'X-Content-Type-Options': 'nosniff',
    // Opened in a tab by mistake, the file still runs nothing and reaches nothing.
    'Content-Security-Policy': "sandbox; default-src 'none'",
  };
  if (matches(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
  const bytes = await c.var.deps.blobs.open(blob.sha256);
  return c.body(Readable.toWeb(bytes) as ReadableStream, 200, { ...headers, 'Content-Type': blob.contentType, 'Content-Length': String(blob.size) });
}
