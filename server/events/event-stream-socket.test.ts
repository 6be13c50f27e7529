import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../serve.js';
import { createTenant } from '../tenants/tenant.repository.js';
import { databases } from '../test/harness.js';
import { eventually } from '../test/live-fixtures.js';
import { startStoredServer } from '../test/running-server.js';
import { SseReader } from '../test/sse-client.js';

/**
 * Under the Node server a stream writes straight into the HTTP response (live-stream.ts);
 * in-process requests (the other event tests) go through a web ReadableStream. This is the
 * socket path end to end: the head as c.body would send it, the greeting, events, the end.
 */
describe.each(databases)('the live stream over a socket on $name', (database) => {
  let running: Awaited<ReturnType<typeof startStoredServer>>;
  let server: RunningServer;
  let key: string;

  beforeAll(async () => {
    running = await startStoredServer(database);
    server = running.server;
    key = (await createTenant(server.deps.db, { name: 'Socket Co' })).api_key;
  });
  afterAll(() => running.close());

  const call = async (method: string, path: string, auth: string, body?: unknown) => {
    const r = await fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: r.status, body: (await r.json()) as any };
  };

  it('sends the head, the greeting, replayed and live events, and lets go when the client leaves', async () => {
    const issued = await call('POST', '/v1/embed-tokens', key, { user: { external_id: 'c-1', name: 'Casey', role: 'contact' }, customer: { external_id: 'acme' } });
    expect(issued.status).toBe(201);
    const token = issued.body.token as string;
    const customerId = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).cid as string;
    const first = await call('POST', '/v1/tasks', key, { title: 'Before the stream', customer_id: customerId });
    expect(first.status).toBe(201);

    const aborted = new AbortController();
    const res = await fetch(`${server.url}/v1/events?last_event_id=0`, { headers: { authorization: `Bearer ${token}`, origin: 'https://app.example' }, signal: aborted.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const stream = new SseReader(res.body!);
    const replayed = await stream.waitFor((m) => m.event === 'task.created', 10_000);
    expect(JSON.parse(replayed.data).subject_id).toBe(first.body.id);
    expect(stream.raw.startsWith(': connected\n\n')).toBe(true);

    expect((await call('PATCH', `/v1/tasks/${first.body.id}`, key, { title: 'Changed live' })).status).toBe(200);
    const live = await stream.waitFor((m) => m.event === 'task.updated', 10_000);
    expect(JSON.parse(live.data).data.task.title).toBe('Changed live');
    expect(server.deps.live.openStreams).toBe(1);

    aborted.abort();
    await eventually(async () => expect(server.deps.live.openStreams).toBe(0), 10_000);
  });
});
