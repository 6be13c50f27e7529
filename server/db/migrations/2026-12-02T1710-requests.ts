import type { Kysely } from 'kysely';
import { insertDefaultRequestTypes } from '../../requests/request-type-defaults.js';

/**
 * Structured requests (issue 9): the tenant's request types (their form fields as JSON, the
 * SLA, who the linked task goes to), and the requests filed with them, each linked to the task
 * it created. `sla_breached` is the SLA worker's claim: set once, by a conditional update, so a
 * breach is announced once across instances and restarts. Every tenant that exists gets the
 * five default types.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('request_types')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('fields', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('sla_hours', 'integer', (c) => c.notNull())
    .addColumn('assign_to', 'text', (c) => c.notNull())
    .addColumn('task_visibility', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // A deleted type keeps its requests readable; it is no longer offered.
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('request_types_tenant').on('request_types').columns(['tenant_id', 'position']).execute();

  await db.schema
    .createTable('requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('project_id', 'text', (c) => c.references('projects.id').onDelete('set null'))
    .addColumn('type_id', 'text', (c) => c.notNull().references('request_types.id'))
    .addColumn('values', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('first_response_at', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('sla_breached', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('breached_at', 'text')
    // A confirmed meeting slot: JSON `{starts_at, ends_at, location}`.
    .addColumn('meeting', 'text')
    .execute();
  await db.schema.createIndex('requests_customer').on('requests').columns(['tenant_id', 'customer_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('requests_due').on('requests').columns(['sla_breached', 'due_at']).execute();
  await db.schema.createIndex('requests_task').on('requests').column('task_id').execute();

  const tenants = await db.selectFrom('tenants').select(['id', 'created_at']).execute();
  for (const tenant of tenants) await insertDefaultRequestTypes(db, tenant.id, tenant.created_at);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('requests').execute();
  await db.schema.dropTable('request_types').execute();
}
