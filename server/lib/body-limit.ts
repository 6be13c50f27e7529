import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';

/**
 * Limits a request body without holding it: a declared `Content-Length` over `maxSize` is
 * refused at once; otherwise the body is metered as it streams, and the reader that passes
 * `maxSize` gets the error `tooLarge` makes. (Hono's own `bodyLimit` buffers a chunked body
 * whole, which uploads must never do.)
 * @example app.use('/v1/documents', streamingBodyLimit(26 * 1024 * 1024, () => new ApiError(413, …)));
 */
export function streamingBodyLimit(maxSize: number, tooLarge: () => Error): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const raw = c.req.raw;
    if (!raw.body) return next();
    const declared = raw.headers.get('content-length');
    if (declared !== null && !raw.headers.has('transfer-encoding')) {
      if (Number(declared) > maxSize) throw tooLarge();
      return next();
    }
    let size = 0;
    const meter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > maxSize) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    });
    c.req.raw = new Request(raw, { body: raw.body.pipeThrough(meter), duplex: 'half' } as RequestInit);
    return next();
  };
}
