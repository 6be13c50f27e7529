import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * Content (issue 11): pages (markdown, for one customer or, with `customer_id` null, every
 * customer of a `portal_type`; `pinned` ones first, one `welcome` page greets a first visit)
 * and the FAQ (entries by category, their view and feedback counts, and each feedback given).
 * The FAQ is searched like tasks: an FTS5 trigram table on SQLite, `pg_trgm` indexes on the
 * compared expressions on PostgreSQL.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('customer_id', 'text', (c) => c.references('customers.id').onDelete('cascade'))
    .addColumn('portal_type', 'text', (c) => c.notNull().defaultTo('customer'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('welcome', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('pages_tenant_created').on('pages').columns(['tenant_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('faq_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('portal_type', 'text', (c) => c.notNull().defaultTo('customer'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('helpful', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unhelpful', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('faq_tenant_created').on('faq_entries').columns(['tenant_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('faq_tenant_category').on('faq_entries').columns(['tenant_id', 'category']).execute();

  await db.schema
    .createTable('faq_feedback')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('faq_id', 'text', (c) => c.notNull().references('faq_entries.id').onDelete('cascade'))
    .addColumn('user_id', 'text')
    .addColumn('helpful', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // One answer a person: a second one replaces the first (they changed their mind).
  await db.schema.createIndex('faq_feedback_person').on('faq_feedback').columns(['faq_id', 'user_id']).unique().execute();
  await db.schema.createIndex('faq_feedback_entry').on('faq_feedback').columns(['faq_id', 'created_at']).execute();

  if (isPostgres(db)) {
    await sql`create extension if not exists pg_trgm with schema public`.execute(db);
    await sql`create index faq_question_trgm on faq_entries using gin (lower(question) public.gin_trgm_ops)`.execute(db);
    await sql`create index faq_answer_trgm on faq_entries using gin (lower(answer) public.gin_trgm_ops)`.execute(db);
    return;
  }
  await sql`create virtual table faq_fts using fts5(question, answer, content='faq_entries', content_rowid='rowid', tokenize='trigram')`.execute(db);
  await sql`create trigger faq_fts_insert after insert on faq_entries begin
    insert into faq_fts(rowid, question, answer) values (new.rowid, new.question, new.answer);
  end`.execute(db);
  await sql`create trigger faq_fts_delete after delete on faq_entries begin
    insert into faq_fts(faq_fts, rowid, question, answer) values ('delete', old.rowid, old.question, old.answer);
  end`.execute(db);
  await sql`create trigger faq_fts_update after update of question, answer on faq_entries begin
    insert into faq_fts(faq_fts, rowid, question, answer) values ('delete', old.rowid, old.question, old.answer);
    insert into faq_fts(rowid, question, answer) values (new.rowid, new.question, new.answer);
  end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) {
    for (const trigger of ['faq_fts_insert', 'faq_fts_delete', 'faq_fts_update']) await sql`drop trigger ${sql.id(trigger)}`.execute(db);
    await sql`drop table faq_fts`.execute(db);
  }
  await db.schema.dropTable('faq_feedback').execute();
  await db.schema.dropTable('faq_entries').execute();
  await db.schema.dropTable('pages').execute();
}
