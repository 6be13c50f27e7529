import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { BACKSTOP_PAGES, connect } from './connect.js';
import { migrateToLatest } from './migrate.js';

it('copies committed writes from the WAL into the database file off the event loop', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cp-ckpt-'));
  const file = join(dir, 'p.db');
  const storage = connect(`sqlite:${file}`);
  try {
    await migrateToLatest(storage.db);
    // The service's own connection checkpoints only far behind the thread.
    expect(storage.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_PAGES);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const before = statSync(file).size;
    const now = new Date().toISOString();
    const rows = Array.from({ length: 2000 }, (_, i) => ({ id: `ten_${i}`, name: `T ${i}`.padEnd(200, '.'), slug: `t-${i}`, branding: '{}', settings: '{}', tokens_revoked_before: null, created_at: now, updated_at: now }));
    for (let i = 0; i < rows.length; i += 200) await storage.transaction((trx) => trx.insertInto('tenants').values(rows.slice(i, i + 200)).execute());
    await expect.poll(() => statSync(file).size, { timeout: 5000 }).toBeGreaterThan(before + 200_000);
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
