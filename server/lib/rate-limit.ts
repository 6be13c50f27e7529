import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { ApiError } from '../errors.js';

/** Windows are at most a day long: the retention job (`server/retention/`) removes counters a day after their window opened. */
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

/**
 * Whether `bucket` is already over `limit` in its open window, without counting a hit: for
 * limits that count failures only (`hit` after each one), checked before trying.
 * @returns null when allowed, else the seconds until the window ends.
 */
export async function blockedFor(db: Kysely<Database>, bucket: string, limit: Limit, now = Date.now()): Promise<number | null> {
  const row = await db.selectFrom('rate_limits').select(['count', 'window_start']).where('bucket', '=', bucket).executeTakeFirst();
  if (!row || Number(row.count) < limit.max) return null;
  const ends = Date.parse(row.window_start) + limit.windowMs;
  return ends > now ? Math.max(1, Math.ceil((ends - now) / 1000)) : null;
}
