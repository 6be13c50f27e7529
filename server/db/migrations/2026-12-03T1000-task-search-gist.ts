import { sql, type Kysely, type RawBuilder } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * PostgreSQL: the tasks' text in page order, so that a keyword search across customers reads the
 * matches of a word in the page's order, not the tenant's rows in order filtered by `LIKE`, nor
 * every match of a GIN index then sorted (docs/decisions/scale.md, "PostgreSQL: a GiST in page
 * order").
 *
 * `tasks_search_order` is a GiST (`btree_gist` for the tenant and the order key, `pg_trgm` for the
 * text) on `(tenant_id, orderKey(created_at), searchText(title, description))`, read by distance
 * from a bound: `orderKey <-> bound` with `orderKey >= bound` is the order of the page, one
 * millisecond (one key) at a time. A GiST row holds every trigram of its text and must fit in a
 * page, so the index is partial: tasks of more than `MAX_TRIGRAMS` trigrams are in
 * `tasks_search_long`, a B-tree in page order beside it, read beside it.
 *
 * SQLite has its own (`2026-12-02T1800-task-search-order`): nothing changes there.
 */

/** Trigrams a task's text may have to be in the GiST (a row of 2,000 takes about 6 kB of 8 kB). */
export const MAX_TRIGRAMS = 2_000;

/**
 * The order key of `createdAt` (an ISO time): its digits as one bigint, to the millisecond
 * (`YYYYMMDDhhmmssSSS`). Immutable and never failing; for the ISO times the service writes it
 * grows with `created_at` and the tasks of one millisecond share it. The search binds its
 * bounds through this very expression, and the index is on it: it never changes once landed.
 */
export const orderKey = (createdAt: RawBuilder<unknown>): RawBuilder<string> =>
  sql<string>`(left(regexp_replace(${createdAt}, '[^0-9]', '', 'g') || '00000000000000000', 17))::bigint`;

/** The text the GiST indexes: both columns, lower-cased (every word of `q` lies in it where it lies in either). */
export const searchText = (title: RawBuilder<unknown>, description: RawBuilder<unknown>): RawBuilder<string> =>
  sql<string>`lower(${title} || ' ' || ${description})`;

/**
 * Whether a task is in the GiST (`true`) or in `tasks_search_long` (`false`), written as the
 * indexes' predicates are, literals and all, so that the planner sees a query's condition
 * implies one.
 */
export const inGist = (title: RawBuilder<unknown>, description: RawBuilder<unknown>, gist: boolean): RawBuilder<boolean> =>
  sql<boolean>`cardinality(public.show_trgm(${searchText(title, description)})) ${sql.raw(gist ? '<=' : '>')} ${sql.raw(String(MAX_TRIGRAMS))}`;

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  const [title, description] = [sql.ref('title'), sql.ref('description')];
  await sql`create extension if not exists btree_gist with schema public`.execute(db);
  await sql`create index tasks_search_order on tasks using gist (
      tenant_id public.gist_text_ops,
      (${orderKey(sql.ref('created_at'))}) public.gist_int8_ops,
      ${searchText(title, description)} public.gist_trgm_ops (siglen = 256))
    where deleted_at is null and ${inGist(title, description, true)}`.execute(db);
  await sql`create index tasks_search_long on tasks (tenant_id, created_at, id) where deleted_at is null and ${inGist(title, description, false)}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`drop index tasks_search_long`.execute(db);
  await sql`drop index tasks_search_order`.execute(db);
}
