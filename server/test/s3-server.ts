import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import S3rver from 's3rver';
import type { Config } from '../config.js';

/** A local S3-compatible server (s3rver) with one bucket, and the configuration that points at it. */
export interface LocalS3 {
  /** `blobStoreUrl` and `s3Credentials` for `startTestApp` or `loadConfig`. */
  config: Pick<Config, 'blobStoreUrl' | 's3Credentials'>;
  /** The same, as environment variables for a `serve` process. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Starts s3rver on a free loopback port, speaking the real S3 protocol (signed requests
 * included) to the real client: nothing of the client library is mocked.
 * @example const s3 = await startLocalS3(); const t = await startTestApp(database, s3.config); … await s3.close();
 */
export async function startLocalS3(bucket = 'portal-test'): Promise<LocalS3> {
  const directory = mkdtempSync(join(tmpdir(), 'cp-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  const { port } = (await server.run()) as AddressInfo;
  const blobStoreUrl = `s3://${bucket}?endpoint=${encodeURIComponent(`http://127.0.0.1:${port}`)}&region=us-east-1`;
  const s3Credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  return {
    config: { blobStoreUrl, s3Credentials },
    env: { BLOB_STORE_URL: blobStoreUrl, AWS_ACCESS_KEY_ID: s3Credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: s3Credentials.secretAccessKey },
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
