import pg from 'pg';
import type { Worker } from '../lib/worker-loop.js';
import type { EventBus } from './event-bus.js';

const MIN_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

/**
 * Shares the live stream between instances on PostgreSQL: one dedicated connection `LISTEN`s on
 * `cp_events` (the event log's `pg_notify` on commit) and wakes the local bus, so every reader of
 * this instance reads the log. If the connection drops it reconnects with a growing pause, and
 * wakes the bus once connected, since notifications sent meanwhile were lost (the log was not).
 * @example const listener = startPgListener(storage.pgConfig!, deps.bus); await listener.stop();
 */
export function startPgListener(config: pg.ClientConfig, bus: EventBus, log: (line: string) => void = console.error): Worker {
  let stopped = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  let delay = MIN_RETRY_MS;

  const connect = async () => {
    if (stopped) return;
    const current = new pg.Client({ ...config, keepAlive: true });
    client = current;
    const lost = (error?: Error) => {
      if (client !== current) return;
      client = null;
      current.removeAllListeners();
      current.on('error', () => {});
      current.end().catch(() => {});
      if (stopped) return;
      log(`[live] LISTEN connection lost${error ? `: ${error.message}` : ''}; reconnecting in ${delay} ms`);
      retry = setTimeout(connect, delay);
      retry.unref();
      delay = Math.min(delay * 2, MAX_RETRY_MS);
    };
    current.on('error', lost);
    current.on('end', () => lost());
    current.on('notification', () => bus.wake());
    try {
      await current.connect();
      await current.query('LISTEN cp_events');
      delay = MIN_RETRY_MS;
      bus.wake();
    } catch (error) {
      lost(error instanceof Error ? error : new Error(String(error)));
    }
  };
  void connect();

  return {
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      const current = client;
      client = null;
      if (current) {
        current.removeAllListeners();
        current.on('error', () => {});
        await current.end().catch(() => {});
      }
    },
  };
}
