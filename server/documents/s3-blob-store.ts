import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { assertSha256, BlobMissing, stageToFile, type BlobStore, type ByteRange, type StagedBlob } from './blob-store.js';

/** Where the bucket is: what `BLOB_STORE_URL=s3://BUCKET[/PREFIX]?endpoint=URL&region=R` says. */
export interface S3Location {
  bucket: string;
  /** Put before every key, e.g. `portal/` (empty by default). */
  prefix: string;
  endpoint: string | undefined;
  region: string;
}

/**
 * Reads `s3://BUCKET[/PREFIX]?endpoint=URL&region=R`; anything else is a start-up error.
 * @example parseS3Url('s3://portal-files?endpoint=http://127.0.0.1:9000&region=us-east-1');
 */
export function parseS3Url(raw: string): S3Location {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`BLOB_STORE_URL must look like s3://BUCKET?endpoint=URL&region=R, got "${raw}"`);
  }
  if (url.protocol !== 's3:' || !url.hostname) throw new Error(`BLOB_STORE_URL must look like s3://BUCKET?endpoint=URL&region=R, got "${raw}"`);
  const path = decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, '');
  return {
    bucket: url.hostname,
    prefix: path ? `${path}/` : '',
    endpoint: url.searchParams.get('endpoint') || undefined,
    region: url.searchParams.get('region') || 'us-east-1',
  };
}

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

const isNotFound = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
};

/**
 * Document bytes in an S3-compatible bucket, one object per hash, so that instances on several
 * machines share them. Uploads are staged on local disk first (`stagingDir`), hashed on the way:
 * the object's key is its hash, known only at the end, and a failed request never reaches the
 * bucket. With a custom endpoint (MinIO, a local test server), keys are addressed path-style.
 * @example const blobs = new S3BlobStore(parseS3Url(config.blobStoreUrl), join(config.dataDir, 'blobs', 'tmp'));
 */
export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;

  constructor(
    private readonly location: S3Location,
    private readonly stagingDir: string,
    credentials?: S3Credentials,
  ) {
    this.client = new S3Client({
      region: location.region,
      endpoint: location.endpoint,
      forcePathStyle: location.endpoint !== undefined,
      credentials,
      // Checksums only where S3 requires them: S3-compatible servers differ in the trailing
      // checksums newer SDKs add by default, and the key already is the content's sha256.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  stage(source: Readable, limit: number): Promise<StagedBlob> {
    return stageToFile(this.stagingDir, source, limit);
  }

  /** Uploads the object, outside any transaction (it takes as long as the file is large). */
  async prepare(staged: StagedBlob): Promise<void> {
    await this.put(staged);
  }

  /**
   * Inside the transaction that took the hash's reference row: the object is there unless the
   * removal of the hash's previous last reference deleted it after `prepare` (then it is put
   * again). The staged file stays until `discard`.
   */
  async link(staged: StagedBlob): Promise<void> {
    if ((await this.size(staged.sha256)) === null) await this.put(staged);
  }

  private async put(staged: StagedBlob): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.location.bucket, Key: this.key(staged.sha256), Body: createReadStream(staged.tmp), ContentLength: staged.size }),
    );
  }

  async discard(staged: StagedBlob): Promise<void> {
    await rm(staged.tmp, { force: true });
  }

  async open(sha256: string, range?: ByteRange): Promise<Readable> {
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.location.bucket, Key: this.key(sha256), Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
      );
      return object.Body as Readable;
    } catch (error) {
      if (isNotFound(error)) throw new BlobMissing(sha256);
      throw error;
    }
  }

  async remove(sha256: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.location.bucket, Key: this.key(sha256) }));
  }

  async exists(sha256: string): Promise<boolean> {
    return (await this.size(sha256)) !== null;
  }

  async size(sha256: string): Promise<number | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.location.bucket, Key: this.key(sha256) }));
      return head.ContentLength ?? 0;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  private key(sha256: string): string {
    return `${this.location.prefix}${assertSha256(sha256).slice(0, 2)}/${sha256}`;
  }
}
