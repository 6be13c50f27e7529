import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Busboy from 'busboy';
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { AppEnv, Deps } from '../context.js';
import type { Database } from '../db/database.js';
import { ApiError, invalid } from '../errors.js';
import { storeWithBlob } from './blob-refs.js';
import { BlobTooLarge, type BlobStore, type StagedBlob } from './blob-store.js';
import { sniffContentType } from './content-type.js';

export interface Upload {
  fields: Record<string, string>;
  /** The file, staged: the caller links it once the document is recorded, or discards it. */
  file: { name: string; declaredType: string; blob: StagedBlob };
}

const MAX_FIELDS = 20;
const MAX_NAME = 255;

/** A file name as a client sent it, made safe to keep and to show: no control characters, no path. */
export const safeFileName = (raw: string | null | undefined): string =>
  (raw ?? '').normalize('NFC').replace(/[\u0000-\u001f\u007f/\\]/g, '_').slice(0, MAX_NAME) || 'upload';

/** The request as an idempotency key sees it: its fields and the hash of its file, not its random multipart boundary. */
export function uploadFingerprint(fields: Record<string, string>, fileName: string, sha256: string): string {
  const sorted = Object.keys(fields).sort().map((k) => [k, fields[k]]);
  return createHash('sha256').update(JSON.stringify({ fields: sorted, file: [fileName, sha256] })).digest('hex');
}

function requireMultipart(request: Request): ReadableStream<Uint8Array> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data;/i.test(type)) {
    throw new ApiError(415, 'unsupported_media_type', 'Upload with Content-Type: multipart/form-data');
  }
  if (!request.body) throw invalid('The upload is empty', [{ path: 'file', message: 'required' }]);
  return request.body;
}

/**
 * Parses a multipart upload as it streams in: the text fields, and the one `file` part
 * streamed into `sink` (the blob store, or a plain hash when only a fingerprint is needed).
 */
async function parse<T>(
  request: Request,
  onFile: (stream: Readable) => Promise<T>,
): Promise<{ fields: Record<string, string>; file?: { name: string; declaredType: string; result: T } }> {
  const body = requireMultipart(request);
  const fields: Record<string, string> = {};
  let file: { name: string; declaredType: string; result: T } | undefined;
  let pending: Promise<void> | undefined;
  let failure: unknown;

  const busboy = Busboy({
    headers: { 'content-type': request.headers.get('content-type')! },
    limits: { fields: MAX_FIELDS, fieldSize: 64 * 1024, files: 1, parts: MAX_FIELDS + 1 },
    defParamCharset: 'utf8',
  });
  busboy.on('field', (name, value) => {
    fields[name] = value;
  });
  busboy.on('file', (name, stream, info) => {
    // A request cut off midway (a cancelled upload) errors the part's stream, maybe before its
    // sink is attached: that is the request's failure, reported below, never an uncaught error.
    stream.on('error', (error) => {
      failure ??= error;
    });
    if (name !== 'file' || file || pending) {
      stream.resume();
      return;
    }
    const fileName = safeFileName(info.filename);
    pending = onFile(stream).then(
      (result) => {
        file = { name: fileName, declaredType: info.mimeType, result };
      },
      (error) => {
        failure = error;
        // The sink destroyed the file stream, which busboy would wait on for ever: stop parsing,
        // the rest of the body is not wanted.
        busboy.destroy();
      },
    );
  });
  busboy.on('filesLimit', () => {
    failure ??= invalid('Send one file per upload', [{ path: 'file', message: 'only one file is accepted' }]);
  });

  try {
    await pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>), busboy);
  } catch (error) {
    failure ??= error;
  }
  await pending;
  if (failure instanceof BlobTooLarge) throw new ApiError(413, 'payload_too_large', `The file is too large (${failure.message})`);
  if (failure instanceof ApiError) throw failure;
  if (failure) throw invalid('The multipart body is malformed', [{ path: '(body)', message: String((failure as Error).message ?? failure) }]);
  return { fields, file };
}

/**
 * Reads an upload whose file is staged in the blob store. When the request fails after the
 * file was staged (a malformed end, a body over the limit), the staged file is discarded.
 * @example const { fields, file } = await readUpload(c.req.raw, deps.blobs, config.uploadLimit);
 */
export async function readUpload(request: Request, blobs: BlobStore, limit: number): Promise<Upload> {
  let staged: StagedBlob | undefined;
  try {
    const { fields, file } = await parse(request, async (stream) => (staged = await blobs.stage(stream, limit)));
    if (!file) throw invalid('The upload has no file', [{ path: 'file', message: 'required' }]);
    return { fields, file: { name: file.name, declaredType: file.declaredType, blob: file.result } };
  } catch (error) {
    if (staged) await blobs.discard(staged);
    throw error;
  }
}

/** The fingerprint of an upload, read without storing it: what a replayed Idempotency-Key is compared by. */
export async function fingerprintUpload(request: Request, limit: number): Promise<string> {
  const { fields, file } = await parse(request, async (stream) => {
    const hash = createHash('sha256');
    let size = 0;
    await pipeline(
      stream,
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          if (size > limit) return done(new BlobTooLarge(`larger than ${limit} bytes`));
          hash.update(chunk);
          done();
        },
      }),
    );
    return hash.digest('hex');
  });
  return uploadFingerprint(fields, file?.name ?? '', file?.result ?? '');
}

/** An accepted file, as the repository records it: its name, sniffed type, hash and size. */
export interface ReceivedFile {
  name: string;
  contentType: string;
  sha256: string;
  size: number;
}

/**
 * The whole of an upload route: reads the multipart body (the file staged), reports its
 * fingerprint for `Idempotency-Key`, then hands the staged file to `acceptUpload`.
 * @example return c.json(await receiveUpload(c, (fields) => parse(fields), (trx, file) => createDocument(trx, principal, { fields, ...file })), 201);
 */
export async function receiveUpload<F, T>(
  c: Context<AppEnv>,
  check: (fields: Record<string, string>) => F,
  write: (trx: Kysely<Database>, fields: F, file: ReceivedFile) => Promise<T>,
): Promise<T> {
  const { deps } = c.var;
  const upload = await readUpload(c.req.raw, deps.blobs, deps.config.uploadLimit);
  c.set('fingerprint', uploadFingerprint(upload.fields, upload.file.name, upload.file.blob.sha256));
  return acceptUpload(deps, upload, check, write);
}

/**
 * What every upload (multipart or resumable) ends with: lets `check` refuse the text fields,
 * refuses an empty file, sniffs the type, then records the file with `write` and stores its
 * bytes in one transaction. Whatever fails, nothing staged stays behind.
 * @example await acceptUpload(deps, { fields, file: { name, declaredType, blob } }, check, write);
 */
export async function acceptUpload<F, T>(
  deps: Deps,
  upload: Upload,
  check: (fields: Record<string, string>) => F,
  write: (trx: Kysely<Database>, fields: F, file: ReceivedFile) => Promise<T>,
): Promise<T> {
  const { blob } = upload.file;
  try {
    const fields = check(upload.fields);
    if (blob.size === 0) throw invalid('The file is empty', [{ path: 'file', message: 'must hold at least one byte' }]);
    const contentType = await sniffContentType(blob.head, blob.size, upload.file.name, upload.file.declaredType);
    return await storeWithBlob(deps, blob, (trx) => write(trx, fields, { name: upload.file.name, contentType, sha256: blob.sha256, size: blob.size }));
  } finally {
    await deps.blobs.discard(blob);
  }
}
