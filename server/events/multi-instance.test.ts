import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { createTenant } from '../tenants/tenant.repository.js';
import { persistentDatabase } from '../test/persistent-database.js';
import { serveProcess, type ServeProcess } from '../test/serve-process.js';
import { SseReader } from '../test/sse-client.js';

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('two server processes on one PostgreSQL database', () => {
  let store: Awaited<ReturnType<typeof persistentDatabase>>;
  let a: ServeProcess;
  let b: ServeProcess;
  let key: string;

  beforeAll(async () => {
    store = await persistentDatabase({ name: 'postgres', url: url! });
    const storage = connect(store.url);
    await migrateToLatest(storage.db);
    key = (await createTenant(storage.db, { name: 'Twin Co' })).api_key;
    await storage.close();
    const env = { DATABASE_URL: store.url, DATA_DIR: store.dataDir, PUBLIC_URL: 'http://portal.test', EXAMPLE_PORT: '0' };
    [a, b] = await Promise.all([serveProcess(env), serveProcess(env)]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await store.drop();
  });

  const call = async (base: string, method: string, path: string, auth: string, body?: unknown) => {
    const r = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: r.status, body: (await r.json()) as any };
  };

  it('carries a change made through one instance to a stream on the other', async () => {
    const contact = await call(a.url, 'POST', '/v1/embed-tokens', key, { user: { external_id: 'ana', name: 'Ana', role: 'contact' }, customer: { external_id: 'acme' } });
    expect(contact.status).toBe(201);
    const res = await fetch(`${b.url}/v1/events`, { headers: { authorization: `Bearer ${contact.body.token}` } });
    expect(res.status).toBe(200);
    const stream = new SseReader(res.body!);

    const created = await call(a.url, 'POST', '/v1/tasks', key, { title: 'Made on A', customer_id: contact.body.customer_id, assignee_ids: [contact.body.user_id] });
    expect(created.status).toBe(201);
    const event = await stream.waitFor((m) => m.event === 'task.created');
    expect(JSON.parse(event.data).subject_id).toBe(created.body.id);
    // The notification is written by whichever instance's fan-out took the batch; it still reaches B's stream.
    const notification = await stream.waitFor((m) => m.event === 'notification.created');
    expect(JSON.parse(notification.data).notification.task_id).toBe(created.body.id);
    await stream.close();
  });

  it('shows a change made through one instance in a task list the other has cached, well before the cache’s 5 s expiry', async () => {
    const contact = await call(a.url, 'POST', '/v1/embed-tokens', key, { user: { external_id: 'cy', name: 'Cy', role: 'contact' }, customer: { external_id: 'cached' } });
    const titles = async () => ((await call(b.url, 'GET', '/v1/tasks?limit=200', contact.body.token)).body.data as { title: string }[]).map((t) => t.title);
    expect(await titles()).toEqual([]);
    expect(await titles()).toEqual([]);
    const started = Date.now();
    expect((await call(a.url, 'POST', '/v1/tasks', key, { title: 'Made on A, listed on B', customer_id: contact.body.customer_id })).status).toBe(201);
    while (!(await titles()).includes('Made on A, listed on B')) {
      expect(Date.now() - started).toBeLessThan(2000);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });

  it('has each instance listen on its own connection, not only poll', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where query = 'LISTEN cp_events' and pid <> pg_backend_pid()`);
    await client.end();
    expect(rows[0]!.n).toBeGreaterThanOrEqual(2);
  });
});
