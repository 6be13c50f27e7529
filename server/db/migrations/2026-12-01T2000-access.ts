import type { Kysely } from 'kysely';
import { randomToken } from '../../lib/ids.js';

/**
 * Who may do what (issue 8): staff roles, permission sets and their three levels, project
 * membership, account teams, portal types and IP allowlists. Staff users that existed before
 * become admins; every tenant gets its four built-in sets, the Full access ones as defaults,
 * so contacts keep what they could do.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('permission_sets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('portal_type', 'text', (c) => c.notNull())
    // A JSON list; for built-in sets the code defines the capabilities and this stays '[]'.
    .addColumn('capabilities', 'text', (c) => c.notNull())
    .addColumn('built_in', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('permission_sets_tenant').on('permission_sets').columns(['tenant_id', 'created_at', 'id']).execute();

  await db.schema.alterTable('tenants').addColumn('default_permission_set_id', 'text').execute();
  await db.schema.alterTable('tenants').addColumn('default_partner_permission_set_id', 'text').execute();

  await db.schema.alterTable('customers').addColumn('portal_type', 'text', (c) => c.notNull().defaultTo('customer')).execute();
  await db.schema.alterTable('customers').addColumn('permission_set_id', 'text').execute();
  await db.schema.alterTable('customers').addColumn('capability_overrides', 'text', (c) => c.notNull().defaultTo('{}')).execute();
  await db.schema.alterTable('customers').addColumn('owner_id', 'text').execute();
  await db.schema.alterTable('customers').addColumn('ip_allowlist', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.createIndex('customers_owner').on('customers').columns(['tenant_id', 'owner_id']).execute();

  await db.schema.alterTable('users').addColumn('staff_role', 'text').execute();
  await db.schema.alterTable('users').addColumn('permission_set_id', 'text').execute();
  await db.schema.alterTable('users').addColumn('capability_overrides', 'text', (c) => c.notNull().defaultTo('{}')).execute();
  await db.updateTable('users').set({ staff_role: 'admin' }).where('role', '=', 'staff').execute();

  await db.schema.alterTable('projects').addColumn('access', 'text', (c) => c.notNull().defaultTo('all_contacts')).execute();

  await db.schema
    .createTable('project_members')
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_members_pk', ['project_id', 'user_id'])
    .execute();
  await db.schema.createIndex('project_members_user').on('project_members').column('user_id').execute();

  await db.schema
    .createTable('customer_team')
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_team_pk', ['customer_id', 'user_id'])
    .execute();
  await db.schema.createIndex('customer_team_user').on('customer_team').column('user_id').execute();

  // The built-in sets of the tenants that exist now (new tenants get theirs when created).
  const tenants = await db.selectFrom('tenants').select('id').execute();
  const now = new Date().toISOString();
  for (const { id: tenantId } of tenants) {
    const ids: Record<string, string> = {};
    for (const portalType of ['customer', 'partner']) {
      for (const [builtIn, name] of [['full', 'Full access'], ['limited', 'Limited access']] as const) {
        const id = `pms_${randomToken(16)}`;
        ids[`${portalType}:${builtIn}`] = id;
        await db
          .insertInto('permission_sets')
          .values({ id, tenant_id: tenantId, name, portal_type: portalType, capabilities: '[]', built_in: builtIn, created_at: now, updated_at: now })
          .execute();
      }
    }
    await db
      .updateTable('tenants')
      .set({ default_permission_set_id: ids['customer:full'], default_partner_permission_set_id: ids['partner:full'] })
      .where('id', '=', tenantId)
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['customer_team', 'project_members', 'permission_sets']) await db.schema.dropTable(table).execute();
  await db.schema.dropIndex('customers_owner').execute();
  for (const column of ['access']) await db.schema.alterTable('projects').dropColumn(column).execute();
  for (const column of ['staff_role', 'permission_set_id', 'capability_overrides']) await db.schema.alterTable('users').dropColumn(column).execute();
  for (const column of ['portal_type', 'permission_set_id', 'capability_overrides', 'owner_id', 'ip_allowlist']) {
    await db.schema.alterTable('customers').dropColumn(column).execute();
  }
  for (const column of ['default_permission_set_id', 'default_partner_permission_set_id']) await db.schema.alterTable('tenants').dropColumn(column).execute();
}
