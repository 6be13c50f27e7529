import type { Kysely } from 'kysely';

/**
 * The retention job (`server/retention/`): when each periodic job last ran, so that one
 * instance among several runs it per period, and the indexes its deletions walk.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('job_runs')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('last_run_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notifications_read').on('notifications').column('read_at').execute();
  await db.schema.createIndex('webhook_deliveries_completed').on('webhook_deliveries').column('completed_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('webhook_deliveries_completed').execute();
  await db.schema.dropIndex('notifications_read').execute();
  await db.schema.dropTable('job_runs').execute();
}
