import type { Kysely } from 'kysely';

/**
 * Shared goals (issue 11): a customer's objective with an optional metric (its unit, where it
 * starts and the target, numbers in double precision on both databases), its owners on both
 * sides, and the history of progress updates (a value and a note, or a note alone).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('goals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('metric_unit', 'text')
    .addColumn('metric_start', 'double precision')
    .addColumn('metric_target', 'double precision')
    .addColumn('current_value', 'double precision')
    .addColumn('due_date', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('last_update_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('goals_tenant_created').on('goals').columns(['tenant_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('goals_customer').on('goals').columns(['customer_id', 'due_date']).execute();
  await db.schema
    .createTable('goal_owners')
    .addColumn('goal_id', 'text', (c) => c.notNull().references('goals.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('goal_owners_pk', ['goal_id', 'user_id'])
    .execute();
  await db.schema.createIndex('goal_owners_user').on('goal_owners').column('user_id').execute();
  await db.schema
    .createTable('goal_updates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('goal_id', 'text', (c) => c.notNull().references('goals.id').onDelete('cascade'))
    .addColumn('value', 'double precision')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('goal_updates_goal').on('goal_updates').columns(['goal_id', 'created_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('goal_updates').execute();
  await db.schema.dropTable('goal_owners').execute();
  await db.schema.dropTable('goals').execute();
}
