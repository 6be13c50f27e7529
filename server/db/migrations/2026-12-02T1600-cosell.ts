import type { Kysely } from 'kysely';

/**
 * Deal-scoped work (issue 12's co-selling workspace and the deal's direct messages): tasks and
 * documents take the `deal_id` threads already had. A deal has at most one thread (the
 * "Message the rep" conversation, which is also a registration's workspace notes).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tasks').addColumn('deal_id', 'text').execute();
  await db.schema.alterTable('documents').addColumn('deal_id', 'text').execute();
  await db.schema.createIndex('tasks_deal').on('tasks').columns(['deal_id', 'created_at', 'id']).where('deal_id', 'is not', null).execute();
  await db.schema.createIndex('documents_deal').on('documents').columns(['deal_id', 'created_at', 'id']).where('deal_id', 'is not', null).execute();
  await db.schema.createIndex('threads_one_per_deal').on('threads').column('deal_id').unique().where('deal_id', 'is not', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('threads_one_per_deal').execute();
  await db.schema.dropIndex('documents_deal').execute();
  await db.schema.dropIndex('tasks_deal').execute();
  await db.schema.alterTable('documents').dropColumn('deal_id').execute();
  await db.schema.alterTable('tasks').dropColumn('deal_id').execute();
}
