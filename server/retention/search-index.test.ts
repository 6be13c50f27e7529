import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RetentionSettings } from '../config.js';
import { databases } from '../test/harness.js';
import { useWorld } from '../test/suite.js';
import { runRetention } from './retention.js';

const DEFAULTS: RetentionSettings = { eventDays: 90, readNotificationDays: 90, webhookDays: 30, idempotencyHours: 24, magicLinkDays: 1, analyticsViewDays: 30 };
const sqlite = databases.find((d) => d.name === 'sqlite')!;

// The keyword index is SQLite's FTS5 table; PostgreSQL's trigram index is kept by its own vacuum.
describe('the retention job merges the keyword index (SQLite)', () => {
  const env = useWorld(sqlite);
  const ids = new Map<string, string[]>();
  const queries = ['invoice', 'onboarding', 'sso', 'zzz-none'];
  let clock = 0;

  /** The index's segments, as FTS5 lists them: one row per leaf page range of each segment in `%_idx`. */
  const segments = async () => Number((await sql<{ n: number }>`select count(distinct segid) as n from tasks_search_idx`.execute(env.t.deps.db)).rows[0]!.n);
  const search = async (q: string) => {
    const r = await env.t.request('GET', `/v1/tasks?q=${encodeURIComponent(q)}&limit=200`, { auth: env.w.staff });
    expect(r.status).toBe(200);
    return r.body.data.map((t: { id: string }) => t.id).sort();
  };
  /** A run of the job a period after the last, with `searchMerge` as given. */
  const run = (searchMerge: { budgetMs?: number; pages?: number }) => runRetention(env.t.deps.db, DEFAULTS, { everyMs: 1, now: Date.now() + ++clock * 1000, searchMerge });

  beforeAll(async () => {
    // One task a request: each write transaction adds a segment to the index. Then some go,
    // which leaves tombstones in it.
    const made: string[] = [];
    for (let i = 0; i < 60; i++) {
      const title = `${['Send the invoice', 'Onboarding call', 'Configure SSO'][i % 3]} #${i}`;
      const r = await env.t.request('POST', '/v1/tasks', { auth: env.w.key, body: { title, customer_id: env.w.customerA, description: `Step ${i} of the onboarding plan` } });
      expect(r.status).toBe(201);
      made.push(r.body.id);
    }
    for (const id of made.slice(0, 12)) expect((await env.t.request('DELETE', `/v1/tasks/${id}`, { auth: env.w.key })).status).toBe(204);
    for (const q of queries) ids.set(q, await search(q));
  });

  it('merges a little each run when its budget is spent, and goes on from there next run', async () => {
    const before = await segments();
    expect(before).toBeGreaterThan(1);
    // No budget: a run does one step (two when it starts a merge) and says the index is not merged yet.
    const first = await run({ budgetMs: 0, pages: 1 });
    expect(first.searchIndex!.steps).toBeLessThanOrEqual(2);
    expect(first.searchIndex!.merged).toBe(false);
    let runs = 1;
    for (let report = first; !report.searchIndex!.merged; runs++) {
      report = await run({ budgetMs: 0, pages: 1 });
      expect(report.searchIndex!.steps).toBeLessThanOrEqual(2);
      expect(runs).toBeLessThan(10_000);
    }
    expect(runs).toBeGreaterThan(2);
    expect(await segments()).toBe(1);
    // The same answers as before, through the route.
    for (const q of queries) expect(await search(q)).toEqual(ids.get(q));
  });

  it('costs a merged index two statements a run, and merges what came since in one run of the default budget', async () => {
    expect(await run({})).toMatchObject({ ran: true, searchIndex: { steps: 2, merged: true } });
    for (let i = 0; i < 5; i++) expect((await env.t.request('POST', '/v1/tasks', { auth: env.w.key, body: { title: `Invoice follow-up ${i}`, customer_id: env.w.customerB } })).status).toBe(201);
    expect(await segments()).toBeGreaterThan(1);
    const report = await run({});
    expect(report.searchIndex!.merged).toBe(true);
    expect(await segments()).toBe(1);
    expect((await search('invoice')).length).toBe(ids.get('invoice')!.length + 5);
  });

});

describe.each(databases.filter((d) => d.name === 'postgres'))('the retention job on $name', (database) => {
  const env = useWorld(database);

  it('runs no FTS5 step there (the trigram index has no segments to merge)', async () => {
    const report = await runRetention(env.t.deps.db, DEFAULTS, { everyMs: 1, now: Date.now() + 1000 });
    expect(report.ran).toBe(true);
    expect(report.searchIndex).toBeUndefined();
  });
});
