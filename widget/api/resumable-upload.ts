import { Upload, type DetailedError, type HttpRequest } from 'tus-js-client';
import { RequestError } from './request-error.js';

export interface ResumableUploadOptions {
  /** `…/v1/uploads` on the service. */
  endpoint: string;
  token(renew?: boolean): Promise<string>;
  file: File;
  /** tus metadata: the new document's fields (snake_case), or `document_id` for a new version. */
  fields: Record<string, string>;
  /** Who uploads (the fingerprint's part): another person on the same browser never resumes it. */
  owner: string;
  onProgress?: ((sent: number, total: number) => void) | undefined;
  /** Aborted with reason `'pause'`: the upload stops and resumes next time; otherwise it is ended on the service. */
  signal?: AbortSignal | undefined;
}

/** A part per request: what a dropped connection can cost at most, and what the service stores as one piece. */
const CHUNK = 8 * 1024 * 1024;
/** After a dropped connection: tries again at once, then waits longer each time (about a minute in all). */
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10_000, 20_000, 30_000];

/** A failed tus request as the widget tells failures: the service's error body, or a network error. */
function asRequestError(error: Error | DetailedError): RequestError {
  const response = (error as DetailedError).originalResponse;
  if (!response) return RequestError.network(error);
  let body: { error?: { code?: string; message?: string } } = {};
  try {
    body = JSON.parse(response.getBody() || '{}') as typeof body;
  } catch {
    // A body that is not ours (a proxy's page): the status says enough.
  }
  return new RequestError(response.getStatus(), body.error?.code ?? 'upload_failed', body.error?.message ?? error.message);
}

/**
 * Uploads `file` with the tus protocol: in parts, each retried after a dropped connection, and
 * resumed where it stopped after the page is reloaded (tus-js-client keeps the upload's address
 * in localStorage under a fingerprint of the file, its target and who sends it). Answers the
 * document the service made of it (wire JSON).
 * @example const doc = await resumableUpload({ endpoint: api.url('/v1/uploads'), token, file, fields: { folder_id }, owner });
 */
export function resumableUpload(options: ResumableUploadOptions): Promise<unknown> {
  const { file, signal } = options;
  const target = JSON.stringify(options.fields);
  let renew = false;
  return new Promise((resolve, reject) => {
    const upload: Upload = new Upload(file, {
      endpoint: options.endpoint,
      chunkSize: CHUNK,
      retryDelays: RETRY_DELAYS,
      metadata: { filename: file.name, filetype: file.type, ...options.fields },
      removeFingerprintOnSuccess: true,
      fingerprint: async () => ['cp-upload', options.owner, file.name, file.type, file.size, file.lastModified, options.endpoint, target].join('|'),
      async onBeforeRequest(req: HttpRequest) {
        req.setHeader('Authorization', `Bearer ${await options.token(renew)}`);
        renew = false;
      },
      onShouldRetry(error, attempt) {
        const status = error.originalResponse?.getStatus() ?? 0;
        // An expired token: once more with a fresh one. A refusal (4xx) is final; the network and 5xx are not.
        if (status === 401 && attempt === 0) return (renew = true);
        return status === 0 || status === 409 || status === 423 || status >= 500;
      },
      onProgress: (sent, total) => options.onProgress?.(sent, total),
      async onSuccess({ lastResponse }) {
        const body = lastResponse.getBody();
        if (body) return resolve(JSON.parse(body));
        // Found complete when resumed (its answer was lost): the service answers the document once more.
        const url = upload.url!;
        const response = await fetch(url, {
          method: 'PATCH',
          headers: { authorization: `Bearer ${await options.token()}`, 'tus-resumable': '1.0.0', 'upload-offset': String(file.size), 'content-type': 'application/offset+octet-stream' },
        });
        if (response.ok) resolve(await response.json());
        else reject(await RequestError.from(response));
      },
      onError: (error) => reject(asRequestError(error)),
    });
    const stopped = () => new DOMException(signal?.reason === 'pause' ? 'Upload paused' : 'Upload cancelled', 'AbortError');
    if (signal?.aborted) {
      // Cancelled while paused: the upload kept for resuming is ended on the service and forgotten here.
      void upload
        .findPreviousUploads()
        .then((previous) => {
          if (!previous[0] || signal.reason === 'pause') return;
          upload.resumeFromPreviousUpload(previous[0]);
          return upload.abort(true);
        })
        .catch(() => undefined)
        .then(() => reject(stopped()));
      return;
    }
    signal?.addEventListener(
      'abort',
      () => {
        void upload.abort(signal.reason !== 'pause');
        reject(stopped());
      },
      { once: true },
    );
    void upload.findPreviousUploads().then((previous) => {
      if (signal?.aborted) return;
      if (previous[0]) upload.resumeFromPreviousUpload(previous[0]);
      upload.start();
    }, reject);
  });
}
