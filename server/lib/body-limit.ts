import type { IncomingMessage } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';

/** The media types Hono's validator reads as JSON. */
const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * Limits a JSON body and reads it straight from Node's request: a declared `Content-Length`
 * over `maxSize` is refused at once, a longer chunked body as soon as it passes `maxSize`. The
 * text goes into Hono's body cache, so `c.req.json()`, `c.req.text()` and the validators answer
 * from it and no web `Request` is ever built for the body (undici's `Request`, its
 * `AbortSignal` and the web stream around the socket cost about a tenth of a small write).
 * Without Node's request (`app.request` in tests) Hono's `bodyLimit` does the same job.
 * @example app.use('/v1/*', jsonBodyLimit(1024 * 1024, () => new ApiError(413, …)));
 */
export function jsonBodyLimit(maxSize: number, tooLarge: () => Error): MiddlewareHandler<AppEnv> {
  const fallback = bodyLimit({
    maxSize,
    onError: () => {
      throw tooLarge();
    },
  });
  return async (c, next) => {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    const type = c.req.header('content-type')?.split(';')[0]!.trim() ?? '';
    if (!incoming || !JSON_TYPE.test(type) || incoming.readableDidRead) return fallback(c, next);
    const declared = incoming.headers['content-length'];
    const chunked = incoming.headers['transfer-encoding'] !== undefined;
    if (declared !== undefined && !chunked && Number(declared) > maxSize) throw tooLarge();
    if ((declared === undefined || declared === '0') && !chunked) return next();
    const text = readText(incoming, maxSize, tooLarge);
    // Hono keeps the promise of each body reading under its name (its type says otherwise).
    (c.req.bodyCache as { text?: Promise<string> }).text = text;
    await text;
    return next();
  };
}

/**
 * The body as text, as `Request.text()` would decode it (UTF-8, a leading BOM dropped); the
 * reader stops, and rejects with `tooLarge()`, as soon as it passes `maxSize`, leaving the rest
 * unread (`unread-body.ts` then closes the connection after the answer).
 */
function readText(incoming: IncomingMessage, maxSize: number, tooLarge: () => Error): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = () => {
      incoming.off('data', onData).off('end', onEnd).off('error', onError).off('close', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxSize) return void chunks.push(chunk);
      settle();
      incoming.pause();
      reject(tooLarge());
    };
    const onEnd = () => {
      settle();
      const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)).toString('utf8');
      resolve(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    };
    // The client went away mid-body: nobody reads the answer, but it is theirs, not ours.
    const onError = () => {
      settle();
      reject(new ApiError(400, 'bad_request', 'The request body ended before it was complete'));
    };
    incoming.on('data', onData).once('end', onEnd).once('error', onError).once('close', onError);
  });
}

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
