import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { databases } from '../test/harness.js';
import { persistentDatabase } from '../test/persistent-database.js';
import { connect, type Storage } from './connect.js';
import { migrateToLatest } from './migrate.js';

const root = new URL('../..', import.meta.url).pathname;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The tables of the schema, and how many migrations it records. */
async function schemaOf(storage: Storage): Promise<{ tables: string[]; migrations: number }> {
  const tables =
    storage.dialect === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(storage.db)).rows
      : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(storage.db)).rows;
  const names = tables.map((t) => t.name).sort();
  const migrations = names.includes('kysely_migration') ? Number((await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(storage.db)).rows[0]!.n) : 0;
  return { tables: names, migrations };
}

/** Whether the child has begun migrating: the SQLite file exists, or Kysely's bookkeeping table does. */
async function started(url: string, probe: Storage | null): Promise<boolean> {
  if (!probe) return existsSync(url.replace(/^sqlite:/, ''));
  return (await schemaOf(probe)).tables.includes('kysely_migration');
}

describe.each(databases)('migrations on $name', (database) => {
  it('apply whole or not at all: a migrate killed midway starts cleanly next time', { timeout: 240_000 }, async () => {
    const reference = await persistentDatabase(database);
    const full = connect(reference.url);
    await migrateToLatest(full.db);
    const complete = await schemaOf(full);
    await full.close();
    await reference.drop();

    const midway: number[] = [];
    for (const delay of [5, 10, 15, 20, 30, 45, 60, 80, 110, 150]) {
      const store = await persistentDatabase(database);
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', 'migrate'], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: store.url, DATA_DIR: store.dataDir },
        stdio: 'ignore',
      });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      let running = true;
      void exited.then(() => (running = false));
      const probe = database.name === 'postgres' ? connect(store.url, { poolSize: 1 }) : null;
      while (running && !(await started(store.url, probe))) await sleep(database.name === 'sqlite' ? 1 : 5);
      await probe?.close();
      await sleep(delay);
      child.kill('SIGKILL');
      const code = await exited;

      const storage = connect(store.url);
      try {
        const left = await schemaOf(storage);
        if (code === null && left.migrations < complete.migrations) midway.push(left.migrations);
        await migrateToLatest(storage.db);
        expect(await schemaOf(storage)).toEqual(complete);
      } finally {
        await storage.close();
        await store.drop();
      }
      // Enough once a kill has landed after some migrations and before the last (or two inside the first).
      if (midway.some((n) => n > 0) || midway.length >= 2) break;
    }
    expect(midway.length).toBeGreaterThan(0);
  });
});
