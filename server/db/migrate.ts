import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { isPostgres } from './dialect.js';
import * as accessCutoffs from './migrations/2026-12-01T1000-access-cutoffs.js';
import * as access from './migrations/2026-12-01T2000-access.js';
import * as core from './migrations/2026-11-25T0900-core.js';
import * as retention from './migrations/2026-12-01T2100-retention.js';
import * as content from './migrations/2026-11-25T1100-content.js';
import * as csm from './migrations/2026-11-25T1300-csm.js';
import * as live from './migrations/2026-11-25T1200-live.js';
import * as people from './migrations/2026-11-25T1000-people.js';
import * as taskSearch from './migrations/2026-12-01T2000-task-search.js';
import * as plansContent from './migrations/2026-12-02T1000-plans-content.js';
import * as trust from './migrations/2026-12-02T1050-trust.js';
import * as collaboration from './migrations/2026-12-02T1100-collaboration.js';
import * as files from './migrations/2026-12-02T1200-files.js';
import * as commercial from './migrations/2026-12-02T1300-commercial.js';
import * as content2 from './migrations/2026-12-02T1400-content.js';
import * as ssoMfa from './migrations/2026-12-02T1500-sso-mfa.js';
import * as engagement from './migrations/2026-12-02T1520-engagement.js';
import * as cosell from './migrations/2026-12-02T1600-cosell.js';
import * as goals from './migrations/2026-12-02T1600-goals.js';
import * as ssoAccess from './migrations/2026-12-02T1600-sso-access.js';
import * as uploads from './migrations/2026-12-02T1600-uploads.js';
import * as taskCounts from './migrations/2026-12-02T1610-task-counts.js';
import * as pagesFaq from './migrations/2026-12-02T1700-pages-faq.js';
import * as requests from './migrations/2026-12-02T1710-requests.js';
import * as taskSearchOrder from './migrations/2026-12-02T1800-task-search-order.js';
import * as taskSearchGist from './migrations/2026-12-03T1000-task-search-gist.js';

/**
 * Every migration, listed here so that a bundle carries them (no directory scan).
 * Append new ones; never edit one that has landed.
 */
const migrations: Record<string, Migration> = {
  '2026-11-25T0900-core': core,
  '2026-11-25T1000-people': people,
  '2026-11-25T1100-content': content,
  '2026-11-25T1200-live': live,
  '2026-11-25T1300-csm': csm,
  '2026-12-01T1000-access-cutoffs': accessCutoffs,
  '2026-12-01T2000-task-search': taskSearch,
  '2026-12-01T2000-access': access,
  '2026-12-01T2100-retention': retention,
  '2026-12-02T1000-plans-content': plansContent,
  '2026-12-02T1050-trust': trust,
  '2026-12-02T1100-collaboration': collaboration,
  '2026-12-02T1200-files': files,
  '2026-12-02T1300-commercial': commercial,
  '2026-12-02T1400-content': content2,
  '2026-12-02T1500-sso-mfa': ssoMfa,
  '2026-12-02T1520-engagement': engagement,
  '2026-12-02T1600-cosell': cosell,
  '2026-12-02T1600-goals': goals,
  '2026-12-02T1600-sso-access': ssoAccess,
  '2026-12-02T1600-uploads': uploads,
  '2026-12-02T1610-task-counts': taskCounts,
  '2026-12-02T1700-pages-faq': pagesFaq,
  '2026-12-02T1710-requests': requests,
  '2026-12-02T1800-task-search-order': taskSearchOrder,
  '2026-12-03T1000-task-search-gist': taskSearchGist,
};

/** The migrations above, for Kysely's `Migrator` (a test steps through them with it). */
export const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Brings the schema up to date, one migration at a time, each in a transaction of its own with
 * its bookkeeping row (on both databases: see `sqlite-dialect.ts`), so that a process killed
 * midway leaves the schema as of the last whole migration and the next run carries on from
 * there. Throws with the failing migration's name.
 * @example await migrateToLatest(storage.db);
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // Kysely looks for its bookkeeping tables in every schema unless told which: another
  // schema's tables (a parallel test suite's) would make it skip creating its own.
  const schema = isPostgres(db) ? (await sql<{ name: string }>`select current_schema() as name`.execute(db)).rows[0]?.name : undefined;
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const applied: string[] = [];
  for (;;) {
    const { error, results = [] } = await migrator.migrateUp();
    if (error) {
      const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const done = results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
    if (done.length === 0) return applied;
    applied.push(...done);
  }
}
