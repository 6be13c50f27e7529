/**
 * Live-stream benchmark: many concurrent `GET /v1/events` streams, a burst of changes, and the
 * delay from each write (the event's `created_at`, same machine clock) to its receipt on every
 * stream that may see it; plus the server's memory. Runs one instance on SQLite, then two
 * instances on one PostgreSQL database when BENCH_DATABASE_URL or TEST_DATABASE_URL names one.
 *
 *   npm run bench -- live            (or: npx tsx bench/live.ts [--streams 10000] [--changes 100] [--customers 100] [--staff 100])
 *
 * Prints a table and writes it into bench/RESULTS.md under "## Live" (a setup not measured
 * this run, such as PostgreSQL without a database, keeps its last row with its date).
 * Never part of `npm test`. Each stream is a socket on both sides: `ulimit -n` must exceed the
 * number of streams (20,000 on the machine of the recorded figures).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { connect } from '../server/db/connect.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { createTenant } from '../server/tenants/tenant.repository.js';
import { databases } from '../server/test/harness.js';
import { persistentDatabase } from '../server/test/persistent-database.js';
import { serveProcess } from '../server/test/serve-process.js';
import { sseParser } from '../server/test/sse-client.js';
import { recordTable } from './lib.js';

const { values } = parseArgs({
  options: { streams: { type: 'string', default: process.env.BENCH_STREAMS ?? '10000' }, changes: { type: 'string', default: '100' }, customers: { type: 'string', default: '100' }, staff: { type: 'string', default: '100' } },
});
const STREAMS = Number(values.streams);
const CHANGES = Number(values.changes);
const CUSTOMERS = Number(values.customers);
const STAFF = Math.min(Number(values.staff), STREAMS);
const pgUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;

const rssMb = (child: ChildProcess) => {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
};

/** CPU time (user + system) the process has used, in ms (`/proc/<pid>/stat`, 100 ticks a second on Linux). */
const cpuMs = (child: ChildProcess) => {
  const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

async function call(base: string, method: string, path: string, auth: string, body?: unknown): Promise<any> {
  const r = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  return r.json();
}

async function pool<T>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  }));
}

interface Viewer {
  token: string;
  customer: number | null;
}

/** When each change's event was made and first and last received, by its subject (the task). */
interface Timing {
  createdAt: number;
  first: number;
  last: number;
}

/** Opens one stream; every received event's delay (receipt − created_at) goes into `delays`, its receipts into `timings`. */
function openStream(base: string, token: string, delays: number[], timings: Map<string, Timing>): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${base}/v1/events`, { headers: { authorization: `Bearer ${token}` }, agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream: ${res.statusCode}`));
      res.setEncoding('utf8');
      const push = sseParser((message) => {
        if (!message.id) return;
        const now = Date.now();
        const event = JSON.parse(message.data) as { created_at: string; subject_id: string };
        const createdAt = Date.parse(event.created_at);
        delays.push(now - createdAt);
        const timing = timings.get(event.subject_id);
        if (timing) timing.last = now;
        else timings.set(event.subject_id, { createdAt, first: now, last: now });
      });
      let connected = false;
      res.on('data', (chunk: string) => {
        if (!connected && chunk.includes(': connected')) {
          connected = true;
          resolve(request);
        }
        push(chunk);
      });
      res.on('error', () => {});
    });
    request.on('error', reject);
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

interface Row {
  setup: string;
  streams: number;
  changes: number;
  delivered: string;
  p50: number;
  p99: number;
  max: number;
  rssBefore: string;
  rssIdle: string;
  rssAfter: string;
  perStream: string;
  /** Where the delay comes from (docs/decisions/live.md): the writes themselves, and the fan-out. */
  sources: string;
}

/** `p50/p99/max` of some milliseconds. */
const spread = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `${percentile(sorted, 50)}/${percentile(sorted, 99)}/${sorted[sorted.length - 1] ?? NaN}`;
};

/** A script that profiles the process it is preloaded into and writes `<dir>/<pid>.cpuprofile` on exit. */
function profilerPreload(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'profile-preload.cjs');
  writeFileSync(
    file,
    `const { Session } = require('node:inspector');
const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 200 });
session.post('Profiler.start');
process.on('exit', () => session.post('Profiler.stop', (error, result) => {
  if (!error) require('node:fs').writeFileSync(${JSON.stringify(dir)} + '/' + process.pid + '.cpuprofile', JSON.stringify(result.profile));
}));
`,
  );
  return file;
}

async function scenario(name: string, store: { url: string; dataDir: string }, instances: number): Promise<Row> {
  const storage = connect(store.url);
  await migrateToLatest(storage.db);
  const { api_key: key } = await createTenant(storage.db, { name: 'Bench Co' });
  await storage.close();

  // BENCH_LIVE_PROFILE=<dir>: each server writes a CPU profile there when it stops (Node 20 refuses
  // --cpu-prof in NODE_OPTIONS: a preloaded inspector session does it); the burst's window is printed
  // on the same clock (CLOCK_MONOTONIC, µs) as the profile's samples.
  const profile: Record<string, string> = process.env.BENCH_LIVE_PROFILE ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${profilerPreload(process.env.BENCH_LIVE_PROFILE)}` } : {};
  const env = { DATABASE_URL: store.url, DATA_DIR: store.dataDir, PUBLIC_URL: 'http://portal.bench', EXAMPLE_PORT: '0', ...profile };
  const servers = await Promise.all(Array.from({ length: instances }, () => serveProcess(env, 'inherit')));
  const writer = servers[0]!.url;
  try {
    // Who watches: staff of the tenant, and contacts spread over the customers.
    const viewers: Viewer[] = [];
    const issue = Array.from({ length: STREAMS }, (_, i) => i);
    await pool(issue, 16, async (i) => {
      const staff = i < STAFF;
      const customer = staff ? null : (i - STAFF) % CUSTOMERS;
      const body = staff
        ? { user: { external_id: `staff-${i}`, name: `Staff ${i}`, role: 'staff' }, ttl_seconds: 3600 }
        : { user: { external_id: `contact-${i}`, name: `Contact ${i}`, role: 'contact' }, customer: { external_id: `customer-${customer}` }, ttl_seconds: 3600 };
      viewers[i] = { token: (await call(writer, 'POST', '/v1/embed-tokens', key, body)).token, customer };
    });
    const customerIds = new Map<number, string>();
    await pool(viewers.filter((v) => v.customer !== null), 16, async (v) => {
      if (customerIds.has(v.customer!)) return;
      const me = JSON.parse(Buffer.from(v.token.split('.')[1]!, 'base64url').toString()) as { cid: string };
      customerIds.set(v.customer!, me.cid);
    });
    const tasks: { id: string; customer: number }[] = [];
    for (let i = 0; i < CHANGES; i++) {
      const customer = i % CUSTOMERS;
      tasks.push({ id: (await call(writer, 'POST', '/v1/tasks', key, { title: `Task ${i}`, customer_id: customerIds.get(customer) })).id, customer });
    }

    const rssBefore = servers.map((s) => rssMb(s.child));
    const delays: number[] = [];
    const timings = new Map<string, Timing>();
    const requests: http.ClientRequest[] = [];
    await pool(viewers, 50, async (viewer, i) => {
      requests.push(await openStream(servers[i % servers.length]!.url, viewer.token, delays, timings));
    });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const rssIdle = servers.map((s) => rssMb(s.child));

    // Every change is seen by all staff and by the contacts of its customer.
    const contactsOf = (customer: number) => viewers.filter((v) => v.customer === customer).length;
    const expected = tasks.reduce((n, task) => n + STAFF + contactsOf(task.customer), 0);
    const sent = new Map<string, { at: number; answered: number }>();
    const burst = process.hrtime.bigint() / 1000n;
    const cpuBefore = servers.map((s) => cpuMs(s.child));
    await Promise.all(
      tasks.map(async (task) => {
        const at = Date.now();
        await call(writer, 'PATCH', `/v1/tasks/${task.id}`, key, { title: `${task.id} changed` });
        sent.set(task.id, { at, answered: Date.now() });
      }),
    );
    const deadline = Date.now() + 30_000;
    while (delays.length < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const cpu = servers.map((s, i) => cpuMs(s.child) - cpuBefore[i]!);
    if (profile.NODE_OPTIONS) console.log(`${name}: burst from ${burst} to ${process.hrtime.bigint() / 1000n} µs (CLOCK_MONOTONIC)`);
    // Per change: how long its request waited before the event was written (not in the delay),
    // from created_at to the answer (the commit, at most), to its first receipt, and the fan-out's
    // spread from the first receipt to the last.
    const per = tasks.flatMap((task) => {
      const t = timings.get(task.id);
      const s = sent.get(task.id);
      return t && s ? [{ queued: t.createdAt - s.at, answered: s.answered - t.createdAt, first: t.first - t.createdAt, fanout: t.last - t.first }] : [];
    });
    const sources = `server CPU in the burst ${cpu.map((ms) => `${ms} ms`).join(' + ')} (the writes and their delivery); before created_at ${spread(per.map((p) => p.queued))}; created_at to answer ${spread(per.map((p) => p.answered))}; to first receipt ${spread(per.map((p) => p.first))}; first to last receipt ${spread(per.map((p) => p.fanout))} (p50/p99/max ms over ${per.length} changes)`;
    const rssAfter = servers.map((s) => rssMb(s.child));
    for (const request of requests) request.destroy();

    const sorted = [...delays].sort((a, b) => a - b);
    const mb = (values: number[]) => values.map((v) => `${v} MB`).join(' + ');
    return {
      setup: name,
      streams: STREAMS,
      changes: CHANGES,
      delivered: `${delays.length}/${expected}`,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1] ?? NaN,
      rssBefore: mb(rssBefore),
      rssIdle: mb(rssIdle),
      rssAfter: mb(rssAfter),
      perStream: `${(((rssIdle.reduce((a, b) => a + b, 0) - rssBefore.reduce((a, b) => a + b, 0)) * 1024) / STREAMS).toFixed(1)} KB`,
      sources,
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

const rows: Row[] = [];
const sqlite = await persistentDatabase(databases[0]!);
try {
  rows.push(await scenario('1 instance, SQLite', sqlite, 1));
} finally {
  await sqlite.drop();
}
if (pgUrl) {
  const postgres = await persistentDatabase({ name: 'postgres', url: pgUrl });
  try {
    rows.push(await scenario('2 instances, PostgreSQL', postgres, 2));
  } finally {
    await postgres.drop();
  }
}

const header = ['setup', 'streams', 'changes', 'delivered', 'p50 ms', 'p99 ms', 'max ms', 'server RSS before streams', 'with idle streams', 'after the burst', 'per idle stream'];
const cells = rows.map((r) => [`${r.setup}, ${r.streams} streams`, r.streams, r.changes, r.delivered, r.p50, r.p99, r.max, r.rssBefore, r.rssIdle, r.rssAfter, r.perStream]);
console.log(cells.map((c) => c.join(' | ')).join('\n'));
for (const r of rows) console.log(`${r.setup}: ${r.sources}`);
recordTable('Live', {
  intro: `\`npm run bench -- live\` (${process.platform}, Node ${process.versions.node}, the benchmark and the servers on one machine): ${STREAMS} concurrent \`GET /v1/events\` streams (${STAFF} staff, the rest contacts of ${CUSTOMERS} customers), then ${CHANGES} task changes at once through the API; the delay runs from each event's \`created_at\` to its receipt on each stream that may see it. Targets: p99 under 100 ms on one instance, under 250 ms across two; under 20 KB of server memory per idle stream ((RSS with idle streams − RSS before) ÷ streams). The machine is shared, so figures move between runs; the variants measured on the way (one query per stream, access re-checks on every wake, the shared connection pool) are in docs/decisions/live.md.`,
  header,
  rows: cells,
});
