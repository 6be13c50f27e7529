import { Migrator, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Storage } from './connect.js';
import type { Database } from './database.js';
import { migrateToLatest, provider } from './migrate.js';

/*
 * The access migration on a database that already holds a tenant: its staff become admins,
 * its contacts keep every capability through the Full access default, its projects stay open
 * to all contacts.
 */
describe('the access migration', () => {
  let storage: Storage;
  let db: Kysely<Database>;
  const now = new Date().toISOString();

  beforeAll(async () => {
    storage = connect(':memory:');
    db = storage.db;
    const { error } = await new Migrator({ db, provider }).migrateTo('2026-11-25T1300-csm');
    if (error) throw error;
    const raw = db as unknown as Kysely<any>;
    await raw.insertInto('tenants').values({ id: 'ten_1', name: 'Old vendor', slug: 'old', branding: '{}', settings: '{}', tokens_revoked_before: null, created_at: now, updated_at: now }).execute();
    await raw.insertInto('customers').values({ id: 'cus_1', tenant_id: 'ten_1', external_id: null, name: 'Old customer', portal_enabled: 1, created_at: now, updated_at: now }).execute();
    const user = { tenant_id: 'ten_1', external_id: null, email: null, portal_access: 'active', preferences: '{}', last_seen_at: null, created_at: now, updated_at: now };
    await raw.insertInto('users').values([
      { ...user, id: 'usr_staff', customer_id: null, name: 'Old staff', role: 'staff' },
      { ...user, id: 'usr_contact', customer_id: 'cus_1', name: 'Old contact', role: 'contact' },
    ]).execute();
    await raw.insertInto('projects').values({ id: 'prj_1', tenant_id: 'ten_1', customer_id: 'cus_1', name: 'Old project', description: '', status: 'active', visibility: 'portal', created_by: null, created_at: now, updated_at: now }).execute();
    await migrateToLatest(db);
  });
  afterAll(() => storage.close());

  it('makes existing staff admins and gives every tenant its built-in sets as defaults', async () => {
    const staff = await db.selectFrom('users').select(['staff_role', 'capability_overrides']).where('id', '=', 'usr_staff').executeTakeFirstOrThrow();
    expect(staff.staff_role).toBe('admin');
    const contact = await db.selectFrom('users').select(['staff_role', 'permission_set_id']).where('id', '=', 'usr_contact').executeTakeFirstOrThrow();
    expect(contact).toEqual({ staff_role: null, permission_set_id: null });
    const sets = await db.selectFrom('permission_sets').select(['id', 'name', 'portal_type', 'built_in']).where('tenant_id', '=', 'ten_1').orderBy('portal_type').orderBy('built_in').execute();
    expect(sets.map((s) => [s.portal_type, s.built_in, s.name])).toEqual([
      ['customer', 'full', 'Full access'],
      ['customer', 'limited', 'Limited access'],
      ['partner', 'full', 'Full access'],
      ['partner', 'limited', 'Limited access'],
    ]);
    const tenant = await db.selectFrom('tenants').select(['default_permission_set_id', 'default_partner_permission_set_id']).where('id', '=', 'ten_1').executeTakeFirstOrThrow();
    expect(tenant).toEqual({ default_permission_set_id: sets[0]!.id, default_partner_permission_set_id: sets[2]!.id });
    const customer = await db.selectFrom('customers').select(['portal_type', 'capability_overrides', 'ip_allowlist', 'owner_id']).where('id', '=', 'cus_1').executeTakeFirstOrThrow();
    expect(customer).toEqual({ portal_type: 'customer', capability_overrides: '{}', ip_allowlist: '[]', owner_id: null });
    expect((await db.selectFrom('projects').select('access').executeTakeFirstOrThrow()).access).toBe('all_contacts');
  });
});
