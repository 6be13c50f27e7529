import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
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

/** Thrown while streaming when the upload passes the size limit. */
export class BlobTooLarge extends Error {}

const HEAD_BYTES = 4100;

/**
 * Document bytes on disk, addressed by their sha256: the same file uploaded twice is stored once.
 * Uploads stream through a hash to a temporary file and never sit whole in memory.
 * @example const staged = await blobs.stage(stream, 25 * 1024 * 1024); await blobs.link(staged);
 */
export class BlobStore {
  private readonly locks = new Map<string, Promise<void>>();

  constructor(private readonly dir: string) {}

  /**
   * Streams `source` to a temporary file, hashing and metering it. Nothing is addressable
   * until `link`; a failed request calls `discard`, so it leaves nothing behind.
   */
  async stage(source: Readable, limit: number): Promise<StagedBlob> {
    await mkdir(join(this.dir, 'tmp'), { recursive: true });
    const tmp = join(this.dir, 'tmp', randomToken(12));
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

  /** Makes a staged blob addressable by its hash (the same bytes stored before are simply kept). */
  async link(staged: StagedBlob): Promise<void> {
    const target = this.path(staged.sha256);
    await mkdir(join(target, '..'), { recursive: true });
    await rename(staged.tmp, target);
  }

  async discard(staged: StagedBlob): Promise<void> {
    await rm(staged.tmp, { force: true });
  }

  /** `stage` then `link`, for callers with nothing to check in between. */
  async put(source: Readable, limit: number): Promise<StoredBlob> {
    const staged = await this.stage(source, limit);
    await this.link(staged);
    return { sha256: staged.sha256, size: staged.size, head: staged.head };
  }

  /** Forgets the bytes of `sha256`; the caller has made sure no document still uses them. */
  async remove(sha256: string): Promise<void> {
    await rm(this.path(sha256), { force: true });
  }

  /** The bytes of `sha256`, once the file is open (a missing blob fails here, before any header is sent). */
  async open(sha256: string): Promise<ReadStream> {
    const stream = createReadStream(this.path(sha256));
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    return stream;
  }

  /**
   * Runs `work` while no other `exclusive` call for the same hash runs in this process, so that
   * linking a new document's bytes and removing a deleted one's never interleave.
   * @example await blobs.exclusive(sha256, async () => { …record…; await blobs.link(staged); });
   */
  async exclusive<T>(sha256: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(sha256) ?? Promise.resolve();
    const run = previous.then(work);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.locks.set(sha256, tail);
    try {
      return await run;
    } finally {
      if (this.locks.get(sha256) === tail) this.locks.delete(sha256);
    }
  }

  async exists(sha256: string): Promise<boolean> {
    return stat(this.path(sha256)).then(() => true, () => false);
  }

  private path(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256');
    return join(this.dir, sha256.slice(0, 2), sha256);
  }
}
