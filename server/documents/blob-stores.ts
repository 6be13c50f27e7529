import { join } from 'node:path';
import type { Config } from '../config.js';
import type { BlobStore } from './blob-store.js';
import { DataDirBlobStore } from './data-dir-blob-store.js';
import { parseS3Url, S3BlobStore } from './s3-blob-store.js';

/**
 * The blob store the configuration names: an S3-compatible bucket with `BLOB_STORE_URL`, else
 * the data directory. Either way uploads are staged under `DATA_DIR/blobs/tmp`.
 * @example const blobs = createBlobStore(loadConfig({ BLOB_STORE_URL: 's3://files?endpoint=http://127.0.0.1:9000' }));
 */
export function createBlobStore(config: Pick<Config, 'dataDir' | 'blobStoreUrl' | 's3Credentials'>): BlobStore {
  const dir = join(config.dataDir, 'blobs');
  if (!config.blobStoreUrl) return new DataDirBlobStore(dir);
  return new S3BlobStore(parseS3Url(config.blobStoreUrl), join(dir, 'tmp'), config.s3Credentials ?? undefined);
}
