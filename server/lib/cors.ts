import type { MiddlewareHandler } from 'hono';

const ALLOW_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';
/** With the tus protocol's request headers, for resumable uploads (`/v1/uploads`). */
const ALLOW_HEADERS =
  'Authorization, Content-Type, Idempotency-Key, If-Match, Last-Event-ID, Tus-Resumable, Upload-Length, Upload-Metadata, Upload-Offset, Upload-Checksum, Upload-Defer-Length, Upload-Concat, X-HTTP-Method-Override, X-Requested-With';
const EXPOSE_HEADERS =
  'ETag, Retry-After, Idempotent-Replayed, Location, Tus-Resumable, Tus-Version, Tus-Extension, Tus-Max-Size, Tus-Checksum-Algorithm, Upload-Offset, Upload-Length, Upload-Metadata, Upload-Expires, Accept-Ranges, Content-Range, Content-Length';

/**
 * CORS for the API: any origin may call, because the credential is a bearer token and never a
 * cookie (the tenant's `allowed_origins` is checked on the request itself, in `authenticate`).
 * Preflights are answered for every origin, as the contract says. Written here rather than
 * with `hono/cors` because that one touches the response before the handler runs, which on the
 * Node adapter builds a full Response object for every request of the hottest routes.
 */
export const apiCors: MiddlewareHandler = async (c, next) => {
  if (c.req.method === 'OPTIONS') {
    return c.body(null, 204, {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': ALLOW_METHODS,
      'Access-Control-Allow-Headers': ALLOW_HEADERS,
      'Access-Control-Max-Age': '600',
    });
  }
  c.header('Access-Control-Allow-Origin', '*');
  c.header('Access-Control-Expose-Headers', EXPOSE_HEADERS);
  await next();
};
