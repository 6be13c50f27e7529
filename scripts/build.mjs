#!/usr/bin/env node
// Builds what `npm start` and the `customer-portal` command run: the server bundle
// (esbuild) and the widget bundles (rollup). With --if-stale, skips each part whose
// output is newer than all of its sources.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const ifStale = process.argv.includes('--if-stale');

function newest(paths) {
  let latest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== 'node_modules' && !entry.endsWith('.test.ts')) visit(join(path, entry));
    } else latest = Math.max(latest, stat.mtimeMs);
  };
  paths.forEach((p) => visit(join(root, p)));
  return latest;
}

const stale = (output, sources) => !ifStale || !existsSync(join(root, output)) || statSync(join(root, output)).mtimeMs < newest(sources);

if (stale('dist/server/main.js', ['server', 'contract', 'examples', 'package.json'])) {
  const started = Date.now();
  await build({
    entryPoints: [join(root, 'server/main.ts')],
    outdir: join(root, 'dist/server'),
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  console.log(`built dist/server in ${Date.now() - started} ms`);
}

const bundles = ['dist/customer-portal.js', 'dist/customer-portal-admin.js'];
if (existsSync(join(root, 'rollup.config.mjs')) && bundles.some((bundle) => stale(bundle, ['widget', 'contract', 'rollup.config.mjs']))) {
  execFileSync(process.execPath, [join(root, 'node_modules/rollup/dist/bin/rollup'), '-c', join(root, 'rollup.config.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
}
