import { serve as listen, type ServerType } from '@hono/node-server';
import { createApp } from './app.js';
import type { Config } from './config.js';
import type { Deps } from './context.js';
import { createDeps } from './deps.js';
import { startWorkers, type WorkerOptions } from './workers.js';

export interface RunningServer {
  url: string;
  deps: Deps;
  close(): Promise<void>;
}

/**
 * Starts the service: the API and the pages on `config.port`, and the background workers.
 * @example const server = await startServer(loadConfig()); console.log(server.url);
 */
export async function startServer(config: Config, deps?: Deps, workerOptions?: WorkerOptions): Promise<RunningServer> {
  const ready = deps ?? (await createDeps(config));
  const app = createApp(ready);
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = listen({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    s.once('error', reject);
  });
  // Only once the port is ours: a server that cannot listen must not leave workers running.
  const workers = startWorkers(ready, workerOptions);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`,
    deps: ready,
    async close() {
      await workers.stop();
      await ready.live.closeAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Open event streams would hold the server open.
        (server as import('node:http').Server).closeAllConnections?.();
      });
      await ready.storage.close();
    },
  };
}
