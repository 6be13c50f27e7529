import { loadConfig } from '../config.js';
import { startServer, type RunningServer } from '../serve.js';
import type { databases } from './harness.js';
import { persistentDatabase } from './persistent-database.js';

/**
 * The whole server (`startServer`: HTTP on a real port, the workers) on a database of its own
 * that outlives the process, for tests that need a socket or a second process beside it.
 * @example const { server, store, close } = await startStoredServer(database); …; await close();
 */
export async function startStoredServer(database: (typeof databases)[number]): Promise<{ server: RunningServer; store: Awaited<ReturnType<typeof persistentDatabase>>; close(): Promise<void> }> {
  const store = await persistentDatabase(database);
  const config = loadConfig({ DATABASE_URL: store.url, PUBLIC_URL: 'http://portal.test' }, { dataDir: store.dataDir, port: 0 });
  const server = await startServer(config, undefined, { log: () => {} });
  return {
    server,
    store,
    async close() {
      await server.close();
      await store.drop();
    },
  };
}
