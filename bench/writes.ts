// `npm run bench -- writes`: the write path at 64 connections against a bare Hono +
// better-sqlite3 route writing the same comment row and its event in one transaction, in the
// same run; task creation through the API; both with SQLITE_SYNCHRONOUS=normal and =full.
// Targets (issue 14): comments ≥ 50 % of the bare route, p99 < 50 ms.
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../server/config.js';
import { createDeps } from '../server/deps.js';
import { BENCH_ORIGIN, load, machine, measureRounds, recordTable, root, startProcess, startService, stop, table, type Load } from './lib.js';
import { seedTenant } from './seed.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const MODES = (process.env.BENCH_SYNCHRONOUS ?? 'normal,full').split(',');
const dataDir = join(root, 'bench/.data/writes');
const dbFile = join(dataDir, 'portal.db');

rmSync(dataDir, { recursive: true, force: true });
const deps = await createDeps(loadConfig({ DATABASE_URL: `sqlite:${dbFile}`, PUBLIC_URL: BENCH_ORIGIN }, { dataDir }));
const world = await seedTenant(deps, { customers: 100, tasksPerCustomer: 100 });
const contact = world.customers[50]!;
const { token } = await deps.tokens.sign({ tenantId: world.tenantId, userId: contact.contactId, role: 'contact', customerId: contact.id }, 3600);
const taskIds = (await deps.db.selectFrom('tasks').select('id').where('customer_id', '=', contact.id).where('visibility', '=', 'portal').where('project_id', 'in', deps.db.selectFrom('projects').select('id').where('visibility', '=', 'portal')).limit(50).execute()).map((t) => t.id);
await deps.storage.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
await deps.storage.close();
console.log(`seeded ${world.tasks} tasks at ${Math.round(world.tasksPerSecond)} tasks/s (batched inserts)`);

const post = (url: string, headers: Record<string, string>, path: (n: number) => string, body: (n: number) => unknown) => (seconds: number) => {
  let n = 0;
  return load({
    url,
    duration: seconds,
    requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, path: path(n), headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body(n++)) }) }],
  });
};

const rows: (string | number)[][] = [];
const verdicts: string[] = [];
for (const mode of MODES) {
  // Each mode starts from the same seeded file, the bare route from its own copy of it.
  const serviceFile = join(dataDir, `service-${mode}.db`);
  const bareFile = join(dataDir, `bare-${mode}.db`);
  copyFileSync(dbFile, serviceFile);
  copyFileSync(dbFile, bareFile);
  const api = await startService({ DATABASE_URL: `sqlite:${serviceFile}`, DATA_DIR: dataDir, SQLITE_SYNCHRONOUS: mode });
  const bare = await startProcess(process.execPath, ['--import', 'tsx', 'bench/bare-server.ts'], { BARE_DB: bareFile, SQLITE_SYNCHRONOUS: mode });
  try {
    const comment = (n: number) => ({ body: `Benchmark comment ${n}: the file is uploaded, thanks!` });
    const scenarios: Record<string, (seconds: number) => Promise<Load>> = {
      'bare write route (comment + event)': post(bare.url, {}, (n) => `/tasks/${taskIds[n % taskIds.length]}/comments`, comment),
      'POST /v1/tasks/:id/comments (contact)': post(api.url, { authorization: `Bearer ${token}` }, (n) => `/v1/tasks/${taskIds[n % taskIds.length]}/comments`, comment),
      'POST /v1/tasks (API key)': post(api.url, { authorization: `Bearer ${world.apiKey}` }, () => '/v1/tasks', (n) => ({ title: `Seeded task ${n}`, customer_id: world.customers[n % world.customers.length]!.id })),
    };
    // BENCH_ONLY=comments (a part of a scenario's name) runs only those scenarios, with the bare route as the baseline.
    const only = process.env.BENCH_ONLY;
    if (only) for (const name of Object.keys(scenarios)) if (!name.startsWith('bare') && !name.includes(only)) delete scenarios[name];
    const summary = await measureRounds(scenarios, {
      rounds: ROUNDS,
      seconds: SECONDS,
      pids: [api.child.pid!],
      cpuOf: (name) => (name.startsWith('bare') ? bare.child.pid! : api.child.pid!),
    });
    const bareRun = summary['bare write route (comment + event)']!;
    const baseline = bareRun.rps;
    for (const [name, s] of Object.entries(summary)) {
      const cpu = s.cpuUs === undefined ? '—' : `${Math.round(s.cpuUs)} (${((bareRun.cpuUs! / s.cpuUs) * 100).toFixed(0)} %)`;
      rows.push([`${name}, synchronous=${mode}`, Math.round(s.rps), `${((s.rps / baseline) * 100).toFixed(0)} %`, s.p50.toFixed(1), s.p99.toFixed(1), cpu, s.errors]);
    }
    const comments = summary['POST /v1/tasks/:id/comments (contact)'];
    if (!comments || !summary['POST /v1/tasks (API key)']) continue;
    verdicts.push(`synchronous=${mode}: comments at ${((comments.rps / baseline) * 100).toFixed(0)} % of the bare write route (target ≥ 50 %), p99 ${comments.p99.toFixed(1)} ms (target < 50 ms); a comment costs the service ${Math.round(comments.cpuUs ?? 0)} µs of CPU, the bare route ${Math.round(bareRun.cpuUs ?? 0)} µs; tasks created at ${Math.round(summary['POST /v1/tasks (API key)']!.rps)}/s through the API`);
  } finally {
    await Promise.all([stop(api.child), stop(bare.child)]);
  }
}

const header = ['scenario', 'req/s (median)', 'vs bare write', 'p50 ms', 'p99 ms', 'CPU µs a request (bare ÷ it)', 'errors'];
console.log(`\n${table([header, ...rows])}\n\n${verdicts.join('\n')}`);
recordTable('Writes (bench/writes.ts)', {
  intro: `${machine()}; ${world.customers.length} customers, ${world.tasks} tasks, SQLite; autocannon, 64 connections, ${SECONDS} s × ${ROUNDS} rounds, medians; the bare route and the service run the same pragmas. Seeding (batched inserts, bench/seed.ts): ${Math.round(world.tasksPerSecond)} tasks/s.`,
  header,
  rows,
  notes: verdicts.map((v) => `- ${v}.`).join('\n'),
});
if (existsSync(dataDir) && process.env.BENCH_KEEP !== '1') rmSync(dataDir, { recursive: true, force: true });
