// `npm run bench -- messages`: posting a message at 64 connections beside posting a comment in
// the same run (rate and p99), and opening a thread of 5,000 messages: the thread list and the
// first page of the thread (what the widget paints first), as a contact, sequentially.
// Targets (issue 9): a message posts about as fast as a comment; the first page within 300 ms.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { createDeps } from '../server/deps.js';
import { newId } from '../server/lib/ids.js';
import { createTenant } from '../server/tenants/tenant.repository.js';
import { BENCH_ORIGIN, load, machine, measureRounds, median, recordTable, root, startService } from './lib.js';

const CUSTOMERS = 100;
const THREAD_MESSAGES = 5_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const OPENS = 30;
const dataDir = join(root, 'bench/.data/messages');
const databaseUrl = `sqlite:${join(dataDir, 'portal.db')}`;

async function seed(): Promise<{ apiKey: string }> {
  rmSync(dataDir, { recursive: true, force: true });
  const deps = await createDeps(loadConfig({ DATABASE_URL: databaseUrl, PUBLIC_URL: BENCH_ORIGIN }, { dataDir }));
  const app = createApp(deps);
  const { tenant, api_key: apiKey } = await createTenant(deps.db, { name: 'Bench vendor', slug: 'bench' });
  const post = (path: string, body: unknown) =>
    Promise.resolve(app.request(path, { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })).then((r) => r.json() as Promise<any>);
  const sam = await post('/v1/embed-tokens', { user: { external_id: 'sam', name: 'Sam Carter', role: 'staff' } });
  for (let i = 0; i < CUSTOMERS; i++) {
    const issued = await post('/v1/embed-tokens', { customer: { external_id: `c-${i}`, name: `Customer ${i}` }, user: { external_id: `u-${i}`, name: `Contact ${i}`, role: 'contact' } });
    for (let t = 0; t < 10; t++) await post('/v1/tasks', { customer_id: issued.customer_id, title: `Task ${t}` });
  }
  // Customer 0's general thread: 5,000 messages over a year, one in ten an internal note.
  const customer = await deps.db.selectFrom('customers').select('id').where('external_id', '=', 'c-0').executeTakeFirstOrThrow();
  const thread = await deps.db.selectFrom('threads').select('id').where('customer_id', '=', customer.id).executeTakeFirstOrThrow();
  const start = Date.now() - 365 * 86_400_000;
  const rows = Array.from({ length: THREAD_MESSAGES }, (_, i) => {
    const at = new Date(start + i * 6_000_000).toISOString();
    return {
      id: newId('msg'), tenant_id: tenant.id, customer_id: customer.id, thread_id: thread.id, author_id: sam.user_id,
      body: `Message ${i}: the **plan** for next week, and a question about the import.`, visibility: i % 10 === 0 ? ('internal' as const) : ('portal' as const),
      mentions: '[]', document_ids: '[]', created_at: at, updated_at: at,
    };
  });
  for (let i = 0; i < rows.length; i += 200) await deps.db.insertInto('messages').values(rows.slice(i, i + 200)).execute();
  await deps.db.updateTable('threads').set({ last_message_at: rows.at(-1)!.created_at }).where('id', '=', thread.id).execute();
  await deps.storage.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
  await deps.storage.close();
  return { apiKey };
}

const { apiKey } = await seed();
const api = await startService({ DATABASE_URL: databaseUrl, DATA_DIR: dataDir });

try {
  const tokenOf = async (i: number) => {
    const res = await fetch(`${api.url}/v1/embed-tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customer: { external_id: `c-${i}` }, user: { external_id: `u-${i}`, name: `Contact ${i}`, role: 'contact' }, ttl_seconds: 3600 }),
    });
    return ((await res.json()) as { token: string }).token;
  };
  const writer = { authorization: `Bearer ${await tokenOf(50)}` };
  const reader = { authorization: `Bearer ${await tokenOf(0)}` };
  const get = async (path: string, headers: Record<string, string>) => {
    const res = await fetch(`${api.url}${path}`, { headers });
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return res.json() as Promise<any>;
  };
  const taskIds = ((await get('/v1/tasks?limit=10', writer)).data as { id: string }[]).map((t) => t.id);
  const threadId = (await get('/v1/threads', writer)).data[0].id as string;

  let n = 0;
  const posting = (path: () => string, what: string) => (seconds: number) =>
    load({
      url: api.url,
      duration: seconds,
      requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, path: path(), headers: { ...writer, 'content-type': 'application/json' }, body: JSON.stringify({ body: `Benchmark ${what} ${n++}: the file is uploaded, thanks!` }) }) }],
    });
  const summary = await measureRounds(
    {
      'POST /v1/tasks/:id/comments': posting(() => `/v1/tasks/${taskIds[n % taskIds.length]}/comments`, 'comment'),
      'POST /v1/threads/:id/messages': posting(() => `/v1/threads/${threadId}/messages`, 'message'),
    },
    { rounds: ROUNDS, seconds: SECONDS, pids: [api.child.pid!] },
  );

  // Opening the 5,000-message thread as the widget does: the thread list (with its unread count
  // over all of them), then the newest page of 50.
  const bigThread = (await get('/v1/threads', reader)).data[0].id as string;
  const opens: number[] = [];
  for (let i = 0; i < OPENS; i++) {
    const began = performance.now();
    await get('/v1/threads', reader);
    const page = await get(`/v1/threads/${bigThread}/messages?limit=50`, reader);
    if (page.data.length !== 50) throw new Error('the first page is not full');
    opens.push(performance.now() - began);
  }
  const comments = summary['POST /v1/tasks/:id/comments']!;
  const messages = summary['POST /v1/threads/:id/messages']!;
  const header = ['case', 'req/s (median)', 'vs comments', 'p50 ms', 'p99 ms', 'errors'];
  const rows = [
    ['POST /v1/tasks/:id/comments (64 connections)', Math.round(comments.rps), '100 %', comments.p50.toFixed(1), comments.p99.toFixed(1), comments.errors],
    ['POST /v1/threads/:id/messages (64 connections)', Math.round(messages.rps), `${((messages.rps / comments.rps) * 100).toFixed(0)} %`, messages.p50.toFixed(1), messages.p99.toFixed(1), messages.errors],
    [`open a ${THREAD_MESSAGES.toLocaleString('en')}-message thread: list + first page (median of ${OPENS})`, '—', '—', median(opens).toFixed(1), Math.max(...opens).toFixed(1), 0],
  ];
  const verdict = `messages post at ${((messages.rps / comments.rps) * 100).toFixed(0)} % of the comment rate (p99 ${messages.p99.toFixed(1)} vs ${comments.p99.toFixed(1)} ms); the 5,000-message thread's first page answers in ${median(opens).toFixed(1)} ms (median; target 300 ms painted)`;
  console.log(verdict);
  recordTable('Messages (bench/messages.ts)', {
    intro: `${machine()}; ${CUSTOMERS} customers, SQLite, the built service; autocannon, 64 connections, ${SECONDS} s × ${ROUNDS} rounds, medians; one contact writing. Measured on the shared two-core machine under the load of four other sessions: read the ratio, not the absolute rates.`,
    header,
    rows,
    notes: `${verdict}. The open is the two requests the Messages view makes before it paints the thread (its chunk aside, measured by bench/widget.ts); the last column of that row is the slowest open, not a p99. Errors are requests autocannon gave up on after 10 s while the machine was saturated (four other sessions building and testing), on both routes alike.`,
  });
} finally {
  api.child.kill('SIGTERM');
  if (existsSync(dataDir) && process.env.BENCH_KEEP !== '1') rmSync(dataDir, { recursive: true, force: true });
}
