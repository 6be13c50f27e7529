import type { Kysely } from 'kysely';

/**
 * Engagement: the views people open in the widget, kept compactly. Raw beacons
 * (`analytics_views`) live for the retention setting's days; each also counts into a daily
 * rollup per customer, user and view (`analytics_daily`, kept for good) and extends or opens a
 * visit (`analytics_visits`: one row per sitting, for sessions and their length). The trend
 * each customer was last seen in (`customer_engagement`) lets the worker announce a change once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('analytics_views')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('view', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('analytics_views_created').on('analytics_views').column('created_at').execute();
  await db.schema
    .createTable('analytics_daily')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('view', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_daily_pk', ['customer_id', 'day', 'user_id', 'view'])
    .execute();
  await db.schema.createIndex('analytics_daily_tenant_day').on('analytics_daily').columns(['tenant_id', 'day']).execute();
  await db.schema
    .createTable('analytics_visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('analytics_visits_user').on('analytics_visits').columns(['user_id', 'last_at']).execute();
  await db.schema.createIndex('analytics_visits_tenant_started').on('analytics_visits').columns(['tenant_id', 'started_at']).execute();
  await db.schema
    .createTable('customer_engagement')
    .addColumn('customer_id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('trend', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('customer_engagement').execute();
  await db.schema.dropTable('analytics_visits').execute();
  await db.schema.dropTable('analytics_daily').execute();
  await db.schema.dropTable('analytics_views').execute();
}
