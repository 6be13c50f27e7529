import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { assertSha256, BlobMissing, stageToFile, type BlobStore, type ByteRange, type StagedBlob } from './blob-store.js';

/**
 * Document bytes on disk under `dir` (`DATA_DIR/blobs` by default), one file per hash in a
 * folder named by its first two hex digits. Staged uploads wait in `dir/tmp`, on the same
 * file system, so linking one is a rename.
 * @example const blobs = new DataDirBlobStore(join(config.dataDir, 'blobs'));
 */
export class DataDirBlobStore implements BlobStore {
  constructor(private readonly dir: string) {}

  stage(source: Readable, limit: number): Promise<StagedBlob> {
    return stageToFile(join(this.dir, 'tmp'), source, limit);
  }

  /** Nothing ahead of time: linking is a rename on the same file system. */
  async prepare(): Promise<void> {}

  async link(staged: StagedBlob): Promise<void> {
    const target = this.path(staged.sha256);
    await mkdir(join(target, '..'), { recursive: true });
    await rename(staged.tmp, target);
  }

  async discard(staged: StagedBlob): Promise<void> {
    await rm(staged.tmp, { force: true });
  }

  async open(sha256: string, range?: ByteRange): Promise<Readable> {
    // Large reads: a 64 KB chunk per turn of the event loop would cap a download well below the disk.
    const stream = createReadStream(this.path(sha256), { highWaterMark: 1024 * 1024, ...(range ? { start: range.start, end: range.end } : {}) });
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? new BlobMissing(sha256) : error));
    });
    return stream;
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.path(sha256), { force: true });
  }

  async exists(sha256: string): Promise<boolean> {
    return (await this.size(sha256)) !== null;
  }

  async size(sha256: string): Promise<number | null> {
    return stat(this.path(sha256)).then((s) => s.size, () => null);
  }

  async close(): Promise<void> {}

  private path(sha256: string): string {
    return join(this.dir, assertSha256(sha256).slice(0, 2), sha256);
  }
}
