import { Migrator, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../tenants/tenant.repository.js';
import { connect, type Storage } from './connect.js';
import { migrateToLatest, provider } from './migrate.js';

/*
 * The search-order migration on a SQLite database that already holds tasks: they get order keys
 * in the page's order (creation time, then id), those of one millisecond in one group, and the
 * text index finds them as `tasks_fts` did; tasks written afterwards join through the triggers.
 */
describe('the task search order migration', () => {
  let storage: Storage;
  let db: Kysely<any>;
  const times = ['2026-01-01T00:00:00.002Z', '2026-01-01T00:00:00.001Z', '2026-01-01T00:00:00.002Z', '2025-06-30T23:59:59.999Z'];
  const ids = times.map((_, i) => `tsk_${'dbca'[i]}`);

  /** The tasks matching `word`, in the order the index hands them over, and their keys. */
  const matches = async (word: string) =>
    (
      await sql<{ key: string; task_id: string }>`select cast(s.rowid as text) as key, k.task_id from tasks_search s join tasks_search_keys k on k.key = s.rowid where tasks_search match ${`"${word}"`} order by s.rowid`.execute(db)
    ).rows;

  beforeAll(async () => {
    storage = connect(':memory:');
    db = storage.db as unknown as Kysely<any>;
    const { error } = await new Migrator({ db, provider }).migrateTo('2026-12-02T1710-requests');
    if (error) throw error;
    const { tenant } = await createTenant(storage.db, { name: 'Old vendor', slug: 'old' });
    await db.insertInto('customers').values({ id: 'cus_1', tenant_id: tenant.id, external_id: null, name: 'Old customer', portal_enabled: 1, created_at: times[0], updated_at: times[0] }).execute();
    const task = (id: string, at: string, title: string) => ({
      id, tenant_id: tenant.id, customer_id: 'cus_1', project_id: null, title, description: 'old notes', status: 'todo', priority: 'medium', visibility: 'portal',
      start_date: null, due_date: null, created_by: null, created_at: at, updated_at: at, completed_at: null, deleted_at: null, version: 1,
    });
    await db.insertInto('tasks').values(ids.map((id, i) => task(id, times[i]!, `Old walrus ${i}`))).execute();
    await migrateToLatest(db);
    await db.insertInto('tasks').values(task('tsk_e', times[0]!, 'New walrus')).execute();
  });
  afterAll(() => storage.close());

  it('keys the existing tasks in page order, a millisecond a group, and the new ones in their group', async () => {
    const found = await matches('walrus');
    expect(found.map((m) => m.task_id)).toEqual(['tsk_a', 'tsk_b', 'tsk_c', 'tsk_d', 'tsk_e']);
    const group = (key: string) => BigInt(key) >> 20n;
    expect(found.map((m) => group(m.key))).toEqual(['2025-06-30T23:59:59.999Z', times[1], times[0], times[0], times[0]].map((at) => BigInt(Date.parse(at!))));
    expect(await matches('old notes')).toHaveLength(5);
    expect(await sql`select name from sqlite_master where name like 'tasks_fts%'`.execute(db).then((r) => r.rows)).toEqual([]);
  });

  it('follows a task’s changes of title and of creation time, and its deletion', async () => {
    await db.updateTable('tasks').set({ title: 'Renamed', created_at: '2024-01-01T00:00:00.000Z' }).where('id', '=', 'tsk_c').execute();
    expect((await matches('walrus')).map((m) => m.task_id)).toEqual(['tsk_a', 'tsk_b', 'tsk_d', 'tsk_e']);
    const renamed = await matches('renamed');
    expect(renamed.map((m) => [m.task_id, BigInt(m.key) >> 20n])).toEqual([['tsk_c', BigInt(Date.parse('2024-01-01T00:00:00.000Z'))]]);
    await db.deleteFrom('tasks').where('id', '=', 'tsk_c').execute();
    expect(await matches('renamed')).toEqual([]);
    expect(Number((await sql<{ n: number }>`select count(*) as n from tasks_search_keys`.execute(db)).rows[0]!.n)).toBe(4);
  });

  it('goes back down to the index by rowid, rebuilt from the tasks', async () => {
    const { error } = await new Migrator({ db, provider }).migrateTo('2026-12-02T1710-requests');
    if (error) throw error;
    const found = await sql<{ n: number }>`select count(*) as n from tasks_fts where tasks_fts match '"walrus"'`.execute(db);
    expect(Number(found.rows[0]!.n)).toBe(4);
    expect(await sql`select name from sqlite_master where name like 'tasks_search%'`.execute(db).then((r) => r.rows)).toEqual([]);
  });
});
