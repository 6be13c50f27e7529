import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Storage } from './connect.js';
import { migrateToLatest } from './migrate.js';

describe('LIMIT and OFFSET as literals on SQLite', () => {
  let storage: Storage;
  beforeAll(async () => {
    storage = connect('sqlite::memory:');
    await migrateToLatest(storage.db);
    const now = new Date().toISOString();
    await storage.db
      .insertInto('tenants')
      .values(Array.from({ length: 30 }, (_, i) => ({ id: `ten_${String(i).padStart(2, '0')}`, name: `T${i}`, slug: `t${i}`, branding: '{}', settings: '{}', tokens_revoked_before: null, created_at: now, updated_at: now })))
      .execute();
  });
  afterAll(() => storage.close());

  const page = (limit: number, offset: number) => storage.db.selectFrom('tenants').select('id').where('name', '!=', 'none').orderBy('id').limit(limit).offset(offset);

  it('writes whole numbers into the text and binds only the rest', () => {
    const { sql: text, parameters } = page(10, 5).compile();
    expect(text).toMatch(/limit 10 offset 5$/);
    expect(parameters).toEqual(['none']);
  });

  it('answers the same rows as bound numbers would', async () => {
    expect((await page(3, 4).execute()).map((r) => r.id)).toEqual(['ten_04', 'ten_05', 'ten_06']);
    expect((await page(2, 28).execute()).map((r) => r.id)).toEqual(['ten_28', 'ten_29']);
  });

  it('leaves an expression alone', () => {
    const { sql: text } = storage.db.selectFrom('tenants').select('id').limit(sql<number>`1 + 1`).compile();
    expect(text).toMatch(/limit 1 \+ 1$/);
  });
});
