import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * The thread's code, evaluated as CommonJS (so the bundle needs no file of its own): its own
 * connection to the database file copies the WAL back into the database every `intervalMs`.
 * A PASSIVE checkpoint never waits for the service's connection and never blocks it.
 */
const THREAD = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy or closing: the next turn retries */ }
}, workerData.intervalMs);
`;

/**
 * Checkpoints the WAL of the SQLite file at `path` on a thread of its own. better-sqlite3 is
 * synchronous, so an automatic checkpoint (every 1,000 pages, in whichever COMMIT crosses the
 * line) stops the whole event loop while it writes and fsyncs the database file: 20 to 140 ms
 * on a busy disk, which every request in flight then waits for. Once this runs, the service's
 * connection checkpoints only when the thread falls behind by 10,000 pages (`connect.ts`).
 * @example const stop = startCheckpointer('/data/portal.db', () => sqlite.pragma('wal_autocheckpoint = 1000')); …; await stop();
 */
export function startCheckpointer(path: string, onFailure: (error: Error) => void, intervalMs = 250): () => Promise<void> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  // No execArgv: the service's own loader flags (tsx in development) would only slow the thread's start.
  const worker = new Worker(THREAD, { eval: true, execArgv: [], workerData: { path, driver, intervalMs } });
  worker.unref();
  // A thread that cannot open the file only loses the speed-up: `onFailure` brings the
  // connection's own checkpoints back.
  let stopping = false;
  worker.on('error', (error) => {
    if (!stopping) onFailure(error);
  });
  return async () => {
    stopping = true;
    await worker.terminate();
  };
}
