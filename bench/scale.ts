// `npm run bench -- scale`: the reads a portal makes, at 10,000 tasks (100 customers) and at
// 1,000,000 (10,000 customers), each seeded in batches straight into its own database
// (bench/seed.ts) and read through the whole app in process (authentication, the rule,
// JSON), with workers off. Target (issue 14): each read at 1M within 1.5× of its 10k figure.
// BENCH_SCALE_TASKS=100000 seeds a smaller large world (a quicker run). BENCH_SCALE_DB=postgres
// measures PostgreSQL instead, each world in a schema of its own of the database that
// BENCH_DATABASE_URL or TEST_DATABASE_URL names.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { connect } from '../server/db/connect.js';
import { createDeps } from '../server/deps.js';
import { compactTaskCounts } from '../server/stats/task-counts.js';
import { BENCH_ORIGIN, machine, median, recordTable, root } from './lib.js';
import { seedTenant } from './seed.js';

const RUNS = 30;
/** What the figures say, kept with them (docs/decisions/scale.md has the reasons). */
const NOTES = [
  'How the reads stay flat:',
  "- *q as staff*: on SQLite the text index (`tasks_search`) is keyed by the page's order, so a page is the first matches the rule keeps, read from the index in steps (docs/decisions/scale.md, \"Keyword search in page order\"): a word in 1 task of 6 or in 1 task of 1,000,000 is one step at any size. On PostgreSQL the same walk reads a GiST in page order (`tasks_search_order`, by distance from a key; docs/decisions/scale.md, \"PostgreSQL: a GiST in page order\").",
  "- *stats of the whole tenant* are read from counts the writes keep (`task_counts`); a contact's and one customer's still count rows, through the rule, over a customer's index.",
].join('\n');
const PER_CUSTOMER = 100;
const LARGE = Number(process.env.BENCH_SCALE_TASKS ?? 1_000_000);
const dataDir = join(root, 'bench/.data/scale');
const pgUrl = process.env.BENCH_SCALE_DB === 'postgres' ? process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL : undefined;
if (process.env.BENCH_SCALE_DB === 'postgres' && !pgUrl) throw new Error('BENCH_SCALE_DB=postgres needs BENCH_DATABASE_URL or TEST_DATABASE_URL');
const engine = pgUrl ? 'PostgreSQL' : 'SQLite';

/** Runs `statement` on the PostgreSQL database of the bench. */
async function onPostgres(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  await client.query(statement);
  await client.end();
}
const schemaOf = (tasks: number) => `bench_scale_${tasks}`;

interface Measure {
  median: number;
  p90: number;
}

type Reads = Record<string, (i: number) => [path: string, auth: string]>;

/** Seeds a world of `tasks` tasks in its own database and answers its app and the reads to time. */
async function world(tasks: number) {
  const dir = join(dataDir, String(tasks));
  rmSync(dir, { recursive: true, force: true });
  const url = pgUrl ?? `sqlite:${join(dir, 'portal.db')}`;
  const config = loadConfig({ DATABASE_URL: url, PUBLIC_URL: BENCH_ORIGIN }, { dataDir: dir });
  if (pgUrl) await onPostgres(`drop schema if exists ${schemaOf(tasks)} cascade; create schema ${schemaOf(tasks)}`);
  const deps = await createDeps(config, pgUrl ? connect(pgUrl, { schema: schemaOf(tasks) }) : undefined);
  const seeded = await seedTenant(deps, { customers: tasks / PER_CUSTOMER, tasksPerCustomer: PER_CUSTOMER, batch: 5000 });
  // PostgreSQL's task counts are deltas, one a write, that a worker folds every 10 s in the
  // service; workers are off here, so the fold runs once, after the seed.
  if (pgUrl) await compactTaskCounts(deps.db);
  console.log(`${tasks} tasks seeded at ${Math.round(seeded.tasksPerSecond)} tasks/s`);
  const sign = async (userId: string, role: 'staff' | 'contact', customerId: string | null) =>
    `Bearer ${(await deps.tokens.sign({ tenantId: seeded.tenantId, userId, role, customerId }, 3600)).token}`;
  // Every request another contact, or another page size: none is answered by the read cache.
  const contacts = await Promise.all(Array.from({ length: RUNS }, (_, i) => seeded.customers[i * 3]!).map((c) => sign(c.contactId, 'contact', c.id)));
  const staff = await sign(seeded.staffId, 'staff', null);
  const limit = (i: number) => 50 - (i % RUNS);
  const reads: Reads = {
    "a contact's first page (50)": (i) => ['/v1/tasks?limit=50', contacts[i]!],
    'staff, first page across all customers': (i) => [`/v1/tasks?limit=${limit(i)}`, staff],
    'q as a contact (a word in 1 task of 6)': (i) => ['/v1/tasks?limit=50&q=invoice', contacts[i]!],
    'q as staff (a word of 1 task)': (i) => [`/v1/tasks?limit=${limit(i)}&q=${seeded.rareWord((i % 10) * 10)}`, staff],
    'q as staff (a word in 1 task of 6)': (i) => [`/v1/tasks?limit=${limit(i)}&q=invoice`, staff],
    'stats as a contact': (i) => ['/v1/stats', contacts[i]!],
    'stats as staff, one customer': (i) => [`/v1/stats?customer_id=${seeded.customers[i * 3]!.id}`, staff],
    'stats as staff, the whole tenant': () => ['/v1/stats', staff],
  };
  return { app: createApp(deps), deps, reads, rate: seeded.tasksPerSecond };
}

type World = Awaited<ReturnType<typeof world>>;

async function once(w: World, name: string, i: number): Promise<number> {
  const [path, auth] = w.reads[name]!(i);
  const started = performance.now();
  const res = await w.app.request(path, { headers: { authorization: auth } });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
  return performance.now() - started;
}

/** Each read, alternately on both worlds (a noisy neighbour then slows both alike), after a warm-up pass. */
async function measure(worlds: World[]): Promise<Record<string, Measure>[]> {
  const results: Record<string, Measure>[] = worlds.map(() => ({}));
  for (const name of Object.keys(worlds[0]!.reads)) {
    const times: number[][] = worlds.map(() => []);
    // A read that walks the whole tenant takes seconds at a million tasks: five runs of it.
    const runs = name.includes('whole tenant') ? 5 : RUNS;
    for (let i = runs === RUNS ? -5 : -1; i < runs; i++) {
      for (const [k, w] of worlds.entries()) {
        const ms = await once(w, name, Math.max(i, 0));
        if (i >= 0) times[k]!.push(ms);
      }
    }
    for (const [k, t] of times.entries()) {
      t.sort((a, b) => a - b);
      results[k]![name] = { median: median(t), p90: t[Math.floor(t.length * 0.9)]! };
    }
  }
  return results;
}

const worlds = [await world(10_000), await world(LARGE)];
const [smallResults, largeResults] = await measure(worlds);
for (const w of worlds) await w.deps.storage.close();
if (pgUrl && process.env.BENCH_KEEP !== '1') for (const tasks of [10_000, LARGE]) await onPostgres(`drop schema ${schemaOf(tasks)} cascade`);
const small = { results: smallResults!, rate: worlds[0]!.rate };
const large = { results: largeResults!, rate: worlds[1]!.rate };
const rows = Object.entries(small.results).map(([name, s]) => {
  const l = large.results[name]!;
  const ratio = l.median / s.median;
  return [name, s.median.toFixed(2), l.median.toFixed(2), `${ratio.toFixed(2)}×`, ratio <= 1.5 ? 'yes' : 'no'];
});
recordTable(pgUrl ? 'Scale on PostgreSQL (bench/scale.ts)' : 'Scale (bench/scale.ts)', {
  intro: `${machine()}; ${engine}; one tenant of 100 customers (10,000 tasks) and one of ${(LARGE / PER_CUSTOMER).toLocaleString('en')} customers (${LARGE.toLocaleString('en')} tasks), 100 tasks each, each in its own database; medians of ${RUNS} sequential requests (5 for the whole tenant's stats) through the app in process, alternating between the two worlds, none answered by the read cache. Seeding: ${Math.round(small.rate)} and ${Math.round(large.rate)} tasks/s (batched inserts, the text index kept by its triggers).`,
  header: ['read', 'ms at 10k', `ms at ${LARGE >= 1_000_000 ? `${LARGE / 1_000_000}M` : `${LARGE / 1000}k`}`, 'ratio', '≤ 1.5×'],
  rows,
  notes: NOTES,
});
console.log(rows.map((r) => r.join('  ')).join('\n'));
if (existsSync(dataDir) && process.env.BENCH_KEEP !== '1') rmSync(dataDir, { recursive: true, force: true });
