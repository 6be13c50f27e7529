/**
 * Does a sign-in request take as long for an unknown address as for a known one? Prints the
 * median and 90th percentile of `POST /v1/auth/magic-link` for each, in-process on SQLite
 * (mail goes to a local SMTP catcher, after the answer).
 * Run: npx tsx bench/magic-link-timing.ts
 */
import { performance } from 'node:perf_hooks';
import { buildWorld, databases, startTestApp } from '../server/test/harness.js';
import { startMailCatcher } from '../server/test/mail-catcher.js';
import { insertUser } from '../server/users/user.repository.js';

const N = 300;
const mail = await startMailCatcher();
const t = await startTestApp(databases[0]!, { smtpUrl: mail.url, trustProxy: true });
const w = await buildWorld(t);
const { slug } = await t.deps.db.selectFrom('tenants').select('slug').where('id', '=', w.tenantId).executeTakeFirstOrThrow();
await t.deps.db.transaction().execute(async (trx) => {
  for (let i = 0; i < N; i++) {
    await insertUser(trx, { kind: 'api_key', tenantId: w.tenantId, keyId: '' }, { role: 'contact', customer_id: w.customerA, name: `Known ${i}`, email: `known${i}@acme.test`, portal_access: 'active' });
  }
});

const time = async (email: string, i: number) => {
  const started = performance.now();
  const r = await t.request('POST', '/v1/auth/magic-link', { body: { tenant: slug, email }, headers: { 'x-forwarded-for': `10.${i >> 8}.${i & 255}.1` } });
  if (r.status !== 202) throw new Error(`answered ${r.status}`);
  return performance.now() - started;
};
const stats = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(N / 2)]!.toFixed(2)} ms, p90 ${sorted[Math.floor(N * 0.9)]!.toFixed(2)} ms`;
};

const known: number[] = [];
const unknown: number[] = [];
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
for (let i = 0; i < N; i++) {
  // Interleaved, so warm-up weighs on both alike; a pause after each lets the email of a known
  // address (sent after its answer) go out before the next request is timed.
  known.push(await time(`known${i}@acme.test`, i));
  await settle();
  unknown.push(await time(`stranger${i}@acme.test`, N + i));
  await settle();
}
console.log(`POST /v1/auth/magic-link, ${N} requests each (SQLite, in-process)`);
console.log(`  known address:   ${stats(known)}`);
console.log(`  unknown address: ${stats(unknown)}`);
// Let the emails sent after the answers arrive before closing.
for (let waited = 0; mail.messages.length < N && waited < 30_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
console.log(`  emails delivered: ${mail.messages.length} (one per known address)`);
await t.close();
await mail.close();
