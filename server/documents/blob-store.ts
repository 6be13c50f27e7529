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

/** Thrown while streaming when the upload passes the size limit. */
export class BlobTooLarge extends Error {}

const HEAD_BYTES = 4100;

/**
 * Document bytes on disk, addressed by their sha256: the same file uploaded twice is stored once.
 * Uploads stream through a hash to a temporary file and never sit whole in memory.
 * @example const blob = await blobs.put(stream, 25 * 1024 * 1024);
 */
export class BlobStore {
  constructor(private readonly dir: string) {}

  async put(source: Readable, limit: number): Promise<StoredBlob> {
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
    try {
      await pipeline(source, meter, createWriteStream(tmp));
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    const sha256 = hash.digest('hex');
    const target = this.path(sha256);
    await mkdir(join(target, '..'), { recursive: true });
    await rename(tmp, target);
    return { sha256, size, head: Buffer.concat(headChunks).subarray(0, HEAD_BYTES) };
  }

  open(sha256: string): ReadStream {
    return createReadStream(this.path(sha256));
  }

  async exists(sha256: string): Promise<boolean> {
    return stat(this.path(sha256)).then(() => true, () => false);
  }

  private path(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256');
    return join(this.dir, sha256.slice(0, 2), sha256);
  }
}
