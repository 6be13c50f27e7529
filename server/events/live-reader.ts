import { createHash } from 'node:crypto';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { withStatementCache, type Storage } from '../db/connect.js';
import type { Database } from '../db/database.js';
import { LiteralLimits } from '../db/literal-limits.js';

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
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool: namedStatements(pool) }) });
  }
  if (storage.sqlite && !storage.sqlite.memory) {
    const reader = new SqliteDatabase(storage.sqlite.name, { readonly: true });
    reader.pragma('busy_timeout = 5000');
    // Prepared once per SQL text: an audience's query, the contact rule above all, is long, and
    // preparing it on every round cost more than running it (a burst's profile: 10 %). Limits
    // as literals, as on the shared connection: a bound LIMIT would expire the statement.
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(reader) }), plugins: [new LiteralLimits()] });
  }
  return null;
}

/**
 * The pool, with each SQL text sent as a named statement: PostgreSQL then parses and plans it
 * once per connection instead of on every round (what the statement cache does on SQLite). The
 * hub sends a few texts (one per audience's shape), so the statements a connection keeps stay few.
 */
function namedStatements(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (!name) names.set(text, (name = `live_${createHash('sha1').update(text).digest('hex')}`));
    return name;
  };
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let named = wrapped.get(client);
      if (!named) {
        named = {
          // Kysely reads through cursors only when asked to stream, which the hub never does.
          query: ((text: string, values: readonly unknown[]) => client.query({ name: nameOf(text), text, values: [...values] })) as unknown as PostgresPoolClient['query'],
          release: (destroy?: boolean) => client.release(destroy),
        };
        wrapped.set(client, named);
      }
      return named;
    },
    end: () => pool.end(),
  };
}
