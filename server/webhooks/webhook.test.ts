import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { insertCustomer } from '../customers/customer.repository.js';
import { consumeBatch } from '../events/consumer.js';
import type { Worker } from '../lib/worker-loop.js';
import { startServer } from '../serve.js';
import { createTenant } from '../tenants/tenant.repository.js';
import { databases, embedToken } from '../test/harness.js';
import { useWorld } from '../test/suite.js';
import { eventually, startTestWorkers } from '../test/live-fixtures.js';
import { persistentDatabase } from '../test/persistent-database.js';
import { startReceiver, type Received } from '../test/webhook-receiver.js';
import { guardedLookup, isPublicAddress } from './safe-target.js';
import { webhookFanOut } from './webhook-fanout.js';
import { deliverDue } from './webhook-sender.js';

/** Verifies a delivery as a vendor would, from the spec alone: HMAC-SHA256 over `id.timestamp.body` keyed by the base64 after `whsec_`. */
function verifies(secret: string, request: Received): boolean {
  const id = request.headers['webhook-id'] as string;
  const timestamp = request.headers['webhook-timestamp'] as string;
  const expected = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64')).update(`${id}.${timestamp}.${request.body}`).digest('base64');
  return (request.headers['webhook-signature'] as string).split(' ').includes(`v1,${expected}`);
}

describe.each(databases)('webhooks on $name', (database) => {
  const env = useWorld(database, { webhookAllowPrivate: true });
  let workers: Worker;

  beforeAll(async () => {
    workers = startTestWorkers(env.t, { webhookRetryDelaysMs: [100, 100, 100] });
  });
  afterAll(async () => {
    await workers.stop();
  });

  const register = async (url: string, events: string[], auth = env.w.key) => {
    const r = await env.t.request('POST', '/v1/webhook-endpoints', { auth, body: { url, events } });
    expect(r.status).toBe(201);
    return r.body as { id: string; secret: string };
  };
  const deliveries = async (endpointId: string) => (await env.t.request('GET', `/v1/webhook-endpoints/${endpointId}/deliveries?limit=200`, { auth: env.w.key })).body.data;

  it('delivers subscribed events, internal ones included, signed the Standard Webhooks way', async () => {
    const hook = await startReceiver(() => 204);
    const endpoint = await register(`${hook.url}/portal`, ['task.created', 'comment.created']);
    expect(endpoint.id).toMatch(/^whe_/);
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const listed = await env.t.request('GET', '/v1/webhook-endpoints', { auth: env.w.key });
    expect(listed.body.data.map((e: { id: string }) => e.id)).toEqual([endpoint.id]);
    expect(JSON.stringify(listed.body)).not.toContain(endpoint.secret);

    const internal = (await env.t.request('POST', '/v1/tasks', { auth: env.w.staff, body: { title: 'Churn risk', customer_id: env.w.customerA, visibility: 'internal' } })).body;
    await env.t.request('PATCH', `/v1/tasks/${internal.id}`, { auth: env.w.staff, body: { priority: 'high' } });
    const portal = (await env.t.request('POST', '/v1/tasks', { auth: env.w.key, body: { title: 'Kick-off', customer_id: env.w.customerB } })).body;
    await eventually(async () => expect(hook.received).toHaveLength(2));

    const bodies = hook.received.map((r) => JSON.parse(r.body));
    expect(bodies.map((b) => [b.type, b.data.task.id])).toEqual([
      ['task.created', internal.id],
      ['task.created', portal.id],
    ]);
    expect(bodies[0].data.task.visibility).toBe('internal');
    expect(typeof bodies[0].timestamp).toBe('string');
    for (const request of hook.received) {
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['webhook-id']).toMatch(/^msg_/);
      expect(Math.abs(Number(request.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
      expect(verifies(endpoint.secret, request)).toBe(true);
      expect(verifies(endpoint.secret, { ...request, body: `${request.body} ` })).toBe(false);
    }
    await env.t.request('DELETE', `/v1/webhook-endpoints/${endpoint.id}`, { auth: env.w.key });
    await hook.close();
  });

  it('retries a failing receiver with the same webhook-id, and delivers exactly once more when it recovers', async () => {
    const hook = await startReceiver((_, count) => (count < 2 ? 500 : 200));
    const endpoint = await register(`${hook.url}/flaky`, ['*']);
    const created = (await env.t.request('POST', '/v1/tasks', { auth: env.w.key, body: { title: 'Retry me', customer_id: env.w.customerA } })).body;
    const [delivery] = await eventually(async () => {
      const list = await deliveries(endpoint.id);
      expect(list[0]?.status).toBe('succeeded');
      return list;
    });
    // A later event, to be sure nothing more of the first one is coming.
    await env.t.request('PATCH', `/v1/tasks/${created.id}`, { auth: env.w.key, body: { title: 'Retried' } });
    await eventually(async () => expect(hook.received.filter((r) => r.status === 200)).toHaveLength(2));

    const first = hook.received.filter((r) => r.headers['webhook-id'] === delivery.id);
    expect(first.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(new Set(first.map((r) => r.body)).size).toBe(1);
    expect(first.every((r) => verifies(endpoint.secret, r))).toBe(true);
    expect(delivery).toMatchObject({ type: 'task.created', status: 'succeeded', attempt_count: 3, next_attempt_at: null });
    expect(delivery.attempts.map((a: { attempt: number; response_status: number; error: string | null }) => [a.attempt, a.response_status, a.error])).toEqual([
      [1, 500, 'HTTP 500'],
      [2, 500, 'HTTP 500'],
      [3, 200, null],
    ]);
    await env.t.request('DELETE', `/v1/webhook-endpoints/${endpoint.id}`, { auth: env.w.key });
    await hook.close();
  });

  it('never follows a redirect, and gives up when the retries run out', async () => {
    const hook = await startReceiver((request) => (request.path === '/moved' ? { status: 302, location: '/elsewhere' } : 200));
    const endpoint = await register(`${hook.url}/moved`, ['task.created']);
    await env.t.request('POST', '/v1/tasks', { auth: env.w.key, body: { title: 'Redirected', customer_id: env.w.customerA } });
    const [delivery] = await eventually(async () => {
      const list = await deliveries(endpoint.id);
      expect(list[0]?.status).toBe('failed');
      return list;
    });
    expect(delivery.attempts).toHaveLength(4);
    expect(delivery.attempts[0]).toMatchObject({ response_status: 302, error: 'redirect (302) not followed' });
    expect(hook.received.map((r) => r.path)).toEqual(['/moved', '/moved', '/moved', '/moved']);
    await hook.close();
  });

  it('sends a failed delivery again on request, one more attempt with the same webhook-id, for admins only', async () => {
    let healthy = false;
    const hook = await startReceiver(() => (healthy ? 200 : 503));
    const endpoint = await register(`${hook.url}/down`, ['task.created']);
    await env.t.request('POST', '/v1/tasks', { auth: env.w.key, body: { title: 'Retry by hand', customer_id: env.w.customerA } });
    const [failed] = await eventually(async () => {
      const list = await deliveries(endpoint.id);
      expect(list[0]?.status).toBe('failed');
      return list;
    });
    expect(failed.attempt_count).toBe(4);
    const retryPath = `/v1/webhook-endpoints/${endpoint.id}/deliveries/${failed.id}/retry`;

    const member = (await embedToken(env.t, env.w.key, { external_id: 'wh-retry-member', name: 'Rita Member', role: 'staff' })).token;
    const refused = await env.t.request('POST', retryPath, { auth: member });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'admin_required']);
    expect((await env.t.request('POST', retryPath, { auth: env.w.otherTenantKey })).status).toBe(404);
    expect((await env.t.request('POST', `/v1/webhook-endpoints/${endpoint.id}/deliveries/msg_nothere/retry`, { auth: env.w.key })).status).toBe(404);

    healthy = true;
    const retried = await env.t.request('POST', retryPath, { auth: env.w.staff });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: failed.id, status: 'pending', completed_at: null });
    const [done] = await eventually(async () => {
      const list = await deliveries(endpoint.id);
      expect(list[0]?.status).toBe('succeeded');
      return list;
    });
    expect(done.attempts.map((a: { attempt: number; response_status: number }) => [a.attempt, a.response_status])).toEqual([
      [1, 503],
      [2, 503],
      [3, 503],
      [4, 503],
      [5, 200],
    ]);
    expect(new Set(hook.received.map((r) => r.headers['webhook-id']))).toEqual(new Set([failed.id]));
    await env.t.request('DELETE', `/v1/webhook-endpoints/${endpoint.id}`, { auth: env.w.key });
    await hook.close();
  });

  it('manages endpoints for API keys and staff admins only, within their tenant', async () => {
    const endpoint = await register('http://127.0.0.1:9/hook', ['task.created']);
    expect((await env.t.request('GET', '/v1/webhook-endpoints', { auth: env.w.staff })).status).toBe(200);
    const member = (await embedToken(env.t, env.w.key, { external_id: 'wh-member', name: 'Mo Member', role: 'staff' })).token;
    const refused = await env.t.request('GET', '/v1/webhook-endpoints', { auth: member });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'admin_required']);
    expect((await env.t.request('POST', '/v1/webhook-endpoints', { auth: env.w.contactA, body: { url: 'http://127.0.0.1:9/', events: ['*'] } })).status).toBe(403);
    expect((await env.t.request('GET', `/v1/webhook-endpoints/${endpoint.id}`, { auth: env.w.otherTenantKey })).status).toBe(404);
    expect((await env.t.request('DELETE', `/v1/webhook-endpoints/${endpoint.id}`, { auth: env.w.otherTenantKey })).status).toBe(404);
    const patched = await env.t.request('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, { auth: env.w.key, body: { events: ['comment.created', 'task.updated'] } });
    expect(patched.body).toMatchObject({ id: endpoint.id, url: 'http://127.0.0.1:9/hook', events: ['comment.created', 'task.updated'] });
    const bad = await env.t.request('POST', '/v1/webhook-endpoints', { auth: env.w.key, body: { url: 'ftp://example.test/', events: ['nope'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['events.0', 'url']);
    expect((await env.t.request('DELETE', `/v1/webhook-endpoints/${endpoint.id}`, { auth: env.w.key })).status).toBe(204);
    expect((await env.t.request('GET', `/v1/webhook-endpoints/${endpoint.id}`, { auth: env.w.key })).status).toBe(404);
  });
});

describe.each(databases)('webhook targets on $name', (database) => {
  const env = useWorld(database);

  it('refuses loopback, private and link-local targets', async () => {
    for (const url of [
      'http://127.0.0.1:8080/',
      'http://localhost/',
      'http://[::1]/',
      'http://10.1.2.3/',
      'http://172.16.0.9/',
      'http://192.168.1.10/',
      'http://169.254.169.254/latest/meta-data',
      'http://[fe80::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://0.0.0.0/',
      // IPv6 transition addresses carrying a private IPv4: NAT64, 6to4, IPv4-compatible, translated, Teredo.
      'http://[64:ff9b::a00:1]/',
      'http://[64:ff9b::7f00:1]/',
      'http://[64:ff9b:1::808:808]/',
      'http://[::7f00:1]/',
      'http://[::ffff:0:7f00:1]/',
      'http://[::ffff:0:a00:1]:8080/',
      'http://[2002:7f00:1::]/',
      'http://[2002:c0a8:10a::1]/',
      'http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/',
      'http://[2a00:1450::200:5efe:a00:1]/',
    ]) {
      const r = await env.t.request('POST', '/v1/webhook-endpoints', { auth: env.w.key, body: { url, events: ['*'] } });
      expect([url, r.status, r.body.error?.code]).toEqual([url, 400, 'webhook_target_refused']);
    }
    expect(isPublicAddress('93.184.215.14')).toBe(true);
    expect(isPublicAddress('2606:4700:4700::1111')).toBe(true);
    expect(isPublicAddress('100.64.0.1')).toBe(false);
    expect(isPublicAddress('fd00::1')).toBe(false);
    // The same mechanisms carrying a public IPv4 are ordinary targets.
    for (const address of ['64:ff9b::808:808', '2002:808:808::1', '::ffff:8.8.8.8', '2001:0:4136:e378:8000:63bf:f7f7:f7f7']) {
      expect([address, isPublicAddress(address)]).toEqual([address, true]);
    }
  });

  it('refuses a name whose DNS answer is a transition address of a private IPv4, when delivering', async () => {
    for (const answer of ['64:ff9b::a00:1', '::ffff:7f00:1', '2002:7f00:1::', '::7f00:1']) {
      const fakeDns = ((_: string, __: object, callback: (e: null, a: { address: string; family: number }[]) => void) =>
        callback(null, [{ address: answer, family: 6 }])) as unknown as typeof import('node:dns').lookup;
      const error = await new Promise<Error | null>((resolve) => guardedLookup(false, fakeDns)('hooks.vendor.test', { all: true }, (e) => resolve(e)));
      expect([answer, error?.message]).toEqual([answer, 'hooks.vendor.test resolves to a loopback, private or link-local address']);
    }
  });

  it('checks the address again when delivering, for literal IPs and names alike', async () => {
    const hook = await startReceiver(() => 200);
    const now = new Date().toISOString();
    for (const [id, url] of [
      ['whe_literal000000000000001', `${hook.url}/a`],
      ['whe_byname0000000000000001', `http://localhost:${hook.port}/b`],
      ['whe_nat64000000000000000001', `http://[64:ff9b::7f00:1]:${hook.port}/c`],
      ['whe_sixtofour00000000000001', `http://[2002:7f00:1::]:${hook.port}/d`],
      ['whe_compat0000000000000001', `http://[::7f00:1]:${hook.port}/e`],
    ]) {
      await env.t.deps.db.insertInto('webhook_endpoints').values({ id, tenant_id: env.w.tenantId, url, events: '["*"]', secret: 'whsec_c2VjcmV0', created_at: now, updated_at: now }).execute();
    }
    await env.t.request('POST', '/v1/tasks', { auth: env.w.key, body: { title: 'To nowhere', customer_id: env.w.customerA } });
    while ((await consumeBatch(env.t.deps, webhookFanOut, 100)) > 0) {
      // drain the log into deliveries
    }
    await deliverDue(env.t.deps, { retryDelaysMs: [60_000], timeoutMs: 2000, allowPrivate: false });
    const attempts = await env.t.deps.db.selectFrom('webhook_attempts').select(['error', 'response_status']).execute();
    expect(attempts).toHaveLength(5);
    for (const attempt of attempts) {
      expect(attempt.response_status).toBeNull();
      expect(attempt.error).toMatch(/loopback, private or link-local/);
    }
    expect(hook.received).toEqual([]);
    await hook.close();
  });

  it('keeps retrying across a restart of the server', async () => {
    const store = await persistentDatabase(database);
    const hook = await startReceiver((_, count) => (count < 1 ? 503 : 200));
    const config = loadConfig({ DATABASE_URL: store.url, PUBLIC_URL: 'http://portal.test', WEBHOOK_ALLOW_PRIVATE: 'true' }, { dataDir: store.dataDir, port: 0 });
    const options = { pollMs: 50, webhookRetryDelaysMs: [1500, 1500], log: () => {} };
    let server = await startServer(config, undefined, options);
    const { tenant, api_key: key } = await createTenant(server.deps.db, { name: 'Restart Co' });
    const call = (method: string, path: string, body: unknown) =>
      fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
    await call('POST', '/v1/webhook-endpoints', { url: `${hook.url}/restart`, events: ['task.created'] });
    const customer = await server.deps.db.transaction().execute((trx) => insertCustomer(trx, { kind: 'api_key', tenantId: tenant.id, keyId: '' }, { name: 'Acme' }));
    const created = await call('POST', '/v1/tasks', { title: 'Survive a restart', customer_id: customer.id });
    await eventually(async () => expect(hook.received).toHaveLength(1));
    await server.close();

    server = await startServer(config, undefined, options);
    await eventually(async () => expect(hook.received).toHaveLength(2));
    expect(hook.received.map((r) => r.status)).toEqual([503, 200]);
    expect(hook.received[1]!.headers['webhook-id']).toBe(hook.received[0]!.headers['webhook-id']);
    expect(JSON.parse(hook.received[1]!.body).data.task.id).toBe(created.id);
    await server.close();
    await hook.close();
    await store.drop();
  });
});
