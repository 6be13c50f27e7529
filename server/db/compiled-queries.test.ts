import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { databases } from '../test/harness.js';
import { useWorld } from '../test/suite.js';
import { insertRow, runById } from './compiled-queries.js';

describe.each(databases)('statements compiled once, on $name', (database) => {
  const env = useWorld(database);
  const tenant = (id: string, name = `Tenant ${id}`) => {
    const now = new Date().toISOString();
    return { id, name, slug: id.replace('_', '-'), branding: '{}', settings: '{}', tokens_revoked_before: null, created_at: now, updated_at: now };
  };

  it('runs a lookup by id with each id in the place of the one it was compiled with', async () => {
    const db = env.t.deps.db;
    await insertRow(db, 'tenants', tenant('ten_cq_one'));
    await insertRow(db, 'tenants', tenant('ten_cq_two'));
    const nameOf = async (id: string) => (await runById(db, 'test tenant name', id, (db, id) => db.selectFrom('tenants').select('name').where('id', '=', id)))[0]?.name;
    expect(await nameOf('ten_cq_one')).toBe('Tenant ten_cq_one');
    expect(await nameOf('ten_cq_two')).toBe('Tenant ten_cq_two');
    expect(await nameOf('ten_cq_none')).toBeUndefined();
  });

  it('refuses a query whose id is not its first parameter', async () => {
    const db = env.t.deps.db;
    await expect(runById(db, 'test id second', 'ten_cq_one', (db, id) => db.selectFrom('tenants').select('name').where('slug', '=', 'x').where('id', '=', id))).rejects.toThrow(/first parameter/);
  });

  it('inserts rows of one shape with their own values, returns what is asked, and leaves out a conflicting row when told to', async () => {
    const db = env.t.deps.db;
    const [row] = await insertRow(db, 'tenants', tenant('ten_cq_three'), { returning: ['id', 'name'] });
    expect(row).toEqual({ id: 'ten_cq_three', name: 'Tenant ten_cq_three' });
    await expect(insertRow(db, 'tenants', tenant('ten_cq_three', 'Again'))).rejects.toThrow();
    expect(await insertRow(db, 'tenants', tenant('ten_cq_three', 'Again'), { ignoreConflictOn: ['id'], returning: ['id'] })).toEqual([]);
    const stored = await db.selectFrom('tenants').select('name').where('id', '=', 'ten_cq_three').executeTakeFirstOrThrow();
    expect(stored.name).toBe('Tenant ten_cq_three');
  });

  it('passes a row holding an SQL expression to Kysely as it is', async () => {
    const db = env.t.deps.db;
    await insertRow(db, 'tenants', { ...tenant('ten_cq_four'), name: sql<string>`'Built ' || 'in SQL'` as unknown as string });
    const stored = await db.selectFrom('tenants').select('name').where('id', '=', 'ten_cq_four').executeTakeFirstOrThrow();
    expect(stored.name).toBe('Built in SQL');
  });
});
