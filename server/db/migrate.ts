import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { isPostgres } from './dialect.js';
import * as core from './migrations/2026-11-25T0900-core.js';
import * as live from './migrations/2026-11-25T1200-live.js';

/**
 * Every migration, listed here so that a bundle carries them (no directory scan).
 * Append new ones; never edit one that has landed.
 */
const migrations: Record<string, Migration> = {
  '2026-11-25T0900-core': core,
  '2026-11-25T1200-live': live,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Brings the schema up to date; throws with the failing migration's name.
 * @example await migrateToLatest(storage.db);
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // Kysely looks for its own tables in every schema; pinned to ours, another schema's (a parallel
  // test's) is not mistaken for it.
  const schema = isPostgres(db) ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
