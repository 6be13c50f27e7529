import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { withStatementCache, type Storage } from '../db/connect.js';
import type { Database } from '../db/database.js';

/**
 * Connections of the live hub's own, so that a burst of writes queued on the shared ones (the
 * PostgreSQL pool, the one SQLite connection) does not hold back delivery: two PostgreSQL
 * connections, or a read-only handle on the SQLite file (WAL lets it read between the writes).
 * An in-memory SQLite database has only the one connection: null, use the shared one.
 * @example const db = ownReader(storage) ?? storage.db; …; if (db !== storage.db) await db.destroy();
 */
export function ownReader(storage: Storage): Kysely<Database> | null {
  if (storage.dialect === 'postgres' && storage.pgConfig) {
    const pool = new pg.Pool({ ...storage.pgConfig, max: 2, allowExitOnIdle: true });
    pool.on('error', () => {});
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  if (storage.sqlite && !storage.sqlite.memory) {
    const reader = new SqliteDatabase(storage.sqlite.name, { readonly: true });
    reader.pragma('busy_timeout = 5000');
    // Prepared once per SQL text: an audience's query, the contact rule above all, is long, and
    // preparing it on every round cost more than running it (a burst's profile: 10 %).
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(reader) }) });
  }
  return null;
}
