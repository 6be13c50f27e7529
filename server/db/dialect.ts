import { PostgresAdapter, type Kysely } from 'kysely';

/** Whether a migration runs on PostgreSQL; the few dialect differences branch on this. */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
