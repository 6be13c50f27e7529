import type { Kysely } from 'kysely';

/**
 * Resumable uploads (tus, issue 10): one row per upload under way, with what it will become
 * (a new document with its fields, or a new version of `document_id`), and one row per stored
 * part of its bytes. Every instance sees the same state, so an upload started through one may
 * be resumed through another when the parts are in the shared bucket.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('uploads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    // `callerKey` of who created it: nobody else may resume, read or end it.
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('declared_type', 'text', (c) => c.notNull())
    // The document a new version is for; null for a new document.
    .addColumn('document_id', 'text')
    // The new document's fields (JSON of `UploadFields`).
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('metadata', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('offset', 'bigint', (c) => c.notNull())
    // Set once its document (or version) is recorded; the row stays until it expires, so a
    // client resuming a finished upload hears that it is complete.
    .addColumn('completed_at', 'text')
    .addColumn('result_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('uploads_expires').on('uploads').column('expires_at').execute();

  await db.schema
    .createTable('upload_parts')
    .addColumn('upload_id', 'text', (c) => c.notNull().references('uploads.id').onDelete('cascade'))
    // The key its bytes are stored under in the blob store (a hash of the upload and a random token).
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('start', 'bigint', (c) => c.notNull())
    // Null while its bytes are being stored: a part left so by a crash is still found and removed.
    .addColumn('size', 'bigint')
    .addPrimaryKeyConstraint('upload_parts_pk', ['upload_id', 'key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('upload_parts').execute();
  await db.schema.dropTable('uploads').execute();
}
