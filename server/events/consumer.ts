import { sql, type Insertable, type Kysely } from 'kysely';
import type { Deps } from '../context.js';
import type { Database, EventRow } from '../db/database.js';
import { isPostgres } from '../db/dialect.js';
import { startLoop, type Worker } from '../lib/worker-loop.js';

/**
 * A reader of the event log that turns events into rows of its own (notifications, webhook
 * deliveries). It reads what a batch needs, then writes its rows in the transaction that
 * advances its offset, so a crash either keeps both or neither: work resumes exactly where it
 * stopped, never twice.
 */
export interface Consumer {
  /** The key of its offset in `consumer_offsets`. */
  readonly name: string;
  /**
   * Reads through `db` what `events` (in log order) need and answers what to write for them,
   * or null when there is nothing to write. The write runs in the transaction that advances
   * the offset; when it writes, readers hear of it (the live streams, other instances).
   */
  plan(db: Kysely<Database>, events: EventRow[]): Promise<ConsumerWrite | null>;
}

export type ConsumerWrite = (trx: Kysely<Database>) => Promise<void>;

/** SQLite takes at most 32,766 parameters a statement: rows go in chunks under that. */
const MAX_PARAMETERS = 30_000;

/**
 * The write of a consumer's rows into `table`, in chunks, a row already there for the same
 * `unique` columns left as it is (so handling an event again never doubles its rows); null
 * when there are none.
 * @example return insertRows('notifications', rows, ['user_id', 'event_id']);
 */
export function insertRows<T extends 'notifications' | 'webhook_deliveries'>(table: T, rows: Insertable<Database[T]>[], unique: (keyof Database[T] & string)[]): ConsumerWrite | null {
  if (rows.length === 0) return null;
  const chunk = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(rows[0]!).length));
  return async (trx) => {
    const db = trx as unknown as Kysely<Record<string, Record<string, unknown>>>;
    for (let i = 0; i < rows.length; i += chunk) {
      await db
        .insertInto(table)
        .values(rows.slice(i, i + chunk) as Record<string, unknown>[])
        .onConflict((oc) => oc.columns(unique).doNothing())
        .execute();
    }
  };
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
 * Handles the next batch after the consumer's offset. Returns how many events were handled.
 * - On PostgreSQL the whole batch is one transaction that locks the offset row (`SKIP
 *   LOCKED`): with several instances one reads and writes a batch, the others move on.
 * - On SQLite the process has one connection, and a transaction holds it until it ends: every
 *   request's query would wait for all the batch's reads (a burst's fan-out took tens of
 *   milliseconds). The batch is read outside a transaction, each read in its turn beside the
 *   requests', and only its rows and the new offset are written in one, which first checks
 *   that the offset is still the one the batch was read from (a batch handled meanwhile, by
 *   another caller, is read again from the new offset).
 */
export async function consumeBatch(deps: Pick<Deps, 'db' | 'bus'>, consumer: Consumer, batchSize: number): Promise<number> {
  const db = deps.db;
  for (;;) {
    const result = isPostgres(db)
      ? await db.transaction().execute((trx) => consumeFrom(trx, consumer, batchSize, (write) => write(trx)))
      : await consumeFrom(db, consumer, batchSize, (write) => db.transaction().execute(write));
    if (result === 'moved') continue;
    if (result.wrote) deps.bus.wake();
    return result.handled;
  }
}

/** One batch: `db` reads the offset, the events and what the consumer needs; `inTransaction` writes its rows with the new offset. */
async function consumeFrom(
  db: Kysely<Database>,
  consumer: Consumer,
  batchSize: number,
  inTransaction: (write: (trx: Kysely<Database>) => Promise<boolean>) => Promise<boolean>,
): Promise<{ handled: number; wrote: boolean } | 'moved'> {
  const postgres = isPostgres(db);
  let query = db.selectFrom('consumer_offsets').select('event_id').where('name', '=', consumer.name);
  if (postgres) query = query.forUpdate().skipLocked();
  const offset = await query.executeTakeFirst();
  if (!offset) {
    // A consumer added after the migration starts at the end of the log, as the first ones did.
    const head = await db.selectFrom('events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
    await db
      .insertInto('consumer_offsets')
      .values({ name: consumer.name, event_id: Number(head?.id ?? 0), updated_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    return { handled: 0, wrote: false };
  }
  const events = await db.selectFrom('events').selectAll().where('id', '>', offset.event_id).orderBy('id').limit(batchSize).execute();
  if (events.length === 0) return { handled: 0, wrote: false };
  const write = await consumer.plan(db, events);
  const advanced = await inTransaction(async (trx) => {
    const moved = await trx
      .updateTable('consumer_offsets')
      .set({ event_id: events[events.length - 1]!.id, updated_at: new Date().toISOString() })
      .where('name', '=', consumer.name)
      .where('event_id', '=', offset.event_id)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) === 0) return false;
    if (write) await write(trx);
    // Other instances' live streams hear of new rows (notifications) the way they hear of events.
    if (write && postgres) await sql`select pg_notify('cp_events', '')`.execute(trx);
    return true;
  });
  return advanced ? { handled: events.length, wrote: write !== null } : 'moved';
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
