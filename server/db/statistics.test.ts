import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { connect } from './connect.js';
import { migrateToLatest } from './migrate.js';

it('keeps the planner’s averages and drops its samples, so a bound tenant id does not prepare a statement again', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cp-stats-'));
  const file = join(dir, 'p.db');
  try {
    const first = connect(`sqlite:${file}`);
    await migrateToLatest(first.db);
    const now = new Date().toISOString();
    const tenants = Array.from({ length: 300 }, (_, i) => ({ id: `ten_${i}`, name: `T ${i}`, slug: `t-${i}`, branding: '{}', settings: '{}', tokens_revoked_before: null, created_at: now, updated_at: now }));
    await first.transaction((trx) => trx.insertInto('tenants').values(tenants).execute());
    first.sqlite!.exec('analyze');
    expect(first.sqlite!.prepare('select count(*) as n from sqlite_stat4').get()).not.toEqual({ n: 0 });
    await first.close();

    const again = connect(`sqlite:${file}`);
    try {
      expect(again.sqlite!.prepare('select count(*) as n from sqlite_stat4').get()).toEqual({ n: 0 });
      expect((again.sqlite!.prepare('select count(*) as n from sqlite_stat1').get() as { n: number }).n).toBeGreaterThan(0);
    } finally {
      await again.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
