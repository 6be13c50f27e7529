import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import { startCheckpointer } from './checkpointer.js';
import { GroupCommit } from './group-commit.js';
import { LiteralLimits } from './literal-limits.js';
import { TransactionalSqliteDialect } from './sqlite-dialect.js';

export type Dialect = 'sqlite' | 'postgres';

/** With the checkpointer thread, the WAL size (in pages) past which the connection checkpoints itself. */
export const BACKSTOP_PAGES = 10_000;

/** A connected database: the Kysely instance everyone uses, and what `backup` and live streams need. */
export interface Storage {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** The better-sqlite3 handle, for online backups (SQLite only). */
  readonly sqlite?: SqliteDatabase.Database;
  /** How to open one more PostgreSQL connection, for `LISTEN` (PostgreSQL only). */
  readonly pgConfig?: pg.ClientConfig;
  /**
   * Runs `work` in a transaction of its own (PostgreSQL: one of the pool's connections each);
   * on SQLite the writes waiting at the same moment share one COMMIT (see `GroupCommit`).
   */
  transaction<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** How much SQLite waits for the disk at each commit: `SQLITE_SYNCHRONOUS` (see the README). */
export type SqliteSynchronous = 'normal' | 'full';

export interface ConnectOptions {
  /** PostgreSQL schema to work in (tests use one schema per suite). */
  schema?: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
  /** SQLite: `normal` (the default) survives a killed process, `full` also a power loss. */
  synchronous?: SqliteSynchronous;
}

/** pg answers bigint (event ids, counts) as strings; ours stay far below 2^53. */
const pgTypes = {
  getTypeParser(oid: number, format?: string) {
    if (oid === 20) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/**
 * Opens the database that `url` names: `postgres://…` for PostgreSQL, `sqlite:PATH`
 * or a bare path for SQLite (`:memory:` works for tests).
 * @example const { db } = connect('sqlite:./data/portal.db');
 */
export function connect(url: string, options: ConnectOptions = {}): Storage {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pgConfig: pg.ClientConfig = {
      connectionString: url,
      types: pgTypes,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    };
    const pool = new pg.Pool({ ...pgConfig, max: options.poolSize ?? 10 });
    // An idle client that loses its connection must not take the process down.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', pgConfig, transaction: (work) => db.transaction().execute(work), close: () => db.destroy() };
  }
  const path = url.replace(/^sqlite:/, '');
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  // Pages of the hot indexes stay in memory at a million tasks (64 MB; the default is 2 MB).
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = MEMORY');
  // Statistics for the planner (which index narrows more: the tenant's or the customer's),
  // gathered as SQLite recommends for a long-lived connection, within a bounded effort.
  sqlite.pragma('optimize = 0x10002');
  withoutSamples(sqlite);
  // Large enough that a burst never waits for the checkpointer; truncated back once copied.
  sqlite.pragma('journal_size_limit = 67108864');
  const stopCheckpoints = path === ':memory:' ? null : startCheckpointer(resolve(path), () => sqlite.pragma('wal_autocheckpoint = 1000'));
  // The connection checkpoints only when the thread falls behind (sustained bulk writes):
  // 10,000 pages (40 MB) bound the WAL, where the default 1,000 would stall the loop often.
  if (stopCheckpoints) sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  const db = new Kysely<Database>({ dialect: new TransactionalSqliteDialect({ database: withStatementCache(sqlite) }), plugins: [new LiteralLimits()] });
  const commits = new GroupCommit(db);
  return {
    db,
    dialect: 'sqlite',
    sqlite,
    transaction: (work) => commits.run(work),
    async close() {
      await stopCheckpoints?.();
      await db.destroy();
    },
  };
}

/**
 * Keeps the planner's averages (`sqlite_stat1`) and drops its samples of values
 * (`sqlite_stat4`, which ANALYZE writes in this build): with samples, SQLite prepares a
 * statement again each time a parameter it could look up among them is bound, so nearly every
 * query (`tenant_id = ?`, `customer_id = ?`) paid a fresh prepare on every run (the one-row
 * visibility check: 40-80 µs with them, 7 µs without). The averages choose the same indexes
 * for these queries. `ANALYZE sqlite_schema` makes the connection read the statistics again.
 */
function withoutSamples(sqlite: SqliteDatabase.Database): void {
  const samples = sqlite.prepare("select 1 from sqlite_schema where name = 'sqlite_stat4'").get();
  if (samples) sqlite.exec('delete from sqlite_stat4; analyze sqlite_schema');
}

/**
 * Kysely prepares every query afresh; preparing costs as much as running a small query.
 * The SQL text of a Kysely query depends only on its shape, so a few hundred statements
 * cover every query the service makes, and each is prepared once. The live hub's read-only
 * handle uses it too (`events/live-reader.ts`).
 */
export function withStatementCache(sqlite: SqliteDatabase.Database, size = 500) {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= size) statements.clear();
        statement = sqlite.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}
