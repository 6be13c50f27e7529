import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'cp-cli-'));
const env = { ...process.env, DATA_DIR: dir, DATABASE_URL: `sqlite:${join(dir, 'portal.db')}` };
const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], { env, cwd: new URL('..', import.meta.url).pathname });

// Each command is a process of its own that loads TypeScript through tsx: seconds apiece on a busy machine.
describe('the customer-portal command line', { timeout: 120_000 }, () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('migrates, creates a tenant as JSON, rotates keys and backs up', async () => {
    expect((await cli('migrate')).stdout).toMatch(/Applied|up to date/);
    const { stdout } = await cli('tenant', 'create', '--name', 'Acme Software', '--json');
    const created = JSON.parse(stdout);
    expect(created).toEqual({ tenant: { id: expect.stringMatching(/^ten_/), name: 'Acme Software', slug: 'acme-software' }, api_key: expect.stringMatching(/^sk_/) });
    const custom = JSON.parse((await cli('tenant', 'create', '--name', 'Globex', '--slug', 'globex-eu', '--json')).stdout);
    expect(custom.tenant.slug).toBe('globex-eu');
    await expect(cli('tenant', 'create', '--name', 'Again', '--slug', 'globex-eu', '--json')).rejects.toMatchObject({ stderr: expect.stringMatching(/already taken/) });

    expect((await cli('keys', 'rotate')).stdout).toMatch(/New signing key k_/);

    const copy = join(dir, 'backups', 'copy.db');
    expect((await cli('backup', copy)).stdout).toMatch(/Backed up/);
    expect(existsSync(copy)).toBe(true);
    const backup = new SqliteDatabase(copy, { readonly: true });
    expect(backup.prepare('select slug from tenants order by slug').all()).toEqual([{ slug: 'acme-software' }, { slug: 'globex-eu' }]);
    backup.close();
  });

  it('explains its usage and fails on a wrong command', async () => {
    expect((await cli('help')).stdout).toMatch(/tenant create --name NAME/);
    await expect(cli('frobnicate')).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/unknown command "frobnicate"/) });
    await expect(cli('tenant', 'create')).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/--name NAME/) });
  });
});
