import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomToken } from '../lib/ids.js';

export interface StoredBlob {
  sha256: string;
  size: number;
  /** The first bytes, for sniffing the type. */
  head: Buffer;
}

/** A blob written to a temporary file: `link` makes it addressable, `discard` forgets it. */
export interface StagedBlob extends StoredBlob {
  readonly tmp: string;
}

/** An inclusive byte range of a blob, as an HTTP `Range` header names it. */
export interface ByteRange {
  start: number;
  end: number;
}

/** Thrown while streaming when the upload passes the size limit. */
export class BlobTooLarge extends Error {}

/** Thrown by `open` when the bytes are not in the store. */
export class BlobMissing extends Error {}

/**
 * Where document bytes live, addressed by their sha256: the same bytes uploaded twice are stored
 * once. Two implementations: the data directory (`DataDirBlobStore`) and an S3-compatible bucket
 * (`S3BlobStore`). Which hashes are still referenced is the database's business (`blob-refs.ts`):
 * a store only keeps, serves and forgets bytes.
 * @example const staged = await blobs.stage(stream, limit); await blobs.link(staged); const bytes = await blobs.open(staged.sha256);
 */
export interface BlobStore {
  /**
   * Streams `source` to a temporary local file, hashing and metering it. Nothing is addressable
   * until `link`; a failed request calls `discard`, so it leaves nothing behind.
   */
  stage(source: Readable, limit: number): Promise<StagedBlob>;
  /**
   * The slow part of storing a staged blob, done before the transaction that records it (an
   * upload to the bucket); `link` then only makes sure the bytes are there.
   */
  prepare(staged: StagedBlob): Promise<void>;
  /** Makes a staged blob addressable by its hash (the same bytes stored before are simply kept). */
  link(staged: StagedBlob): Promise<void>;
  /** Forgets a staged blob's temporary file (a no-op once linked). */
  discard(staged: StagedBlob): Promise<void>;
  /** The bytes of `sha256` (or a range of them), once they are found: a missing blob fails with `BlobMissing` before any header is sent. */
  open(sha256: string, range?: ByteRange): Promise<Readable>;
  /** Forgets the bytes of `sha256`; the caller has made sure nothing references them. */
  remove(sha256: string): Promise<void>;
  exists(sha256: string): Promise<boolean>;
  /** The size of the bytes stored under `sha256`, or null when there are none. */
  size(sha256: string): Promise<number | null>;
  /** Stops what the store holds open (an HTTP agent). */
  close(): Promise<void>;
}

const HEAD_BYTES = 4100;

/** Checks that `sha256` is a lowercase hex digest before it names a file or an object. */
export function assertSha256(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256');
  return sha256;
}

/**
 * Streams `source` into a new file under `dir`, hashing and metering it on the way: what both
 * stores stage uploads with, so a 1 GiB upload never sits in memory.
 * @example const staged = await stageToFile(join(dataDir, 'tmp'), request, 1024 ** 3);
 */
export async function stageToFile(dir: string, source: Readable, limit: number): Promise<StagedBlob> {
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, randomToken(12));
  const hash = createHash('sha256');
  let size = 0;
  const headChunks: Buffer[] = [];
  let headLength = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > limit) return done(new BlobTooLarge(`larger than ${limit} bytes`));
      if (headLength < HEAD_BYTES) {
        headChunks.push(chunk);
        headLength += chunk.length;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const sink = createWriteStream(tmp);
  try {
    await pipeline(source, meter, sink);
  } catch (error) {
    // A stream destroyed while still opening creates its file afterwards: remove it once closed.
    if (!sink.closed) await new Promise<void>((resolve) => sink.once('close', () => resolve()));
    await rm(tmp, { force: true });
    throw error;
  }
  return { tmp, sha256: hash.digest('hex'), size, head: Buffer.concat(headChunks).subarray(0, HEAD_BYTES) };
}
