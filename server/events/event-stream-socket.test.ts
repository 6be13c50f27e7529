import { connect } from 'node:net';
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

  /** A raw `GET /v1/events` in `version`: every byte the server sends, and whether it has closed the connection. */
  const rawStream = (token: string, version: '1.0' | '1.1') => {
    const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
    socket.write(`GET /v1/events?last_event_id=0 HTTP/${version}\r\nHost: portal.test\r\nAuthorization: Bearer ${token}\r\n\r\n`);
    const got = { bytes: '', ended: false, socket };
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (got.bytes += chunk));
    socket.on('end', () => (got.ended = true));
    return got;
  };

  /** The body of a chunked response: each chunk's length checked, the last (empty) one required. */
  const unchunk = (body: string) => {
    let text = '';
    for (let at = 0; ; ) {
      const eol = body.indexOf('\r\n', at);
      const size = parseInt(body.slice(at, eol), 16);
      expect(body.slice(at, eol)).toMatch(/^[0-9a-f]+$/);
      if (size === 0) {
        expect(body.slice(eol)).toBe('\r\n\r\n');
        return text;
      }
      text += body.slice(eol + 2, eol + 2 + size);
      expect(body.slice(eol + 2 + size, eol + 4 + size)).toBe('\r\n');
      at = eol + 4 + size;
    }
  };

  it('frames every write as a chunk of its own, the end included; an HTTP/1.0 client gets the bytes unframed', async () => {
    const issued = await call('POST', '/v1/embed-tokens', key, { user: { external_id: 's-1', name: 'Sam', role: 'staff' } });
    const token = issued.body.token as string;
    const contact = await call('POST', '/v1/embed-tokens', key, { user: { external_id: 'c-2', name: 'Cleo', role: 'contact' }, customer: { external_id: 'acme' } });
    const customerId = JSON.parse(Buffer.from((contact.body.token as string).split('.')[1]!, 'base64url').toString()).cid as string;
    const task = await call('POST', '/v1/tasks', key, { title: 'Framed', customer_id: customerId });
    expect(task.status).toBe(201);
    const chunked = rawStream(token, '1.1');
    const plain = rawStream(token, '1.0');
    // Caught up (the replay is each stream's own): the changes then go out as the bytes the streams share.
    await eventually(async () => {
      for (const got of [chunked, plain]) expect(got.bytes).toContain('"title":"Framed"');
    }, 10_000);
    for (const title of ['One', 'Two']) expect((await call('PATCH', `/v1/tasks/${task.body.id}`, key, { title })).status).toBe(200);
    await eventually(async () => {
      for (const got of [chunked, plain]) expect(got.bytes).toContain('"title":"Two"');
    }, 10_000);
    await server.deps.live.closeAll();
    await eventually(async () => expect(chunked.bytes.endsWith('0\r\n\r\n') && plain.ended).toBe(true), 10_000);

    const [head, body] = [chunked.bytes.slice(0, chunked.bytes.indexOf('\r\n\r\n')), chunked.bytes.slice(chunked.bytes.indexOf('\r\n\r\n') + 4)];
    expect(head).toMatch(/^HTTP\/1\.1 200 /);
    expect(head.toLowerCase()).toContain('transfer-encoding: chunked');
    const text = unchunk(body);
    expect(text.startsWith(': connected\n\n')).toBe(true);
    expect(text).toMatch(/"title":"One"[^]*"title":"Two"/);

    const plainHead = plain.bytes.slice(0, plain.bytes.indexOf('\r\n\r\n'));
    expect(plainHead).toMatch(/^HTTP\/1\.1 200 /);
    expect(plainHead.toLowerCase()).not.toContain('transfer-encoding');
    // The same events, byte for byte, without the framing.
    expect(plain.bytes.slice(plainHead.length + 4)).toBe(text);
    chunked.socket.destroy();
    plain.socket.destroy();
  });
});
