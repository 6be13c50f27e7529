import type { Kysely } from 'kysely';

/** Documents by their bytes: a deleted document's file goes only when no other document shares it. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('documents_sha256').on('documents').columns(['sha256', 'deleted_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('documents_sha256').execute();
}
