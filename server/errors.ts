import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The body of every error response: `{"error": {"code", "message", "details"?}}`. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/**
 * An error that becomes a response in the contract's shape.
 * @example throw new ApiError(404, 'not_found', 'Task not found');
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toJSON(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}

/** 404 for what is absent or not visible to the caller: the two are never told apart. */
export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);

/** 403 for an authenticated caller doing what its role may not. */
export const forbidden = (message: string, code = 'forbidden') => new ApiError(403, code, message);

/** 400 with the failing fields, as `[{path, message}]`. */
export const invalid = (message: string, details?: { path: string; message: string }[]) =>
  new ApiError(400, 'validation_failed', message, details);
