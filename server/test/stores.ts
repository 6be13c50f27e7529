import { afterAll, beforeAll } from 'vitest';
import { buildWorld, databases, startTestApp } from './harness.js';
import { startLocalS3, type LocalS3 } from './s3-server.js';
import type { Suite } from './suite.js';

/** Every database, with each blob store: the data directory and a real S3-compatible server. */
export const storeCases = databases.flatMap((database) => (['data-dir', 's3'] as const).map((store) => ({ database, store, name: `${database.name} + ${store}` })));

/**
 * `useWorld` on one database and blob store: for `s3`, a local S3-compatible server runs for the suite.
 * @example describe.each(storeCases)('x on $name', (c) => { const env = useStoreWorld(c); it(…, () => env.t.request(…)); });
 */
export function useStoreWorld({ database, store }: (typeof storeCases)[number]): Suite {
  const suite = {} as Suite;
  let s3: LocalS3 | undefined;
  beforeAll(async () => {
    if (store === 's3') s3 = await startLocalS3();
    suite.t = await startTestApp(database, s3?.config ?? {});
    suite.w = await buildWorld(suite.t);
  });
  afterAll(async () => {
    await suite.t.close();
    await s3?.close();
  });
  return suite;
}
