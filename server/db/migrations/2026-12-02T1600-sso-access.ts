import type { Kysely } from 'kysely';

/**
 * OIDC sign-ins under way (the `state`'s hash, the PKCE verifier, the nonce and the browser
 * cookie they are bound to, each usable once) and access requests from the public page.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sso_flows')
    .addColumn('state_hash', 'text', (col) => col.primaryKey())
    .addColumn('tenant_id', 'text', (col) => col.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('browser_hash', 'text', (col) => col.notNull())
    .addColumn('code_verifier', 'text', (col) => col.notNull())
    .addColumn('nonce', 'text', (col) => col.notNull())
    .addColumn('landing', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('used_at', 'text')
    .execute();
  // The retention job prunes finished and timed-out flows by it.
  await db.schema.createIndex('sso_flows_expires').on('sso_flows').column('expires_at').execute();
  await db.schema
    .createTable('access_requests')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('tenant_id', 'text', (col) => col.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('company', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('customer_id', 'text', (col) => col.references('customers.id').onDelete('set null'))
    .addColumn('user_id', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('decided_by', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('access_requests_tenant_status').on('access_requests').columns(['tenant_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('access_requests_tenant_email').on('access_requests').columns(['tenant_id', 'email']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('access_requests').execute();
  await db.schema.dropTable('sso_flows').execute();
}
