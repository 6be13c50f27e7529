import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { randomToken } from '../lib/ids.js';
import type { databases } from './harness.js';

/**
 * A database that outlives one server, for restarts and for several processes: a SQLite file,
 * or a fresh PostgreSQL schema named in the URL (`options=-c search_path=…`), so a child
 * process given `DATABASE_URL` lands in the same place.
 * @example const store = await persistentDatabase(database); spawn('…', { env: { DATABASE_URL: store.url } });
 */
export async function persistentDatabase(database: (typeof databases)[number]): Promise<{ url: string; dataDir: string; drop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cp-persist-'));
  if (database.name === 'sqlite') {
    return { url: `sqlite:${join(dataDir, 'portal.db')}`, dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const schema = `t_${randomToken(8).toLowerCase()}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  await admin(`create schema ${schema}`);
  const url = `${database.url}${database.url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return {
    url,
    dataDir,
    async drop() {
      await admin(`drop schema ${schema} cascade`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
