import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

/** The consumers that exist when this migration runs; each starts at the end of the log as it is now. */
const CONSUMERS = ['notifications', 'webhooks'];

/**
 * Live updates, notifications, email and webhooks: consumer offsets over the event log, the
 * delivery state of each notification, due-date reminders sent, webhook endpoints and deliveries.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const bigint = isPostgres(db) ? 'bigint' : 'integer';

  await db.schema
    .createTable('consumer_offsets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('event_id', bigint, (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // An existing install must not turn its whole history into notifications and webhooks.
  const { rows } = await sql<{ id: number | string }>`select coalesce(max(id), 0) as id from events`.execute(db);
  const now = new Date().toISOString();
  await db
    .insertInto('consumer_offsets')
    .values(CONSUMERS.map((name) => ({ name, event_id: Number(rows[0]?.id ?? 0), updated_at: now })))
    .execute();

  // A notification is one event for one person, delivered in the app, by email, or both.
  await db.schema.alterTable('notifications').addColumn('in_app', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('notifications').addColumn('email_status', 'text').execute();
  await db.schema.alterTable('notifications').addColumn('email_claim', 'text').execute();
  await db.schema.alterTable('notifications').addColumn('email_claimed_at', 'text').execute();
  await db.schema.alterTable('notifications').addColumn('emailed_at', 'text').execute();
  await db.schema.createIndex('notifications_user_event').on('notifications').columns(['user_id', 'event_id']).unique().execute();
  await db.schema.createIndex('notifications_event').on('notifications').column('event_id').execute();
  await db.schema.createIndex('notifications_email').on('notifications').columns(['email_status', 'user_id']).execute();

  await db.schema
    .createTable('task_reminders')
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_reminders_pk', ['task_id', 'due_date', 'stage'])
    .execute();
  await db.schema.createIndex('tasks_due').on('tasks').columns(['due_date']).execute();

  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webhook_endpoints_tenant').on('webhook_endpoints').columns(['tenant_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('endpoint_id', 'text', (c) => c.notNull().references('webhook_endpoints.id').onDelete('cascade'))
    .addColumn('event_id', bigint, (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempt_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    .addColumn('claim', 'text')
    .addColumn('claimed_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addUniqueConstraint('webhook_deliveries_endpoint_event', ['endpoint_id', 'event_id'])
    .execute();
  await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('webhook_deliveries_endpoint').on('webhook_deliveries').columns(['endpoint_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('webhook_attempts')
    .addColumn('delivery_id', 'text', (c) => c.notNull().references('webhook_deliveries.id').onDelete('cascade'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('webhook_attempts_pk', ['delivery_id', 'attempt'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['webhook_attempts', 'webhook_deliveries', 'webhook_endpoints', 'task_reminders', 'consumer_offsets']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('tasks_due').execute();
  for (const index of ['notifications_email', 'notifications_event', 'notifications_user_event']) await db.schema.dropIndex(index).execute();
  for (const column of ['emailed_at', 'email_claimed_at', 'email_claim', 'email_status', 'in_app']) {
    await db.schema.alterTable('notifications').dropColumn(column).execute();
  }
}
