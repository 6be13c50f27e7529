import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/**
 * A real HTTP server that plays a vendor's webhook endpoint. `answer` decides each response's
 * status (and an optional Location), so a test can make it fail, redirect, then recover.
 * @example const hook = await startReceiver(() => 200); … hook.received[0].headers['webhook-id'];
 */
export async function startReceiver(answer: (request: Received, count: number) => number | { status: number; location: string }) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: Received = { path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status: 0 };
      const outcome = answer(request, received.filter((r) => r.path === request.path).length);
      const { status, location } = typeof outcome === 'number' ? { status: outcome, location: undefined } : outcome;
      request.status = status;
      received.push(request);
      res.writeHead(status, location ? { location } : {});
      res.end(status < 300 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
