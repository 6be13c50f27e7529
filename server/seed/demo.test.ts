import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases, startTestApp, type TestApp } from '../test/harness.js';
import { seedDemo } from './demo.js';

describe.each(databases.slice(0, 1))('the demo seed on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database);
  });
  afterAll(() => t.close());

  it('seeds once, with the commercial side a newcomer sees: deals, billing and a partner with commissions', async () => {
    const credentials = await seedDemo(t.deps);
    expect(credentials).not.toBeNull();
    expect(await seedDemo(t.deps)).toBeNull();
    const key = credentials!.apiKey;
    const deals = await t.request('GET', '/v1/deals', { auth: key });
    expect(deals.body.data.map((d: { name: string }) => d.name)).toEqual(expect.arrayContaining(['Enterprise plan, 200 seats', 'Litware pilot']));
    const stats = await t.request('GET', '/v1/partner-stats', { auth: key });
    expect(stats.body.registrations).toMatchObject({ won: 2, approved: 1, rejected: 1, submitted: 1 });
    const referrals = await t.request('GET', '/v1/referrals', { auth: key });
    expect(referrals.body.data.map((r: { status: string }) => r.status).sort()).toEqual(['in_pipeline', 'submitted']);
    const commissions = (await t.request('GET', '/v1/commissions', { auth: key })).body.data.map((c: { status: string; amount: number }) => [c.status, c.amount]);
    expect(commissions.sort()).toEqual([['earned', 345_000], ['paid', 200_000]].sort());
  });
});
