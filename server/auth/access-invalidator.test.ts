import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import type { Deps } from '../context.js';
import { connect } from '../db/connect.js';
import { createDeps } from '../deps.js';
import { createTenant } from '../tenants/tenant.repository.js';
import { databases } from '../test/harness.js';
import { persistentDatabase } from '../test/persistent-database.js';

describe.each(databases)('the access invalidator on $name', (database) => {
  let store: Awaited<ReturnType<typeof persistentDatabase>>;
  const instances: { deps: Deps; app: ReturnType<typeof createApp> }[] = [];
  let key: string;

  beforeAll(async () => {
    store = await persistentDatabase(database);
    const config = loadConfig({ DATABASE_URL: store.url, PUBLIC_URL: 'http://portal.test' }, { dataDir: store.dataDir });
    for (let i = 0; i < 2; i++) {
      const deps = await createDeps(config, connect(store.url));
      instances.push({ deps, app: createApp(deps) });
    }
    key = (await createTenant(instances[0]!.deps.db, { name: 'Twin Co' })).api_key;
  });
  afterAll(async () => {
    for (const { deps } of instances) await deps.storage.close();
    await store.drop();
  });

  const call = async (instance: number, method: string, path: string, auth: string, body?: unknown) => {
    const r = await instances[instance]!.app.request(path, {
      method,
      headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: r.status, body: (await r.json()) as any };
  };

  it("forgets one instance's cached access when the other writes the change, as it reads the log", async () => {
    const ana = (await call(0, 'POST', '/v1/embed-tokens', key, { user: { external_id: 'ana', name: 'Ana', role: 'contact' }, customer: { external_id: 'acme' } })).body;
    // Instance 1 has Ana's access cached (for up to a second) ...
    expect((await call(1, 'GET', '/v1/me', ana.token)).status).toBe(200);
    expect((await call(0, 'PATCH', `/v1/users/${ana.user_id}`, key, { portal_access: 'deactivated' })).status).toBe(200);
    // ... until it reads the deactivation in the log: no second of grace.
    await instances[1]!.deps.invalidator.catchUp();
    const refused = await call(1, 'GET', '/v1/me', ana.token);
    expect([refused.status, refused.body.error.code]).toEqual([401, 'access_revoked']);
  });
});
