// `npm run bench [-- name…]`: runs each benchmark (bench/<name>.ts) in its own process, one
// after the other, so they never compete for the two cores.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib.js';

const all = ['api', 'live', 'widget'];
const chosen = process.argv.slice(2).filter(Boolean);
let failed = 0;
for (const name of chosen.length ? chosen : all) {
  const file = join(root, 'bench', `${name}.ts`);
  if (!existsSync(file)) {
    console.log(`(no bench/${name}.ts)`);
    continue;
  }
  console.log(`\n### bench/${name}.ts`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
