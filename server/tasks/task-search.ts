import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database, Task, TaskTable } from '../db/database.js';
import { GROUP, groupStart } from '../db/migrations/2026-12-02T1800-task-search-order.js';
import { inGist, orderKey, searchText } from '../db/migrations/2026-12-03T1000-task-search-gist.js';
import { isPostgres } from '../db/dialect.js';
import { decodeCursor, paginate, type PageRequest } from '../lib/pagination.js';
import { indexedKeywords, keywords, trigramWords } from '../lib/search.js';

/** Matches read from the index in the first step; each further step reads `GROWTH` times more. */
const FIRST_STEP = 128;
const GROWTH = 4;
/** At most this many matches a step (SQLite binds at most 32,766 values a statement). */
const LAST_STEP = 16_384;
/**
 * Steps before the walk gives up: on SQLite the index holds every tenant's tasks, so in a
 * database of many tenants a word can match thousands of other tenants' tasks before a page of
 * the caller's; on both, the other filters may reject most matches. Past about 27,000 matches,
 * reading the tenant's rows in order costs no more.
 */
const MAX_STEPS = 5;

type TaskQuery = SelectQueryBuilder<Database & { t: TaskTable }, 't', Task>;

/** A match of the index: its order key (as text: keys pass 2^53) and its task. */
interface Match {
  key: string;
  task_id: string;
}

/**
 * A text index in page order, keyed so that keys grow with `created_at` and the tasks of one
 * millisecond, a *group*, share a range of keys in no useful order.
 */
interface OrderedIndex {
  /** The first key the walk reads: that of the cursor's millisecond, or the very first. */
  start: unknown;
  /**
   * Up to `limit` matches whose key is `from` or later, in key order; when there are `limit`,
   * also the rest of the last one's group, whose keys are its or later.
   */
  read(from: unknown, limit: number): Promise<Match[]>;
  /** The first key after `last`'s group. */
  after(last: bigint): unknown;
}

/**
 * A keyword search across customers through a text index in page order: on SQLite
 * `tasks_search`, whose rowids are the tasks' order keys (migration
 * `2026-12-02T1800-task-search-order`); on PostgreSQL the GiST `tasks_search_order` read by
 * distance from a key, beside the B-tree `tasks_search_long` of the tasks too long for it
 * (migration `2026-12-03T1000-task-search-gist`). The matches of `q` come out of the index in the
 * page's order, so the page is the first matches that `query` (the rule and the other filters,
 * on `tasks as t`) keeps. Answers the page's rows (up to `limit + 1`, in order), or undefined
 * when no word of `q` is long enough for the index or the walk reads too many matches the query
 * rejects (the caller then reads the rows in order).
 * @example const rows = await searchInOrder(db, query, ['t.title', 't.description'], { q: 'invoice', limit: 50, tenantId });
 */
export async function searchInOrder(db: Kysely<Database>, query: TaskQuery, columns: string[], request: PageRequest & { q: string; tenantId: string }): Promise<Task[] | undefined> {
  const at = request.cursor ? decodeCursor(request.cursor).at : undefined;
  if (!isPostgres(db)) {
    const { match, rest } = indexedKeywords(request.q, columns);
    if (!match) return undefined;
    return walk(ftsIndex(db, match, at), rest ? query.where(rest) : query, request);
  }
  const words = trigramWords(request.q, searchText(sql.ref('t.title'), sql.ref('t.description')));
  if (!words) return undefined;
  // The index's text joins both columns: the exact condition, column by column, filters its matches.
  const filtered = query.where(keywords(request.q, columns)!);
  // The tasks too long for the GiST, read in order beside it (rare: none in most tenants).
  const [long] = paginate(filtered.where(inGist(sql.ref('t.title'), sql.ref('t.description'), false)), 't', request);
  const [found, others] = await Promise.all([walk(gistIndex(db, words, request.tenantId, at), filtered, request), long.execute()]);
  if (!found) return undefined;
  if (others.length === 0) return found;
  const [both] = paginate(filtered.where('t.id', 'in', [...found, ...others].map((task) => task.id)), 't', request);
  return both.execute();
}

/**
 * The first `limit + 1` rows of `query` among the index's matches, in page order. They are read
 * in steps, 128 matches first and four times more each step, each through the end of the group of
 * its last match (which may sort anywhere among it), until a page and one more row are found:
 * every match not yet read is of a later millisecond, so it sorts after those.
 */
async function walk(index: OrderedIndex, query: TaskQuery, request: PageRequest): Promise<Task[] | undefined> {
  const wanted = request.limit + 1;
  const found: Task[] = [];
  let from = index.start;
  for (let step = FIRST_STEP, n = 0; found.length < wanted; step = Math.min(step * GROWTH, LAST_STEP), n++) {
    if (n === MAX_STEPS) return undefined;
    const keys = await index.read(from, step);
    if (keys.length === 0) break;
    const last = BigInt(keys[keys.length - 1]!.key);
    const full = keys.length >= step;
    const ids = keys.map((k) => k.task_id);
    // Tens of thousands of tasks of one millisecond (no route writes that many) are more ids
    // than a statement binds.
    if (ids.length > 30_000) return undefined;
    const [page] = paginate(query.where('t.id', 'in', ids), 't', { ...request, limit: wanted - found.length - 1 });
    found.push(...(await page.execute()));
    if (!full) break;
    from = index.after(last);
  }
  return found;
}

/** SQLite's `tasks_search` and its matches of `match` (an FTS5 query). */
function ftsIndex(db: Kysely<Database>, match: string, at: string | undefined): OrderedIndex {
  // Keys pass 2^53: JavaScript reads them as text and binds them back as BigInt.
  const matches = async (range: unknown, limit?: number) =>
    (
      await sql<Match>`
        select cast(k.key as text) as key, k.task_id from (select rowid as key from tasks_search where tasks_search match ${match} and ${range} order by rowid${limit ? sql` limit ${limit}` : sql``}) m
        join tasks_search_keys k on k.key = m.key order by k.key`.execute(db)
    ).rows;
  const end = (last: bigint) => (last / GROUP + 1n) * GROUP;
  return {
    start: at === undefined ? 0 : sql`cast(${groupStart(sql`${at}`)} as integer)`,
    read: async (from, limit) => {
      const keys = await matches(sql`rowid >= ${from}`, limit);
      if (keys.length < limit) return keys;
      const last = BigInt(keys[keys.length - 1]!.key);
      return [...keys, ...(await matches(sql`rowid > ${last} and rowid < ${end(last)}`))];
    },
    after: end,
  };
}

/**
 * PostgreSQL's `tasks_search_order` and the tenant's matches of `words` in it. The planner
 * reads a GiST in order only for an `order by` of the distance alone: from `from` on, the
 * distance to it is the key's order. A group is one key: the matches of the last one's key are
 * read whole in the same statement.
 */
function gistIndex(db: Kysely<Database>, words: unknown, tenantId: string, at: string | undefined): OrderedIndex {
  const key = orderKey(sql.ref('t.created_at'));
  const matching = sql`t.tenant_id = ${tenantId} and t.deleted_at is null and ${inGist(sql.ref('t.title'), sql.ref('t.description'), true)} and ${words}`;
  const bigint = (value: bigint) => sql`cast(${String(value)} as bigint)`;
  return {
    start: at === undefined ? bigint(0n) : orderKey(sql`cast(${at} as text)`),
    read: async (from, limit) =>
      (
        await sql<Match>`
          with m as (select ${key} as key, t.id from tasks as t where ${matching} and ${key} >= ${from} order by ${key} operator(public.<->) ${from} limit ${limit})
          select cast(g.key as text) as key, g.id as task_id from (
            select key, id from m
            union all
            select ${key}, t.id from tasks as t
            where (select count(*) from m) = ${limit} and ${matching} and ${key} = (select max(key) from m) and t.id not in (select id from m)
          ) g order by g.key`.execute(db)
      ).rows,
    after: (last) => bigint(last + 1n),
  };
}
