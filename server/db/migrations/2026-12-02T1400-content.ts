import type { Kysely } from 'kysely';

/**
 * Content (issue 11): the resources library. A library document is a tenant document
 * (`customer_id` null) with a `library_category`, published to the contacts of every customer
 * of one `portal_type`; `download_count` counts its downloads.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('documents').addColumn('library_category', 'text').execute();
  await db.schema.alterTable('documents').addColumn('portal_type', 'text').execute();
  await db.schema.alterTable('documents').addColumn('download_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('documents_library').on('documents').columns(['tenant_id', 'library_category', 'portal_type']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('documents_library').execute();
  await db.schema.alterTable('documents').dropColumn('download_count').execute();
  await db.schema.alterTable('documents').dropColumn('portal_type').execute();
  await db.schema.alterTable('documents').dropColumn('library_category').execute();
}
