import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database, Task, TaskTable } from '../db/database.js';
import { GROUP, groupStart } from '../db/migrations/2026-12-02T1800-task-search-order.js';
import { decodeCursor, paginate, type PageRequest } from '../lib/pagination.js';
import { indexedKeywords } from '../lib/search.js';

/** Matches read from the index in the first step; each further step reads `GROWTH` times more. */
const FIRST_STEP = 128;
const GROWTH = 4;
/** At most this many matches a step (SQLite binds at most 32,766 values a statement). */
const LAST_STEP = 16_384;
/**
 * Steps before the walk gives up: the index holds every tenant's tasks, so in a database of
 * many tenants a word can match thousands of other tenants' tasks before a page of the
 * caller's; past about 27,000 matches, reading the tenant's rows in order costs no more.
 */
const MAX_STEPS = 5;

type TaskQuery = SelectQueryBuilder<Database & { t: TaskTable }, 't', Task>;

/**
 * A keyword search across customers on SQLite, through `tasks_search`, whose rowids are the
 * tasks' order keys (migration `2026-12-02T1800-task-search-order`): the matches of `q` come
 * out of the index in the page's order, so the page is the first matches that `query` (the
 * rule and the other filters, on `tasks as t`) keeps. They are read in steps, each through
 * the end of the millisecond of its last match (the tasks of one millisecond share a range of
 * keys, in no particular order), until a page and one more row are found: every match not yet
 * read comes later than those. A rare word is one step; a common one a step or two, at any
 * size. Answers the page's rows (up to `limit + 1`, in order), or undefined when no word of
 * `q` is long enough for the index or the walk reads too many matches the query rejects (the
 * caller then reads the rows in order).
 * @example const rows = await searchInOrder(db, query, ['t.title', 't.description'], { q: 'invoice', limit: 50 });
 */
export async function searchInOrder(db: Kysely<Database>, query: TaskQuery, columns: string[], request: PageRequest & { q: string }): Promise<Task[] | undefined> {
  const { match, rest } = indexedKeywords(request.q, columns);
  if (!match) return undefined;
  const filtered = rest ? query.where(rest) : query;
  const wanted = request.limit + 1;
  const found: Task[] = [];
  // A cursor's own millisecond may hold matches after it: the walk starts at its first key.
  let from: unknown = request.cursor ? sql`cast(${groupStart(sql`${decodeCursor(request.cursor).at}`)} as integer)` : 0;
  for (let step = FIRST_STEP, n = 0; found.length < wanted; step = Math.min(step * GROWTH, LAST_STEP), n++) {
    if (n === MAX_STEPS) return undefined;
    const keys = await matchesFrom(db, match, sql`rowid >= ${from}`, step);
    if (keys.length === 0) break;
    const last = BigInt(keys[keys.length - 1]!.key);
    const full = keys.length === step;
    // The rest of the last match's millisecond, which may sort anywhere among it.
    const end = (last / GROUP + 1n) * GROUP;
    if (full) keys.push(...(await matchesFrom(db, match, sql`rowid > ${last} and rowid < ${end}`)));
    // Tens of thousands of tasks of one millisecond (no route writes that many) are more ids
    // than a statement binds.
    if (keys.length > 30_000) return undefined;
    const [page] = paginate(filtered.where('t.id', 'in', keys.map((k) => k.task_id)), 't', { ...request, limit: wanted - found.length - 1 });
    found.push(...(await page.execute()));
    if (!full) break;
    from = end;
  }
  return found;
}

/** The order keys and tasks of `match`'s matches where `range` (on the index's rowid), in order. */
async function matchesFrom(db: Kysely<Database>, match: string, range: unknown, limit?: number) {
  // Keys pass 2^53: JavaScript reads them as text and binds them back as BigInt.
  const { rows } = await sql<{ key: string; task_id: string }>`
    select cast(k.key as text) as key, k.task_id from (select rowid as key from tasks_search where tasks_search match ${match} and ${range} order by rowid${limit ? sql` limit ${limit}` : sql``}) m
    join tasks_search_keys k on k.key = m.key order by k.key`.execute(db);
  return rows;
}
