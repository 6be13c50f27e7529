import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { ApiError } from '../errors.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface Limit {
  /** Hits allowed per window. */
  max: number;
  windowMs: number;
}

/**
 * Counts one hit on `bucket` and says whether it is over `limit`. The counters live in the
 * database, so they hold across restarts and every instance shares them; one upsert both
 * counts and reads, so two instances never both let the sixth hit through. A window opens
 * at its first hit (no burst at a fixed boundary).
 * @example const wait = await hit(db, 'magic:ip:203.0.113.9', { max: 20, windowMs: 15 * 60_000 });
 *          if (wait) throw tooManyRequests(wait);
 * @returns null when allowed, else the seconds until the window ends.
 */
export async function hit(db: Kysely<Database>, bucket: string, limit: Limit, now = Date.now()): Promise<number | null> {
  const start = new Date(now).toISOString();
  const windowOpenSince = new Date(now - limit.windowMs).toISOString();
  const live = sql<boolean>`rate_limits.window_start > ${windowOpenSince}`;
  const row = await db
    .insertInto('rate_limits')
    .values({ bucket, window_start: start, count: 1 })
    .onConflict((oc) =>
      oc.column('bucket').doUpdateSet({
        count: sql`case when ${live} then rate_limits.count + 1 else 1 end`,
        window_start: sql`case when ${live} then rate_limits.window_start else ${start} end`,
      }),
    )
    .returning(['count', 'window_start'])
    .executeTakeFirstOrThrow();
  // Counters of windows long closed are pruned as new hits arrive (a day back at least, so a
  // bucket with a longer window than this one keeps its count).
  if (Math.random() < 0.01) {
    const horizon = new Date(now - Math.max(limit.windowMs, DAY_MS)).toISOString();
    await db.deleteFrom('rate_limits').where('window_start', '<', horizon).execute();
  }
  if (Number(row.count) <= limit.max) return null;
  return Math.max(1, Math.ceil((Date.parse(row.window_start) + limit.windowMs - now) / 1000));
}

/**
 * 429 in the contract's shape, with `Retry-After`.
 * @example throw tooManyRequests(120, 'Too many sign-in requests');
 */
export const tooManyRequests = (retryAfterSeconds: number, message = 'Too many requests') =>
  new ApiError(429, 'rate_limited', `${message}; try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s)`, undefined, {
    'Retry-After': String(retryAfterSeconds),
  });
