import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { DEMO_USERS, portalTokenHandler } from '../vendor/portal-token.js';

const file = (name: string) => fileURLToPath(new URL(name, import.meta.url));

/**
 * A React 19 host app: bundles `app.tsx` with esbuild, serves it on its own origin with the same
 * `POST /portal-token` as the plain vendor example (signed in as the demo contact).
 * @example await startReactExample({ port: 8789, apiBase: 'http://localhost:8787', apiKey });
 */
export async function startReactExample(options: { port: number; apiBase: string; apiKey: string }): Promise<{ url: string; close(): Promise<void> }> {
  const api = new URL(options.apiBase).origin;
  const bundle = await build({
    entryPoints: [file('./app.tsx')],
    bundle: true,
    format: 'esm',
    minify: true,
    write: false,
    jsx: 'automatic',
    target: 'es2021',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const files: Record<string, [string, string | Uint8Array]> = {
    '/': ['text/html; charset=utf-8', readFileSync(file('./index.html'), 'utf8').replaceAll('{{API_BASE}}', api)],
    '/app.js': ['text/javascript; charset=utf-8', bundle.outputFiles[0]!.contents],
    '/app.css': ['text/css; charset=utf-8', readFileSync(file('./app.css'), 'utf8')],
  };
  const token = portalTokenHandler({ apiBase: api, apiKey: options.apiKey, users: { contact: DEMO_USERS.contact! } });
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://react.local').pathname;
    if (req.method === 'POST' && path === '/portal-token') return void token(req, res);
    const found = files[path];
    res.writeHead(found ? 200 : 404, { 'content-type': found?.[0] ?? 'text/plain' });
    res.end(found?.[1] ?? 'Not found');
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port, '127.0.0.1', resolve));
  const address = server.address();
  return {
    url: `http://localhost:${typeof address === 'object' && address ? address.port : options.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** `npm run example:react`: next to a running `npm start`. */
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { readDemoKey } = await import('../vendor/demo-key.js');
  const apiBase = process.env.API_BASE ?? 'http://localhost:8787';
  const app = await startReactExample({ port: Number(process.env.REACT_PORT ?? 8789), apiBase, apiKey: readDemoKey() });
  console.log(`The React host example is at ${app.url} (portal: ${apiBase})`);
}
