import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Storage } from './connect.js';
import { migrateToLatest } from './migrate.js';
import { requestOrigin, withRequestOrigin } from '../lib/request-context.js';

describe('group commit on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cp-group-'));
  let storage: Storage;
  beforeAll(async () => {
    storage = connect(`sqlite:${join(dir, 'p.db')}`, { synchronous: 'full' });
    await migrateToLatest(storage.db);
  });
  afterAll(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (slug: string, fail = false) =>
    storage.transaction(async (trx) => {
      const now = new Date().toISOString();
      await trx.insertInto('tenants').values({ id: `ten_${slug}`, name: slug, slug, branding: '{}', settings: '{}', tokens_revoked_before: null, created_at: now, updated_at: now }).execute();
      if (fail) throw new Error(`refused ${slug}`);
      return slug;
    });
  const slugs = async () => (await storage.db.selectFrom('tenants').select('slug').orderBy('slug').execute()).map((r) => r.slug);

  it('keeps every write of a burst but the one that failed, which fails alone', async () => {
    const results = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => write(`t${String(i).padStart(2, '0')}`, i === 7)));
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.message)).toEqual(['refused t07']);
    const kept = await slugs();
    expect(kept).toHaveLength(39);
    expect(kept).not.toContain('t07');
  });

  it('answers a write only once it is committed: a reader of another connection sees it', async () => {
    await write('seen');
    const other = connect(`sqlite:${join(dir, 'p.db')}`);
    const row = await other.db.selectFrom('tenants').select('slug').where('slug', '=', 'seen').executeTakeFirst();
    await other.close();
    expect(row?.slug).toBe('seen');
  });

  it('rolls back only the write whose statement failed, inside a group', async () => {
    // The same id twice in one burst: the second write violates the primary key, alone.
    const results = await Promise.allSettled([write('dup'), write('dup'), write('after')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await slugs()).toEqual(expect.arrayContaining(['dup', 'after']));
  });

  it("runs each write of a group in its own request's context", async () => {
    // The event log stamps every event with `requestOrigin()`: one group, several requests.
    const seen = await Promise.all(
      ['10.0.0.1', '10.0.0.2', '10.0.0.3'].map((ip) =>
        withRequestOrigin({ ip, userAgent: null }, () =>
          storage.transaction(async () => {
            await Promise.resolve();
            return requestOrigin()?.ip;
          }),
        ),
      ),
    );
    expect(seen).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3']);
  });
});
