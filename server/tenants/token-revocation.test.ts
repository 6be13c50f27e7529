import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../serve.js';
import { databases } from '../test/harness.js';
import { eventually } from '../test/live-fixtures.js';
import type { persistentDatabase } from '../test/persistent-database.js';
import { startStoredServer } from '../test/running-server.js';
import { SseReader } from '../test/sse-client.js';
import { createTenant } from './tenant.repository.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/** The real command line, as an operator would run it next to the server. */
const cli = (env: Record<string, string>, ...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], { cwd: root, env: { ...process.env, ...env } }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

describe.each(databases)('tokens revoke on $name', (database) => {
  let store: Awaited<ReturnType<typeof persistentDatabase>>;
  let server: RunningServer;
  let key: string;
  let tenantId: string;

  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ store, server, close } = await startStoredServer(database));
    const created = await createTenant(server.deps.db, { name: 'Revoked Co' });
    key = created.api_key;
    tenantId = created.tenant.id;
  });
  afterAll(() => close());

  const call = (method: string, path: string, auth: string, body?: unknown) =>
    fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const issue = async (role: 'staff' | 'contact') => {
    const r = await call('POST', '/v1/embed-tokens', key, {
      user: { external_id: `${role}-1`, name: role, role },
      ...(role === 'contact' ? { customer: { external_id: 'acme' } } : {}),
    });
    expect(r.status).toBe(201);
    return ((await r.json()) as { token: string }).token;
  };
  const stream = async (token: string) => {
    const r = await call('GET', '/v1/events', token);
    expect(r.status).toBe(200);
    return new SseReader(r.body!);
  };

  it('keeps tokens working through a key rotation, and refuses every earlier token after a revocation', async () => {
    const contact = await issue('contact');
    const staff = await issue('staff');
    await server.deps.keys.rotate();
    expect((await call('GET', '/v1/tasks', contact)).status).toBe(200);
    const streams = [await stream(contact), await stream(staff)];

    const result = await cli({ DATABASE_URL: store.url, DATA_DIR: store.dataDir }, 'tokens', 'revoke', '--tenant', tenantId);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(tenantId);

    for (const s of streams) {
      const revoked = await s.waitFor((m) => m.event === 'access.revoked');
      expect(JSON.parse(revoked.data)).toEqual({ reason: 'token_revoked' });
      await s.waitForEnd();
    }
    const refused = await eventually(async () => {
      const r = await call('GET', '/v1/tasks', contact);
      expect(r.status).toBe(401);
      return r.json();
    });
    expect(refused).toMatchObject({ error: { code: 'token_revoked' } });
    // Tokens carry whole seconds: one issued after the revocation's second works.
    await eventually(async () => expect((await call('GET', '/v1/tasks', await issue('contact'))).status).toBe(200), 3000);
  });

  it('says so when the tenant does not exist', async () => {
    const result = await cli({ DATABASE_URL: store.url, DATA_DIR: store.dataDir }, 'tokens', 'revoke', '--tenant', 'ten_nope');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no tenant ten_nope');
  });
});
