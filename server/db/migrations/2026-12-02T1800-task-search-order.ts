import { sql, type Kysely, type RawBuilder } from 'kysely';
import { isPostgres } from '../dialect.js';
import { up as upRowidIndex } from './2026-12-01T2000-task-search.js';

/**
 * SQLite: the tasks' text index keyed by the order of a page (`created_at`, then `id`), so that
 * the matches of a word come out of the index already in page order and a page of a common word
 * is its first few matches, not all of them sorted (docs/decisions/scale.md, "Keyword search in
 * page order").
 *
 * `tasks_search` is a contentless FTS5 table (trigrams, as `tasks_fts` before it) whose rowid is
 * the task's order key: its `created_at` in milliseconds times 2^20, plus its rank among the
 * tasks of the same millisecond. `tasks_search_keys` maps a key to its task. A key so grows with
 * `created_at`; the tasks of one millisecond share a range of keys (a group), which a search
 * reads whole. Triggers keep both in step with the tasks; `tasks_fts` and its triggers go.
 *
 * PostgreSQL keeps its `pg_trgm` indexes (`2026-12-01T2000-task-search`): nothing changes there.
 */

/** Keys a millisecond holds: 2^20 (a key passes 2^53: JavaScript holds it as a BigInt). */
export const GROUP = 1_048_576n;

/**
 * The first order key of the group of `createdAt` (an ISO time): its millisecond since the
 * epoch, times `GROUP`, an integer. The search computes the bound of a cursor with this very
 * expression, so that both agree to the last bit; it never changes once landed.
 */
export const groupStart = (createdAt: RawBuilder<unknown>): RawBuilder<number> =>
  sql<number>`(cast(round((julianday(${createdAt}) - 2440587.5) * 86400000) as integer) * ${sql.raw(String(GROUP))})`;

const nextKey = (createdAt: RawBuilder<unknown>) =>
  sql`(select coalesce(max(key) + 1, ${groupStart(createdAt)}) from tasks_search_keys where key >= ${groupStart(createdAt)} and key < ${groupStart(createdAt)} + ${sql.raw(String(GROUP))})`;

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  await sql`create table tasks_search_keys (key integer primary key, task_id text not null unique)`.execute(db);
  await sql`create virtual table tasks_search using fts5(title, description, content='', contentless_delete=1, tokenize='trigram')`.execute(db);
  await sql`insert into tasks_search_keys (key, task_id)
    select ${groupStart(sql.ref('created_at'))} + row_number() over (partition by ${groupStart(sql.ref('created_at'))} order by created_at, id) - 1, id from tasks`.execute(db);
  await sql`insert into tasks_search (rowid, title, description)
    select k.key, t.title, t.description from tasks_search_keys k join tasks t on t.id = k.task_id`.execute(db);
  await sql`insert into tasks_search (tasks_search) values ('optimize')`.execute(db);

  const add = sql`
    insert into tasks_search_keys (key, task_id) values (${nextKey(sql.ref('new.created_at'))}, new.id);
    insert into tasks_search (rowid, title, description) values ((select key from tasks_search_keys where task_id = new.id), new.title, new.description);`;
  const remove = sql`
    delete from tasks_search where rowid = (select key from tasks_search_keys where task_id = old.id);
    delete from tasks_search_keys where task_id = old.id;`;
  await sql`create trigger tasks_search_insert after insert on tasks begin ${add} end`.execute(db);
  await sql`create trigger tasks_search_delete after delete on tasks begin ${remove} end`.execute(db);
  await sql`create trigger tasks_search_update after update of id, title, description, created_at on tasks begin ${remove} ${add} end`.execute(db);

  for (const trigger of ['tasks_fts_insert', 'tasks_fts_delete', 'tasks_fts_update']) await sql`drop trigger ${sql.id(trigger)}`.execute(db);
  await sql`drop table tasks_fts`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  for (const trigger of ['tasks_search_insert', 'tasks_search_delete', 'tasks_search_update']) await sql`drop trigger ${sql.id(trigger)}`.execute(db);
  await sql`drop table tasks_search`.execute(db);
  await sql`drop table tasks_search_keys`.execute(db);
  // `tasks_fts` as it was, rebuilt from the tasks (on SQLite that migration's `up` is only that).
  await upRowidIndex(db);
}
