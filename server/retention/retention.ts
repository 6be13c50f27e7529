import type { Kysely } from 'kysely';
import type { RetentionSettings } from '../config.js';
import type { Database } from '../db/database.js';
import { isPostgres } from '../db/dialect.js';
import { mergeSearchIndex, type SearchIndexReport } from './search-index.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Rows deleted per statement, so that no deletion holds the database for long. */
const BATCH = 1000;
/** Statements per table and run; a larger backlog is caught up over the following runs. */
const BATCHES_PER_RUN = 100;
const JOB = 'retention';
/** How long a run may merge SQLite's keyword index, a few milliseconds a step. */
const SEARCH_MERGE_MS = 200;

const iso = (ms: number) => new Date(ms).toISOString();

/** What one run deleted, table by table (empty when another instance had this period's run). */
export interface RetentionReport {
  ran: boolean;
  deleted: Record<string, number>;
  /** SQLite: what the run did to the keyword index's segments. */
  searchIndex?: SearchIndexReport;
}

/**
 * Takes this period's run for this instance: true for exactly one of several instances that
 * ask within `everyMs` of each other (the upsert only moves a mark older than a period).
 */
async function claimRun(db: Kysely<Database>, everyMs: number, now: number): Promise<boolean> {
  const at = iso(now);
  const claimed = await db
    .insertInto('job_runs')
    .values({ name: JOB, last_run_at: at })
    .onConflict((oc) => oc.column('name').doUpdateSet({ last_run_at: at }).where('job_runs.last_run_at', '<=', iso(now - everyMs + 1)))
    .returning('name')
    .executeTakeFirst();
  return claimed !== undefined;
}

type TimedTable = 'analytics_views' | 'idempotency_keys' | 'magic_links' | 'sessions' | 'mfa_challenges' | 'sso_flows' | 'rate_limits' | 'notifications' | 'webhook_deliveries';

/**
 * Deletes the rows of `table` whose `column` (an indexed time, null for rows that never age)
 * is before `cutoff`, oldest first, a batch a statement: each statement deletes up to the time
 * of the batch's last row, so no row key is needed.
 */
async function pruneByTime(db: Kysely<Database>, table: TimedTable, column: string, cutoff: number): Promise<number> {
  const loose = db as unknown as Kysely<Record<string, Record<string, string>>>;
  let deleted = 0;
  for (let i = 0; i < BATCHES_PER_RUN; i++) {
    const last = await loose.selectFrom(table).select(column).where(column, '<', iso(cutoff)).orderBy(column).offset(BATCH - 1).limit(1).executeTakeFirst();
    const upTo = last ? (last[column] as string) : null;
    const result = await loose
      .deleteFrom(table)
      .where(column, upTo === null ? '<' : '<=', upTo ?? iso(cutoff))
      .executeTakeFirst();
    deleted += Number(result.numDeletedRows);
    if (upTo === null) break;
  }
  return deleted;
}

/**
 * Deletes events older than `cutoff` that every consumer (notifications, webhooks, …) has
 * already passed: an event a consumer has not reached yet is kept, however old. Events are
 * walked by id from the oldest, a bounded id range a statement.
 */
async function pruneEvents(db: Kysely<Database>, cutoff: number): Promise<number> {
  const slowest = await db.selectFrom('consumer_offsets').select((eb) => eb.fn.min('event_id').as('event_id')).executeTakeFirst();
  // No consumer has recorded where it is: nothing is known to be consumed.
  if (slowest?.event_id === null || slowest?.event_id === undefined) return 0;
  const horizon = Number(slowest.event_id);
  let deleted = 0;
  for (let i = 0; i < BATCHES_PER_RUN; i++) {
    const oldest = await db.selectFrom('events').select(['id', 'created_at']).orderBy('id').limit(1).executeTakeFirst();
    if (!oldest || oldest.id > horizon || Date.parse(oldest.created_at) >= cutoff) break;
    const result = await db
      .deleteFrom('events')
      .where('id', '>=', oldest.id)
      .where('id', '<=', Math.min(horizon, oldest.id + BATCH - 1))
      .where('created_at', '<', iso(cutoff))
      .executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}

/**
 * One run of the retention job: what the service no longer needs goes, table by table, on
 * the settings read at start (`config.retention`; 0 days keeps a kind for good). With several
 * instances, one of them runs per period (`everyMs`). Expired sessions and rate-limit windows
 * closed for a day are always removed: nothing reads them again. On SQLite the
 * run then merges the keyword index's segments, for `searchMerge.budgetMs` at the most (200 ms;
 * see `search-index.ts`), what the deletions and a day's writes left behind in it included.
 * @example await runRetention(deps.db, deps.config.retention, { everyMs: 600_000 });
 */
export async function runRetention(
  db: Kysely<Database>,
  settings: RetentionSettings,
  options: { everyMs: number; now?: number; searchMerge?: { budgetMs?: number; pages?: number } },
): Promise<RetentionReport> {
  const now = options.now ?? Date.now();
  if (!(await claimRun(db, options.everyMs, now))) return { ran: false, deleted: {} };
  const deleted: Record<string, number> = {};
  const keep = (days: number, prune: (cutoff: number) => Promise<number>, table: string) =>
    days > 0 ? prune(now - days * DAY).then((n) => void (deleted[table] = n)) : undefined;
  // One table after the other: SQLite has one writer, and PostgreSQL need not be hurried.
  await keep(settings.eventDays, (cutoff) => pruneEvents(db, cutoff), 'events');
  await keep(settings.readNotificationDays, (cutoff) => pruneByTime(db, 'notifications', 'read_at', cutoff), 'notifications');
  // A finished delivery's attempts go with it (ON DELETE CASCADE).
  await keep(settings.webhookDays, (cutoff) => pruneByTime(db, 'webhook_deliveries', 'completed_at', cutoff), 'webhook_deliveries');
  deleted.idempotency_keys = await pruneByTime(db, 'idempotency_keys', 'created_at', now - settings.idempotencyHours * HOUR);
  await keep(settings.magicLinkDays, (cutoff) => pruneByTime(db, 'magic_links', 'expires_at', cutoff), 'magic_links');
  await keep(settings.analyticsViewDays, (cutoff) => pruneByTime(db, 'analytics_views', 'created_at', cutoff), 'analytics_views');
  deleted.sessions = await pruneByTime(db, 'sessions', 'expires_at', now);
  deleted.mfa_challenges = await pruneByTime(db, 'mfa_challenges', 'expires_at', now);
  deleted.sso_flows = await pruneByTime(db, 'sso_flows', 'expires_at', now);
  deleted.rate_limits = await pruneByTime(db, 'rate_limits', 'window_start', now - DAY);
  if (isPostgres(db)) return { ran: true, deleted };
  const searchIndex = await mergeSearchIndex(db, { budgetMs: options.searchMerge?.budgetMs ?? SEARCH_MERGE_MS, ...(options.searchMerge?.pages ? { pages: options.searchMerge.pages } : {}) });
  return { ran: true, deleted, searchIndex };
}
