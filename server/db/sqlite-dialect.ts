import { SqliteAdapter, SqliteDialect, type DialectAdapter } from 'kysely';

/**
 * SQLite does run DDL inside transactions, but Kysely's adapter says it does not, so its
 * migrator applies a migration statement by statement: a process killed midway leaves tables
 * without the row that says they exist, and the next `migrate` fails on them. Saying it does
 * makes the migrator wrap each run (see `migrate.ts`: one migration a run) in a transaction,
 * its bookkeeping row included.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * Kysely's SQLite dialect, with migrations in transactions.
 * @example new Kysely<Database>({ dialect: new TransactionalSqliteDialect({ database }) });
 */
export class TransactionalSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
