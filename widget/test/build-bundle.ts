import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Builds `dist/customer-portal.js` (and the admin page's bundle) as `npm run build:widget` does
 * (for the end-to-end tests and the benchmark, which need the real bundles) and measures them.
 * @example const { bytes, gzipped, admin } = buildBundle();
 */
export function buildBundle(): { path: string; bytes: number; gzipped: number; chunks: Record<string, number>; admin: { bytes: number; gzipped: number } } {
  const result = spawnSync(process.execPath, [fileURLToPath(new URL('../../node_modules/rollup/dist/bin/rollup', import.meta.url)), '-c', 'rollup.config.mjs'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`The widget build failed:\n${result.stderr}`);
  const gzipped = (file: string) => gzipSync(readFileSync(`${root}dist/${file}`), { level: 9 }).length;
  const path = `${root}dist/customer-portal.js`;
  // The newest build's chunks are the ones the bundle imports.
  const code = readFileSync(path, 'utf8');
  // The lazily loaded chunks the bundle imports (views, the Markdown renderer, translations), by name.
  const chunks = Object.fromEntries(
    readdirSync(`${root}dist`)
      .filter((f) => /^customer-portal\.[\w-]+\.[\w-]+\.js$/.test(f) && code.includes(`./${f}`))
      .map((f) => [f.split('.').slice(1, -2).join('.'), gzipped(f)]),
  );
  const admin = { bytes: readFileSync(`${root}dist/customer-portal-admin.js`).length, gzipped: gzipped('customer-portal-admin.js') };
  return { path, bytes: Buffer.byteLength(code), gzipped: gzipped('customer-portal.js'), chunks, admin };
}
