import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { PassThrough, Readable, Transform } from 'node:stream';
import { DataStore, ERRORS, Upload } from '@tus/server';
import type { Kysely } from 'kysely';
import { authorize } from '../auth/policy.js';
import { callerKey, type Principal } from '../auth/principal.js';
import type { Deps } from '../context.js';
import type { Database, UploadRow } from '../db/database.js';
import { ApiError, invalid, notFound } from '../errors.js';
import { randomToken } from '../lib/ids.js';
import type { StagedBlob } from './blob-store.js';
import { createDocument, createVersion, placeDocument, versionTarget } from './document.repository.js';
import { uploadFieldsOf, type DocumentView } from './document.schema.js';
import { acceptUpload, safeFileName } from './upload.js';

/** Who is asking, for the store's methods (which the tus server calls without the request). */
export interface UploadCall {
  deps: Deps;
  principal: Principal;
  /** `Upload-Checksum`, parsed: the digest the bytes of this PATCH must have. */
  checksum?: { algorithm: 'sha1' | 'sha256'; digest: string };
}

/** The request being served, set by the route around the tus server's handler. */
export const uploadCall = new AsyncLocalStorage<UploadCall>();

const call = (): UploadCall => {
  const current = uploadCall.getStore();
  if (!current) throw new Error('a resumable upload outside its request');
  return current;
};

/** tus metadata keys that are not a new document's fields. */
const FILE_KEYS = ['filename', 'filetype', 'document_id'];

/** A part's key in the blob store: a hash, like every key there, that no content can take. */
const partKey = (uploadId: string, token: string) => createHash('sha256').update(`upload-part:${uploadId}:${token}`).digest('hex');

/**
 * The upload `id` of the caller: 404 for an unknown id, another caller's upload or one that
 * expired, never told apart. A new version's document must still be visible to the caller.
 */
export async function ownUpload(db: Kysely<Database>, principal: Principal, id: string): Promise<UploadRow> {
  const row = await db
    .selectFrom('uploads')
    .selectAll()
    .where('id', '=', id)
    .where('tenant_id', '=', principal.tenantId)
    .where('created_by', '=', callerKey(principal))
    .where('expires_at', '>', new Date().toISOString())
    .executeTakeFirst();
  if (!row) throw notFound('Upload');
  if (row.document_id && !row.completed_at) {
    authorize(principal, 'documents.version');
    await versionTarget(db, principal, row.document_id);
  } else if (!row.completed_at) {
    authorize(principal, 'documents.upload');
  }
  return row;
}

const toUpload = (row: UploadRow) =>
  new Upload({ id: row.id, size: Number(row.size), offset: Number(row.offset), metadata: JSON.parse(row.metadata) as Record<string, string | null>, creation_date: row.created_at });

/**
 * Checks what a new upload asks for, before any byte of it is accepted: the capability, the
 * document a version is for (404 when the caller may not see it), or the new document's
 * fields and place (customer, task, folder), exactly as the multipart routes do.
 */
async function checkTarget(db: Kysely<Database>, principal: Principal, metadata: Record<string, string>): Promise<{ documentId: string | null; fields: Record<string, string> }> {
  const fields = Object.fromEntries(Object.entries(metadata).filter(([k]) => !FILE_KEYS.includes(k)));
  if (!metadata.filename) throw invalid('Name the file in Upload-Metadata', [{ path: 'filename', message: 'required' }]);
  if (metadata.document_id !== undefined) {
    authorize(principal, 'documents.version');
    const extra = Object.keys(fields);
    if (extra.length > 0) throw invalid('A new version takes only its file', extra.map((path) => ({ path, message: 'unknown field' })));
    await versionTarget(db, principal, metadata.document_id);
    return { documentId: metadata.document_id, fields };
  }
  authorize(principal, 'documents.upload');
  await placeDocument(db, principal, uploadFieldsOf(principal, fields), metadata.filetype || 'application/octet-stream');
  return { documentId: null, fields };
}

/** The stored parts of upload `id`, in order, from `start`. */
const partsOf = (db: Kysely<Database>, id: string) => db.selectFrom('upload_parts').selectAll().where('upload_id', '=', id).orderBy('start').execute();

/** Forgets the parts of `ids` (their bytes, then their rows) and the uploads themselves. */
async function removeUploads(deps: Deps, ids: readonly string[], keepRows = false): Promise<void> {
  for (const id of ids) {
    for (const part of await partsOf(deps.db, id)) {
      await deps.blobs.remove(part.key);
      await deps.db.deleteFrom('upload_parts').where('upload_id', '=', id).where('key', '=', part.key).execute();
    }
    if (!keepRows) await deps.db.deleteFrom('uploads').where('id', '=', id).execute();
  }
}

/**
 * Deletes the uploads past their expiry, finished or not, with every byte they stored (on disk
 * or in the bucket): what the worker loop runs. Answers how many went.
 * @example await expireUploads(deps);
 */
export async function expireUploads(deps: Deps): Promise<number> {
  const expired = await deps.db.selectFrom('uploads').select('id').where('expires_at', '<=', new Date().toISOString()).limit(100).execute();
  await removeUploads(deps, expired.map((r) => r.id));
  return expired.length;
}

/** Passes `source` on and ends when it ends or is cut off: a dropped connection keeps what arrived. */
function untilCut(source: Readable): { stream: Readable; cut: () => boolean } {
  let cut = false;
  let stopped = false;
  const out = new PassThrough();
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (!source.readableEnded) cut = true;
    source.unpipe(out);
    out.end();
  };
  source.once('error', stop);
  source.once('close', () => !source.readableEnded && stop());
  source.pipe(out);
  return { stream: out, cut: () => cut };
}

/** A hash of what passes, for `Upload-Checksum`. */
function hashing(algorithm: string) {
  const hash = createHash(algorithm);
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return { stream, digest: () => hash.digest('base64') };
}

/**
 * The tus data store of the service: each upload's state in the database (so every instance
 * knows it), its bytes as parts in the blob store (the data directory, or the shared bucket),
 * one part per PATCH, staged and hashed on the way like every upload. Parts are put together
 * into one blob when the last byte arrives (`finishUpload`).
 */
export class BlobUploadStore extends DataStore {
  constructor() {
    super();
    this.extensions = ['creation', 'termination', 'expiration', 'checksum'];
  }

  override async create(upload: Upload): Promise<Upload> {
    const { deps, principal } = call();
    const metadata = Object.fromEntries(Object.entries(upload.metadata ?? {}).map(([k, v]) => [k, v ?? '']));
    if (upload.size === undefined) throw (invalid('Send Upload-Length: the size is checked before any byte is accepted', [{ path: 'Upload-Length', message: 'required' }]));
    if (upload.size === 0) throw (invalid('The file is empty', [{ path: 'file', message: 'must hold at least one byte' }]));
    const target = await checkTarget(deps.db, principal, metadata);
    const now = new Date();
    await deps.db
      .insertInto('uploads')
      .values({
        id: upload.id,
        tenant_id: principal.tenantId,
        created_by: callerKey(principal),
        name: safeFileName(metadata.filename),
        declared_type: (metadata.filetype ?? '').slice(0, 255),
        document_id: target.documentId,
        fields: JSON.stringify(target.fields),
        metadata: JSON.stringify(upload.metadata ?? {}),
        size: upload.size,
        offset: 0,
        completed_at: null,
        result_id: null,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + deps.config.resumableUploadTtlMs).toISOString(),
      })
      .execute();
    return new Upload({ ...upload, offset: 0, creation_date: now.toISOString() });
  }

  override async getUpload(id: string): Promise<Upload> {
    const { deps, principal } = call();
    return toUpload(await ownUpload(deps.db, principal, id));
  }

  /**
   * Stores the bytes of one PATCH as a part: staged (a cut connection keeps what arrived,
   * unless a checksum was sent), then put in the blob store, then counted in the upload's
   * offset on the condition that no other instance moved it meanwhile (409 otherwise).
   */
  override async write(source: Readable, id: string, offset: number): Promise<number> {
    const { deps, principal, checksum } = call();
    const row = await ownUpload(deps.db, principal, id);
    const { stream, cut } = untilCut(source);
    const hash = checksum ? hashing(checksum.algorithm) : null;
    const staged = await deps.blobs.stage(hash ? stream.pipe(hash.stream) : stream, Number(row.size) - offset);
    try {
      if (checksum && (cut() || hash!.digest() !== checksum.digest)) {
        throw { status_code: 460, body: JSON.stringify(new ApiError(400, 'checksum_mismatch', `The bytes sent do not match Upload-Checksum (${checksum.algorithm})`).toJSON()) };
      }
      if (staged.size === 0) return offset;
      const token = randomToken(12);
      const part: StagedBlob = { ...staged, sha256: partKey(id, token) };
      // Recorded before its bytes are stored: whatever happens next, expiry finds and removes them.
      await deps.db.insertInto('upload_parts').values({ upload_id: id, key: part.sha256, start: offset, size: null }).execute();
      await deps.blobs.prepare(part);
      await deps.blobs.link(part);
      const moved = await deps.storage.transaction(async (trx) => {
        const result = await trx.updateTable('uploads').set({ offset: offset + staged.size }).where('id', '=', id).where('offset', '=', offset).where('completed_at', 'is', null).executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return false;
        await trx.updateTable('upload_parts').set({ size: staged.size }).where('upload_id', '=', id).where('key', '=', part.sha256).execute();
        return true;
      });
      if (!moved) {
        await deps.blobs.remove(part.sha256);
        await deps.db.deleteFrom('upload_parts').where('upload_id', '=', id).where('key', '=', part.sha256).execute();
        throw ERRORS.INVALID_OFFSET;
      }
      return offset + staged.size;
    } finally {
      await deps.blobs.discard(staged);
    }
  }

  override async remove(id: string): Promise<void> {
    const { deps, principal } = call();
    await removeUploads(deps, [(await ownUpload(deps.db, principal, id)).id]);
  }

  override async deleteExpired(): Promise<number> {
    return expireUploads(call().deps);
  }

  override getExpiration(): number {
    return uploadCall.getStore()?.deps.config.resumableUploadTtlMs ?? 24 * 3600_000;
  }
}

/**
 * The end of upload `id`, once its last byte is stored: its parts read in order into one
 * staged blob (hashed, sniffed), then the document or version recorded with its event through
 * `acceptUpload`, exactly as a multipart upload is, and the upload marked finished in the same
 * transaction (so two instances finishing it at once make one document). A refusal (the folder
 * went meanwhile, an empty or wrong file) deletes the upload and its bytes.
 * @example const document = await finishUpload(deps, principal, 'a1b2…');
 */
export async function finishUpload(deps: Deps, principal: Principal, id: string): Promise<DocumentView> {
  const row = await ownUpload(deps.db, principal, id);
  const parts = await partsOf(deps.db, id);
  const bytes = Readable.from(
    (async function* () {
      for (const part of parts.filter((p) => p.size !== null)) yield* await deps.blobs.open(part.key);
    })(),
  );
  const blob = await deps.blobs.stage(bytes, deps.config.uploadLimit);
  const fields = JSON.parse(row.fields) as Record<string, string>;
  try {
    if (blob.size !== Number(row.size)) throw new ApiError(409, 'upload_incomplete', 'The upload does not hold all its bytes yet');
    const document = await acceptUpload(
      deps,
      { fields, file: { name: row.name, declaredType: row.declared_type, blob } },
      (raw) => (row.document_id ? raw : uploadFieldsOf(principal, raw)),
      async (trx, checked, file) => {
        const claimed = await trx.updateTable('uploads').set({ completed_at: new Date().toISOString() }).where('id', '=', id).where('completed_at', 'is', null).executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) throw new ApiError(409, 'upload_finished', 'This upload was finished by another request');
        const made = row.document_id ? await createVersion(trx, principal, row.document_id, file) : await createDocument(trx, principal, { fields: checked as ReturnType<typeof uploadFieldsOf>, ...file });
        await trx.updateTable('uploads').set({ result_id: made.id }).where('id', '=', id).execute();
        return made;
      },
    );
    await removeUploads(deps, [id], true);
    return document;
  } catch (error) {
    if (error instanceof ApiError && error.code !== 'upload_finished') await removeUploads(deps, [id]);
    throw error;
  } finally {
    await deps.blobs.discard(blob);
  }
}
