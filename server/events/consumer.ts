import { sql, type Kysely } from 'kysely';
import type { Deps } from '../context.js';
import type { Database, EventRow } from '../db/database.js';
import { isPostgres } from '../db/dialect.js';
import { startLoop, type Worker } from '../lib/worker-loop.js';

/**
 * A reader of the event log that turns events into rows of its own (notifications, webhook
 * deliveries). It handles each batch in the transaction that advances its offset, so a crash
 * either keeps both or neither: work resumes exactly where it stopped, never twice.
 */
export interface Consumer {
  /** The key of its offset in `consumer_offsets`. */
  readonly name: string;
  /** Handles `events` (in log order) inside `trx`; answers whether it wrote something readers should hear of. */
  handle(trx: Kysely<Database>, events: EventRow[]): Promise<boolean>;
}

export interface ConsumerOptions {
  batchSize?: number;
  intervalMs?: number;
  /** See `LoopOptions.coalesceMs`. */
  coalesceMs?: number;
  log?: (line: string) => void;
}

/** After this many failures in a row on one event, the event is skipped (and said so) rather than block every later one. */
const MAX_FAILURES = 5;

/**
 * Handles the next batch after the consumer's offset. On PostgreSQL the offset row is locked
 * for the transaction (`SKIP LOCKED`), so with several instances one handles a batch and the
 * others move on. Returns how many events were handled.
 */
export async function consumeBatch(deps: Pick<Deps, 'db' | 'bus'>, consumer: Consumer, batchSize: number): Promise<number> {
  const postgres = isPostgres(deps.db);
  const result = await deps.db.transaction().execute(async (trx) => {
    let query = trx.selectFrom('consumer_offsets').select('event_id').where('name', '=', consumer.name);
    if (postgres) query = query.forUpdate().skipLocked();
    const offset = await query.executeTakeFirst();
    if (!offset) {
      // A consumer added after the migration starts at the end of the log, as the first ones did.
      const head = await trx.selectFrom('events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
      await trx
        .insertInto('consumer_offsets')
        .values({ name: consumer.name, event_id: Number(head?.id ?? 0), updated_at: new Date().toISOString() })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      return { handled: 0, wrote: false };
    }
    const events = await trx.selectFrom('events').selectAll().where('id', '>', offset.event_id).orderBy('id').limit(batchSize).execute();
    if (events.length === 0) return { handled: 0, wrote: false };
    const wrote = await consumer.handle(trx, events);
    await trx
      .updateTable('consumer_offsets')
      .set({ event_id: events[events.length - 1]!.id, updated_at: new Date().toISOString() })
      .where('name', '=', consumer.name)
      .execute();
    // Other instances' live streams hear of new rows (notifications) the way they hear of events.
    if (wrote && postgres) await sql`select pg_notify('cp_events', '')`.execute(trx);
    return { handled: events.length, wrote };
  });
  if (result.wrote) deps.bus.wake();
  return result.handled;
}

/**
 * Runs a consumer in the background: woken by the bus (every commit of this process, and of
 * other instances through LISTEN/NOTIFY) and by a timer (writes from other processes on SQLite).
 * @example const worker = startConsumer(deps, notificationFanOut); await worker.stop();
 */
export function startConsumer(deps: Pick<Deps, 'db' | 'bus'>, consumer: Consumer, options: ConsumerOptions = {}): Worker {
  const batchSize = options.batchSize ?? 100;
  const log = options.log ?? ((line: string) => console.error(line));
  let failures = 0;
  const step = async () => {
    // After a failure, go one event at a time so that one bad event is found and the rest pass.
    const size = failures > 0 ? 1 : batchSize;
    try {
      const handled = await consumeBatch(deps, consumer, size);
      failures = 0;
      return handled === size;
    } catch (error) {
      failures += 1;
      if (failures < MAX_FAILURES) throw error;
      const skipped = await skipOne(deps.db, consumer.name);
      log(`[consumer ${consumer.name}] skipped event ${skipped} after ${failures} failures: ${error instanceof Error ? error.message : String(error)}`);
      failures = 0;
      return true;
    }
  };
  return startLoop(`consumer ${consumer.name}`, step, { intervalMs: options.intervalMs ?? 1000, bus: deps.bus, log, coalesceMs: options.coalesceMs ?? 0 });
}

async function skipOne(db: Kysely<Database>, name: string): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const offset = await trx.selectFrom('consumer_offsets').select('event_id').where('name', '=', name).executeTakeFirstOrThrow();
    const next = await trx.selectFrom('events').select('id').where('id', '>', offset.event_id).orderBy('id').limit(1).executeTakeFirst();
    if (!next) return null;
    await trx.updateTable('consumer_offsets').set({ event_id: next.id, updated_at: new Date().toISOString() }).where('name', '=', name).execute();
    return next.id;
  });
}
