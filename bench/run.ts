// `npm run bench [-- name…]`: runs each benchmark (bench/<name>.ts) in its own process, one
// after the other, so they never compete for the two cores; prints how long each took.
// Each records its own section of bench/RESULTS.md; a scenario not run keeps its figures.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib.js';

const all = ['api', 'writes', 'mixed', 'scale', 'live', 'messages', 'widget', 'files', 'faq'];
const chosen = process.argv.slice(2).filter(Boolean);
const unknown = chosen.filter((name) => !all.includes(name) && !existsSync(join(root, 'bench', `${name}.ts`)));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; choose among ${all.join(', ')}`);
  process.exit(2);
}
let failed = 0;
const took: string[] = [];
const started = Date.now();
for (const name of chosen.length ? chosen : all) {
  console.log(`\n### bench/${name}.ts`);
  const began = Date.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', `${name}.ts`)], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed++;
  took.push(`${name} ${((Date.now() - began) / 60_000).toFixed(1)} min${result.status === 0 ? '' : ' (failed)'}`);
}
console.log(`\n${took.join(', ')}; ${((Date.now() - started) / 60_000).toFixed(1)} min in all`);
process.exitCode = failed ? 1 : 0;
