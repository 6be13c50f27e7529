import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';

/**
 * Pages (of about 4 KB) one merge step writes: a few milliseconds of SQLite's one writer, so a
 * request waits for one step at the most, never for the whole merge.
 */
export const MERGE_STEP_PAGES = 64;

/** What one pass over the index did: how many steps, and whether the index is merged now. */
export interface SearchIndexReport {
  steps: number;
  merged: boolean;
}

/**
 * One FTS5 `merge` step of `pages` pages. FTS5 says whether it found work by what it wrote:
 * two changes or more (`total_changes()` before and after, on the same connection).
 */
async function mergeStep(db: Kysely<Database>, pages: number): Promise<boolean> {
  return db.connection().execute(async (connection) => {
    const changes = async () => Number((await sql<{ n: number }>`select total_changes() as n`.execute(connection)).rows[0]!.n);
    const before = await changes();
    await sql`insert into tasks_search (tasks_search, rank) values ('merge', ${pages})`.execute(connection);
    return (await changes()) - before >= 2;
  });
}

/**
 * Merges the segments of SQLite's keyword index (`tasks_search`, FTS5) for about `budgetMs`,
 * a step at a time, yielding between steps. Every write transaction adds a segment and FTS5
 * only merges them when a level fills up, so a busy index holds many segments, and deleted
 * rows as tombstones, that every `MATCH` reads through. First the steps of a merge already
 * under way (or of a full level); once none is left, one step with a negative size starts
 * merging every segment into one (as `optimize` does, but in bounded steps), continued by the
 * following steps and, when the budget ends first, by the next pass. A merged index costs a
 * pass two statements.
 * @example await mergeSearchIndex(db, { budgetMs: 200 }); // { steps: 3, merged: true }
 */
export async function mergeSearchIndex(db: Kysely<Database>, options: { budgetMs: number; pages?: number; clock?: () => number }): Promise<SearchIndexReport> {
  const clock = options.clock ?? (() => performance.now());
  const pages = options.pages ?? MERGE_STEP_PAGES;
  const deadline = clock() + options.budgetMs;
  let steps = 0;
  let startedFullMerge = false;
  for (;;) {
    // Positive: go on with what is under way (new segments join the next merge, not this one).
    const worked = await mergeStep(db, pages);
    steps++;
    if (!worked) {
      if (startedFullMerge) return { steps, merged: true };
      // Nothing under way: one negative step puts every segment on one level and starts merging them.
      startedFullMerge = true;
      const started = await mergeStep(db, -pages);
      steps++;
      if (!started) return { steps, merged: true };
    }
    if (clock() >= deadline) return { steps, merged: false };
    await new Promise((resolve) => setImmediate(resolve));
  }
}
