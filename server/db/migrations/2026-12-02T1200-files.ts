import { sql, type Kysely } from 'kysely';

/**
 * Files (issue 10): stored bytes counted by reference (`blobs`), every version of a document
 * (`document_versions`, the first one made from each existing document) and folders.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // One row per stored hash: `refs` counts the document versions holding it. The row is also
  // the lock that keeps a new upload and the removal of the last reference from interleaving.
  await db.schema
    .createTable('blobs')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('refs', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('document_versions')
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_versions_pk', ['document_id', 'number'])
    .execute();
  await db.schema.createIndex('document_versions_sha256').on('document_versions').column('sha256').execute();

  await db.schema
    .createTable('folders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('parent_id', 'text', (c) => c.references('folders.id'))
    // `/fld_root/…/fld_self/`: the folder's ancestors and itself, so that "is anything above
    // it internal" and "would this move make a cycle" are one indexed query each.
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('folders_customer_parent').on('folders').columns(['customer_id', 'parent_id']).execute();

  await db.schema.alterTable('documents').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('documents').addColumn('folder_id', 'text', (c) => c.references('folders.id')).execute();
  await db.schema.createIndex('documents_folder').on('documents').column('folder_id').execute();

  await sql`insert into document_versions (document_id, number, tenant_id, name, content_type, size, sha256, uploaded_by, created_at)
    select id, 1, tenant_id, name, content_type, size, sha256, uploaded_by, created_at from documents`.execute(db);
  await sql`insert into blobs (sha256, size, refs, created_at)
    select v.sha256, max(v.size), count(*), min(v.created_at) from document_versions v
    join documents d on d.id = v.document_id where d.deleted_at is null group by v.sha256`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('documents_folder').execute();
  await db.schema.alterTable('documents').dropColumn('folder_id').execute();
  await db.schema.alterTable('documents').dropColumn('version').execute();
  await db.schema.dropTable('folders').execute();
  await db.schema.dropTable('document_versions').execute();
  await db.schema.dropTable('blobs').execute();
}
