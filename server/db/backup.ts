import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Storage } from './connect.js';

/**
 * Writes a consistent copy of the database to `file` while the server keeps running
 * (SQLite's online backup). For PostgreSQL it explains the tool to use instead.
 * @example console.log(await backup(storage, 'backups/portal-2026-11-25.db'));
 */
export async function backup(storage: Storage, file: string): Promise<string> {
  if (!storage.sqlite) {
    throw new Error('backup copies SQLite databases; for PostgreSQL use pg_dump, e.g. `pg_dump --format=custom "$DATABASE_URL" > portal.dump`');
  }
  const target = resolve(file);
  mkdirSync(dirname(target), { recursive: true });
  const { totalPages } = await storage.sqlite.backup(target);
  return `Backed up ${totalPages} pages to ${target}`;
}
