/**
 * A request the API refused (its `{"error": {code, message, details}}`), or one that never
 * reached it (`status` 0, code `network_error`).
 * @example if (error instanceof RequestError && error.status === 409) reload();
 */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'RequestError';
  }

  /** Reads the contract's error body; a body that is not one still gives a usable error. */
  static async from(response: Response): Promise<RequestError> {
    let body: { error?: { code?: string; message?: string; details?: unknown } } = {};
    try {
      body = await response.json();
    } catch {
      // a proxy's HTML page, or nothing: keep the status
    }
    const error = body.error ?? {};
    return new RequestError(response.status, error.code ?? `http_${response.status}`, error.message ?? response.statusText, error.details);
  }

  /** The service could not be reached, or (`timedOut`) did not answer in time. */
  static network(cause: unknown, timedOut = false): RequestError {
    const error = new RequestError(0, 'network_error', timedOut ? 'The portal did not answer in time' : 'The portal could not be reached');
    error.cause = cause;
    return error;
  }
}

/** Any thrown value as a RequestError, so views and `cp-error` see one shape. */
export const asRequestError = (error: unknown): RequestError =>
  error instanceof RequestError ? error : new RequestError(0, 'client_error', error instanceof Error ? error.message : String(error));
