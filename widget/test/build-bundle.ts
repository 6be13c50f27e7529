import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Builds `dist/customer-portal.js` as `npm run build:widget` does (for the end-to-end test and
 * the benchmark, which need the real bundle) and measures it.
 * @example const { bytes, gzipped } = buildBundle();
 */
export function buildBundle(): { path: string; bytes: number; gzipped: number } {
  const result = spawnSync(process.execPath, [fileURLToPath(new URL('../../node_modules/rollup/dist/bin/rollup', import.meta.url)), '-c', 'rollup.config.mjs'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`The widget build failed:\n${result.stderr}`);
  const path = `${root}dist/customer-portal.js`;
  const code = readFileSync(path);
  return { path, bytes: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}
