import type { Kysely } from 'kysely';

/**
 * Plans (issue 11): milestones of a project, and the tasks' `start_date` and `milestone_id`.
 * A milestone keeps the status the reminders worker last saw (`status`), so that a change of
 * it is written to the log once; reads compute the status afresh.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('milestones')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('upcoming'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('milestones_tenant_created').on('milestones').columns(['tenant_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('milestones_project').on('milestones').columns(['project_id', 'due_date']).execute();

  await db.schema.alterTable('tasks').addColumn('start_date', 'text').execute();
  await db.schema.alterTable('tasks').addColumn('milestone_id', 'text').execute();
  await db.schema.createIndex('tasks_milestone').on('tasks').column('milestone_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tasks_milestone').execute();
  await db.schema.alterTable('tasks').dropColumn('milestone_id').execute();
  await db.schema.alterTable('tasks').dropColumn('start_date').execute();
  await db.schema.dropTable('milestones').execute();
}
