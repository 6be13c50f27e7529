import { spawn } from 'node:child_process';
import { request as httpRequest, createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';

/**
 * The real service for the browser tests: a WTR plugin starts it once (a temporary SQLite
 * database and one tenant) and stops it with the run; a middleware lets test pages ask it for
 * embed tokens and make API-key calls (the key never reaches the page), the way a vendor's
 * backend would. Test pages and the service are on different origins, as in production.
 *
 * - `GET  /__portal/info`            → `{url, hung}`: the service, and a server that accepts
 *                                      connections and never answers (a frozen service)
 * - `POST /__portal/token?spec=JSON` → `POST /v1/embed-tokens` with `spec` as the body
 * - `POST /__portal/api`             → `{method, path, body?, token?}` through the API key (or the token)
 * - `POST /__portal/cut?after=N`      → the next resumable upload PATCH through `flaky` (a proxy in
 *                                      front of the service, in `info`) has its connection cut after N bytes;
 *                                      `&stall=1`: held open after N bytes instead, until the browser gives up
 * - `GET  /__portal/requests`         → `{requests: [{method, path, offset, range, status}]}`: what the proxy passed on
 */
export function portalServer() {
  let child;
  let server;
  const ready = new Promise((resolve, reject) => {
    server = { resolve, reject };
  });

  const held = new Set();
  const hung = createServer((socket) => {
    held.add(socket);
    socket.on('close', () => held.delete(socket)).on('error', () => {});
  });
  const hungUrl = new Promise((resolve) => hung.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${hung.address().port}`)));

  // A proxy in front of the service that can cut a resumable upload's connection midway.
  let cutAfter = null;
  let stall = false;
  const log = [];
  const flaky = createHttpServer(async (req, res) => {
    const { url } = await ready;
    const target = new URL(req.url, url);
    const entry = { method: req.method, path: target.pathname, offset: Number(req.headers['upload-offset'] ?? -1), range: req.headers.range ?? null, status: 0 };
    log.push(entry);
    const upstream = httpRequest(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      entry.status = answer.statusCode;
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    const cut = req.method === 'PATCH' && req.url.startsWith('/v1/uploads/') && cutAfter !== null ? cutAfter : null;
    if (cut === null) return void req.pipe(upstream);
    cutAfter = null;
    const held = stall;
    let passed = 0;
    // The browser gave up (a paused upload): the service's request ends there too.
    res.on('close', () => upstream.destroy());
    req.on('data', (chunk) => {
      if (passed >= cut) return;
      const room = cut - passed;
      upstream.write(room >= chunk.length ? chunk : chunk.subarray(0, room));
      passed += Math.min(room, chunk.length);
      if (passed >= cut && !held) {
        // The connection drops: the browser's request fails, the service's is cut short.
        setTimeout(() => {
          upstream.destroy();
          req.socket.destroy();
        }, 200);
      }
    });
  });
  const flakyUrl = new Promise((resolve) => flaky.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${flaky.address().port}`)));

  const plugin = {
    name: 'portal-server',
    serverStart() {
      child = spawn(process.execPath, ['--import', 'tsx', 'widget/test/portal-server.ts'], { stdio: ['pipe', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) server.resolve(JSON.parse(line));
      });
      child.once('exit', (code) => server.reject(new Error(`the test service exited with ${code}`)));
      return ready;
    },
    async serverStop() {
      for (const socket of held) socket.destroy();
      hung.close();
      flaky.close();
      flaky.closeAllConnections?.();
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end();
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };

  const readBody = (req) =>
    new Promise((resolve, reject) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk)).on('end', () => resolve(body)).on('error', reject);
    });

  async function call(method, path, body, token) {
    const { url, apiKey } = await ready;
    const response = await fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${token ?? apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  const middleware = async (ctx, next) => {
    if (!ctx.path.startsWith('/__portal/')) return next();
    const reply = (status, body) => {
      ctx.status = status;
      ctx.type = 'application/json';
      ctx.body = JSON.stringify(body);
    };
    if (ctx.path === '/__portal/info') return reply(200, { url: (await ready).url, hung: await hungUrl, flaky: await flakyUrl });
    if (ctx.path === '/__portal/cut') {
      cutAfter = Number(ctx.query.after);
      stall = ctx.query.stall === '1';
      return reply(200, { armed: cutAfter });
    }
    if (ctx.path === '/__portal/requests') return reply(200, { requests: log });
    if (ctx.path === '/__portal/token') {
      const r = await call('POST', '/v1/embed-tokens', JSON.parse(ctx.query.spec));
      return reply(r.status, r.body);
    }
    if (ctx.path === '/__portal/api') {
      const { method, path, body, token } = JSON.parse(await readBody(ctx.req));
      return reply(200, await call(method, path, body, token));
    }
    return reply(404, { error: 'unknown test route' });
  };

  return { plugin, middleware };
}
