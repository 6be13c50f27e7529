import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * A text index for keyword search (`GET /v1/tasks?q=`), which otherwise reads every task of
 * the tenant. `q` matches words as substrings, case-insensitively, so both indexes are of
 * trigrams: on SQLite an FTS5 table with the trigram tokenizer over the tasks' rowids, kept
 * in step by triggers; on PostgreSQL `pg_trgm` GIN indexes on the very expressions the
 * search compares (`lower(title)`, `lower(description)`), so its SQL does not change.
 * The extension goes into `public`, which every schema's search path reaches; the operator
 * class is named with it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`create extension if not exists pg_trgm with schema public`.execute(db);
    await sql`create index tasks_title_trgm on tasks using gin (lower(title) public.gin_trgm_ops)`.execute(db);
    await sql`create index tasks_description_trgm on tasks using gin (lower(description) public.gin_trgm_ops)`.execute(db);
    return;
  }
  await sql`create virtual table tasks_fts using fts5(title, description, content='tasks', content_rowid='rowid', tokenize='trigram')`.execute(db);
  await sql`create trigger tasks_fts_insert after insert on tasks begin
    insert into tasks_fts(rowid, title, description) values (new.rowid, new.title, new.description);
  end`.execute(db);
  await sql`create trigger tasks_fts_delete after delete on tasks begin
    insert into tasks_fts(tasks_fts, rowid, title, description) values ('delete', old.rowid, old.title, old.description);
  end`.execute(db);
  await sql`create trigger tasks_fts_update after update of title, description on tasks begin
    insert into tasks_fts(tasks_fts, rowid, title, description) values ('delete', old.rowid, old.title, old.description);
    insert into tasks_fts(rowid, title, description) values (new.rowid, new.title, new.description);
  end`.execute(db);
  await sql`insert into tasks_fts(tasks_fts) values ('rebuild')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop index tasks_title_trgm`.execute(db);
    await sql`drop index tasks_description_trgm`.execute(db);
    return;
  }
  for (const trigger of ['tasks_fts_insert', 'tasks_fts_delete', 'tasks_fts_update']) await sql`drop trigger ${sql.id(trigger)}`.execute(db);
  await sql`drop table tasks_fts`.execute(db);
}
