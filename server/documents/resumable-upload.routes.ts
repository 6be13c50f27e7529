import { Server } from '@tus/server';
import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';
import { createRouter } from '../lib/router.js';
import { getDocument } from './document.repository.js';
import { BlobUploadStore, finishUpload, ownUpload, uploadCall, type UploadCall } from './resumable-upload.js';

/** Our error codes for the tus server's own refusals, which it words as plain text. */
const CODES: Record<number, string> = {
  400: 'validation_failed',
  403: 'forbidden',
  404: 'not_found',
  409: 'offset_conflict',
  410: 'gone',
  412: 'precondition_failed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  423: 'locked',
  460: 'checksum_mismatch',
  501: 'not_implemented',
};

const current = (): UploadCall => uploadCall.getStore()!;

/**
 * The tus server behind `/v1/uploads`: our store (`BlobUploadStore`), the upload limit from
 * `Upload-Length` before any byte, and on the last byte the document or version made through
 * the same code as a multipart upload, answered in the PATCH's body.
 */
const tus = new Server({
  path: '/v1/uploads',
  datastore: new BlobUploadStore(),
  relativeLocation: true,
  maxSize: () => current().deps.config.uploadLimit,
  // The id is a random 128-bit name; the route holds who may use it.
  async onUploadFinish(_req, upload) {
    const { deps, principal } = current();
    const row = await ownUpload(deps.db, principal, upload.id);
    const document = row.completed_at && row.result_id ? await getDocument(deps.db, principal, row.result_id) : await finishUpload(deps, principal, upload.id);
    return { status_code: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(document) };
  },
  onResponseError(_req, error) {
    if (error instanceof ApiError) return { status_code: error.status, body: JSON.stringify(error.toJSON()) };
    // Anything but a refusal is ours to report (a 500, logged), not a protocol answer.
    if (!('status_code' in error) || error.status_code >= 500) throw error;
    return undefined;
  },
});

/** `Upload-Checksum: sha1|sha256 <base64>`, the tus checksum extension; another algorithm is a 400. */
function checksumOf(header: string | undefined): UploadCall['checksum'] {
  if (!header) return undefined;
  const [algorithm, digest] = header.trim().split(/\s+/);
  if ((algorithm !== 'sha1' && algorithm !== 'sha256') || !digest) {
    throw new ApiError(400, 'unsupported_checksum', 'Upload-Checksum takes sha1 or sha256 and a base64 digest');
  }
  return { algorithm, digest };
}

/** Every tus answer in our error shape where it is one: JSON `{error: {code, message}}`. */
async function inOurShape(response: Response): Promise<Response> {
  if (response.status < 400) return response;
  const text = await response.text();
  const body = text.startsWith('{') ? text : JSON.stringify({ error: { code: CODES[response.status] ?? 'upload_refused', message: text.trim() || 'The upload was refused' } });
  const headers = new Headers(response.headers);
  headers.set('Content-Type', 'application/json');
  headers.delete('Content-Length');
  return new Response(body, { status: response.status, headers });
}

async function handle(c: Context<AppEnv>): Promise<Response> {
  const { deps, principal } = c.var;
  const checksum = c.req.method === 'PATCH' ? checksumOf(c.req.header('upload-checksum')) : undefined;
  const response = await uploadCall.run({ deps, principal, ...(checksum ? { checksum } : {}) }, () => tus.handleWeb(c.req.raw));
  return inOurShape(response);
}

/**
 * `/v1/uploads`: resumable uploads with the tus protocol (1.0.0: creation, termination,
 * expiration, checksum). `POST` with `Upload-Length` and `Upload-Metadata` (`filename`,
 * `filetype`, and a new document's fields, or `document_id` for a new version) is checked
 * like the multipart routes before any byte; `HEAD` and `PATCH` resume; `DELETE` ends one.
 * Hono answers `HEAD` with the `GET` route, which hands the request on as it came.
 */
export const resumableUploadRoutes = createRouter()
  .post('/v1/uploads', handle)
  .get('/v1/uploads/:id', handle)
  .patch('/v1/uploads/:id', handle)
  .delete('/v1/uploads/:id', handle);
