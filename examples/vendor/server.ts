import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PLAYER_ORIGINS } from '../../contract/page-media.js';
import { DEMO_USERS, portalTokenHandler, signedIn, type DemoUser } from './portal-token.js';

export interface ExampleVendorOptions {
  port: number;
  /** The portal service, e.g. `http://localhost:8787`. */
  apiBase: string;
  /** The tenant's API key (the demo tenant's is in data/demo-credentials.json). */
  apiKey: string;
  host?: string;
  /** Who may sign in to the fake vendor app; the demo seed's contact and CSM by default. */
  users?: Record<string, DemoUser>;
}

const file = (name: string) => readFileSync(fileURLToPath(new URL(name, import.meta.url)), 'utf8');
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A fake vendor app on its own origin that embeds the portal the way a real one would: one
 * script tag, one element, and `POST /portal-token` on its backend. Its pages run under a
 * strict Content-Security-Policy (no inline script or style), which the widget must respect.
 * @example const vendor = await startExampleVendor({ port: 8788, apiBase: 'http://localhost:8787', apiKey });
 */
export async function startExampleVendor(options: ExampleVendorOptions): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const users = options.users ?? DEMO_USERS;
  const api = new URL(options.apiBase).origin;
  const token = portalTokenHandler({ apiBase: api, apiKey: options.apiKey, users });
  // What the widget needs beside the page's own: its script and API, the tenant's logo, page
  // images and previews it fetched with its token (blob:), audio and video it streams from the
  // service, and the video players a page may embed (README, step 4).
  const csp = [
    "default-src 'self'",
    `script-src 'self' ${api}`,
    "style-src 'self'",
    `connect-src 'self' ${api}`,
    `img-src 'self' ${api} data: blob:`,
    `media-src ${api}`,
    `frame-src ${PLAYER_ORIGINS.join(' ')}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  const page = file('./index.html');
  const icon: [string, string] = ['image/svg+xml', file('./favicon.svg')];
  const assets: Record<string, [string, string]> = {
    '/vendor.css': ['text/css; charset=utf-8', file('./vendor.css')],
    '/vendor.js': ['text/javascript; charset=utf-8', file('./vendor.js')],
    // The page names its icon; browsers ask for /favicon.ico by themselves all the same.
    '/favicon.svg': icon,
    '/favicon.ico': icon,
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://vendor.local');
    if (req.method === 'POST' && url.pathname === '/portal-token') return void token(req, res);
    if (url.pathname === '/switch') {
      const user = url.searchParams.get('user') ?? '';
      res.writeHead(303, { location: '/', ...(users[user] ? { 'set-cookie': `demo_user=${user}; Path=/; HttpOnly; SameSite=Lax` } : {}) });
      return void res.end();
    }
    const asset = assets[url.pathname];
    if (asset) {
      res.writeHead(200, { 'content-type': asset[0], 'cache-control': 'no-cache' });
      return void res.end(asset[1]);
    }
    if (url.pathname !== '/') {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return void res.end('Not found');
    }
    const current = signedIn(req, users);
    const switcher = Object.entries(users)
      .map(([key, u]) => `<li>${key === current ? `<strong aria-current="true">${escape(u.label)}</strong>` : `<a href="/switch?user=${key}">${escape(u.label)}</a>`}</li>`)
      .join('');
    const html = page.replaceAll('{{API_BASE}}', escape(api)).replace('{{USER}}', escape(users[current]!.user.name)).replace('{{SWITCHER}}', switcher);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp, 'cache-control': 'no-store' });
    res.end(html);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port, options.host ?? '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${options.host && options.host !== '0.0.0.0' ? options.host : 'localhost'}:${port}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** `npm run example:vendor`: next to a running `npm start`, with the demo tenant's key. */
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { readDemoKey } = await import('./demo-key.js');
  const apiBase = process.env.API_BASE ?? 'http://localhost:8787';
  const vendor = await startExampleVendor({ port: Number(process.env.EXAMPLE_PORT ?? 8788), apiBase, apiKey: readDemoKey() });
  console.log(`The example vendor app is at ${vendor.url} (portal: ${apiBase})`);
}
