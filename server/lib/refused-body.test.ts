import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { startServer, type RunningServer } from '../serve.js';
import { createTenant } from '../tenants/tenant.repository.js';
import { databases } from '../test/harness.js';
import { persistentDatabase } from '../test/persistent-database.js';

const LIMIT = 64 * 1024;
/** Enough rounds to catch the race the reset used to lose about one time in ten. */
const ROUNDS = 20;

interface Answer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** One request over `agent`; socket errors reject, as a client would see them. */
function send(agent: http.Agent, url: string, options: { method: string; headers: Record<string, string | number>; chunks?: Buffer[] }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { agent, method: options.method, headers: options.headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, headers: response.headers }));
      response.on('error', reject);
    });
    request.on('error', reject);
    for (const chunk of options.chunks ?? []) request.write(chunk);
    request.end();
  });
}

describe.each(databases)('refused bodies over a real socket on $name', (database) => {
  let server: RunningServer;
  let key: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const store = await persistentDatabase(database);
    drop = store.drop;
    const config = loadConfig(
      { DATABASE_URL: store.url, PUBLIC_URL: 'http://portal.test', JSON_BODY_LIMIT: String(LIMIT), UPLOAD_LIMIT: String(LIMIT) },
      { dataDir: store.dataDir, port: 0 },
    );
    server = await startServer(config, undefined, { log: () => {} });
    key = (await createTenant(server.deps.db, { name: 'Limits Co' })).api_key;
  });
  afterAll(async () => {
    await server.close();
    await drop();
  });

  const big = (size: number) => Buffer.from(JSON.stringify({ title: 'x'.repeat(size) }));

  it.each([
    ['a JSON body with Content-Length', () => ({ path: '/v1/tasks', chunked: false, body: big(4 * 1024 * 1024), type: 'application/json' })],
    ['a chunked JSON body', () => ({ path: '/v1/tasks', chunked: true, body: big(4 * 1024 * 1024), type: 'application/json' })],
    ['an upload with Content-Length', () => ({ path: '/v1/documents', chunked: false, body: Buffer.alloc(4 * 1024 * 1024, 97), type: 'multipart/form-data; boundary=x' })],
    ['a chunked upload', () => ({ path: '/v1/documents', chunked: true, body: Buffer.alloc(4 * 1024 * 1024, 97), type: 'multipart/form-data; boundary=x' })],
  ])('answers 413 to %s, and the next request on that connection works', async (_, make) => {
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const { path, chunked, body, type } = make();
      const chunks = chunked ? Array.from({ length: 64 }, (_, i) => body.subarray((i * body.length) / 64, ((i + 1) * body.length) / 64)) : [body];
      try {
        const refused = await send(agent, `${server.url}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': type, ...(chunked ? {} : { 'content-length': body.length }) },
          chunks,
        });
        if (refused.status !== 413 || JSON.parse(refused.body).error.code !== 'payload_too_large') failures.push(`round ${round}: ${refused.status} ${refused.body.slice(0, 80)}`);
        // The client learns not to send its next request on a connection that is closing.
        if (refused.headers.connection !== 'close') failures.push(`round ${round}: Connection: ${refused.headers.connection}`);
        const next = await send(agent, `${server.url}/v1/customers`, { method: 'GET', headers: { authorization: `Bearer ${key}` } });
        if (next.status !== 200) failures.push(`round ${round}: next ${next.status}`);
      } catch (error) {
        failures.push(`round ${round}: ${(error as Error).message}`);
      } finally {
        agent.destroy();
      }
    }
    expect(failures).toEqual([]);
  });

  // JSON bodies are read from Node's request itself (`jsonBodyLimit`), not through a web Request.
  it.each([
    ['in one piece with Content-Length', false, ''],
    ['chunked, in many small pieces', true, ''],
    ['led by a byte-order mark, as Request.text() would drop it', false, '\ufeff'],
  ])('reads a JSON body under the limit %s, and keeps the connection', async (_, chunked, lead) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const customer = JSON.parse((await send(agent, `${server.url}/v1/customers`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, chunks: [Buffer.from(JSON.stringify({ name: 'Read Co' }))] })).body);
      const title = `Read ${'é'.repeat(400)} whole`;
      const description = 'ü'.repeat(20_000);
      const body = Buffer.from(lead + JSON.stringify({ title, description, customer_id: customer.id }));
      // Pieces that cut a two-byte character in half must still decode as one text.
      const chunks = chunked ? Array.from({ length: 33 }, (_, i) => body.subarray(Math.floor((i * body.length) / 33), Math.floor(((i + 1) * body.length) / 33))) : [body];
      const created = await send(agent, `${server.url}/v1/tasks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json; charset=utf-8', ...(chunked ? {} : { 'content-length': body.length }) },
        chunks,
      });
      expect(created.status, created.body).toBe(201);
      expect(JSON.parse(created.body).title).toBe(title);
      expect(created.headers.connection).not.toBe('close');
      const next = await send(agent, `${server.url}/v1/tasks/${JSON.parse(created.body).id}`, { method: 'GET', headers: { authorization: `Bearer ${key}` } });
      expect(JSON.parse(next.body)).toMatchObject({ title, description });
    } finally {
      agent.destroy();
    }
  });
});
