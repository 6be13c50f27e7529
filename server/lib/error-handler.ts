import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { ApiError, invalid } from '../errors.js';

const httpCodes: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  408: 'request_timeout',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/** A failed zod parse as a 400 with one `{path, message}` per failing field. */
export function validationError(error: ZodError): ApiError {
  const details = error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message }));
  const first = details[0];
  return invalid(first ? `Invalid ${first.path}: ${first.message}` : 'Invalid input', details);
}

/** Whether an error came from a client that went away or sent a broken body. */
const isClientAbort = (error: unknown) =>
  error instanceof Error && ['ECONNRESET', 'ERR_STREAM_PREMATURE_CLOSE', 'ABORT_ERR'].includes((error as NodeJS.ErrnoException).code ?? '');

/**
 * The one error handler: every error becomes `{"error": {...}}`. Known errors keep their
 * status; anything unexpected is logged and answered as a 500 without its stack.
 */
export const onError: ErrorHandler = (error, c) => {
  if (error instanceof ApiError) {
    for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
    return c.json(error.toJSON(), error.status);
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    const malformedJson = status === 400 && /json/i.test(error.message);
    const code = malformedJson ? 'invalid_json' : (httpCodes[status] ?? 'bad_request');
    const message = malformedJson ? 'The request body is not valid JSON' : error.message || code;
    return c.json({ error: { code, message } }, status as 400);
  }
  if (error instanceof SyntaxError) {
    return c.json({ error: { code: 'invalid_json', message: 'The request body is not valid JSON' } }, 400);
  }
  if (isClientAbort(error)) {
    return c.json({ error: { code: 'bad_request', message: 'The request body ended early' } }, 400);
  }
  console.error(`[error] ${c.req.method} ${c.req.path}:`, error);
  return c.json({ error: { code: 'internal_error', message: 'Something went wrong on our side; the request was not completed' } }, 500);
};

export const onNotFound: NotFoundHandler = (c) =>
  c.json({ error: { code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}` } }, 404);
