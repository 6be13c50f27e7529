import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases, startTestApp, type TestApp } from '../test/harness.js';
import { seedDemo } from './demo.js';

describe.each(databases)('the demo seed on $name', (database) => {
  let t: TestApp;
  /** The first test seeds; the others read the same demo. */
  let demoKey = '';
  beforeAll(async () => {
    t = await startTestApp(database);
  });
  afterAll(() => t.close());

  it('seeds a tenant whose customer talks with its CSM, an internal note among the messages', async () => {
    const demo = await seedDemo(t.deps);
    expect(demo).not.toBeNull();
    demoKey = demo!.apiKey;
    const acme = (await t.request('GET', '/v1/customers?external_id=acme', { auth: demo!.apiKey })).body.data[0];
    // The seed writes in bursts, and rows of one millisecond are listed in id order: the test
    // asserts which threads and messages there are, not their order.
    const threads = (await t.request('GET', `/v1/threads?customer_id=${acme.id}`, { auth: demo!.apiKey })).body.data as { id: string; subject: string; general: boolean }[];
    expect(threads.map((th) => th.subject).sort()).toEqual(['Enterprise plan, 200 seats', 'General', 'Go-live checklist']);
    const general = threads.find((th) => th.general)!;
    expect(general.subject).toBe('General');
    const messages = (await t.request('GET', `/v1/threads/${general.id}/messages`, { auth: demo!.apiKey })).body.data;
    expect(messages.map((m: { visibility: string }) => m.visibility).sort()).toEqual(['internal', 'portal', 'portal']);
    expect(await seedDemo(t.deps)).toBeNull();
  });

  it('seeds once, with the commercial side a newcomer sees: deals, billing and a partner with commissions', async () => {
    const key = demoKey;
    const deals = await t.request('GET', '/v1/deals', { auth: key });
    expect(deals.body.data.map((d: { name: string }) => d.name)).toEqual(expect.arrayContaining(['Enterprise plan, 200 seats', 'Litware pilot']));
    const stats = await t.request('GET', '/v1/partner-stats', { auth: key });
    expect(stats.body.registrations).toMatchObject({ won: 2, approved: 1, rejected: 1, submitted: 1 });
    const referrals = await t.request('GET', '/v1/referrals', { auth: key });
    expect(referrals.body.data.map((r: { status: string }) => r.status).sort()).toEqual(['in_pipeline', 'submitted']);
    const commissions = (await t.request('GET', '/v1/commissions', { auth: key })).body.data.map((c: { status: string; amount: number }) => [c.status, c.amount]);
    expect(commissions.sort()).toEqual([['earned', 345_000], ['paid', 200_000]].sort());
    // Contoso's co-selling workspace, and Ana's conversation with Sam about her deal.
    const contoso = (await t.request('GET', '/v1/deal-registrations?status=approved', { auth: key })).body.data[0];
    const workspace = (await t.request('GET', `/v1/deal-registrations/${contoso.id}/workspace`, { auth: key })).body;
    expect(workspace).toMatchObject({ tasks: { open: 3, done: 0 }, documents: 1, thread: { subject: 'Contoso' } });
    const enterprise = deals.body.data.find((d: { name: string }) => d.name === 'Enterprise plan, 200 seats');
    const dealThread = (await t.request('GET', `/v1/threads?deal_id=${enterprise.id}`, { auth: key })).body.data;
    expect(dealThread).toEqual([expect.objectContaining({ subject: 'Enterprise plan, 200 seats' })]);
  });

  it('seeds a portal that takes access requests, two of them waiting', async () => {
    const pending = await t.request('GET', '/v1/access-requests?status=pending', { auth: demoKey });
    expect(pending.body.data.map((r: { name: string }) => r.name).sort()).toEqual(['Kenji Sato', 'Rosa Diaz']);
    expect((await t.request('GET', '/v1/settings', { auth: demoKey })).body.self_registration).toBe('approval');
  });

  it('seeds shared goals with a history, an internal one the contacts never see', async () => {
    const key = demoKey;
    const acme = (await t.request('GET', '/v1/customers?external_id=acme', { auth: key })).body.data[0];
    const goals = (await t.request('GET', `/v1/goals?customer_id=${acme.id}`, { auth: key })).body.data as { id: string; title: string; visibility: string; progress: number | null; update_count: number }[];
    expect(goals.map((g) => g.title)).toEqual(['Cut open support tickets', 'Weekly active users', 'Executive sponsor signs off the rollout plan', 'Expand to the analytics add-on']);
    const tickets = goals[0]!;
    expect(tickets).toMatchObject({ progress: 0.6, update_count: 5 });
    const history = (await t.request('GET', `/v1/goals/${tickets.id}/updates`, { auth: key })).body.data as { created_at: string }[];
    expect(Date.parse(history.at(-1)!.created_at) - Date.parse(history[0]!.created_at)).toBeGreaterThan(20 * 86_400_000);
    expect(goals.filter((g) => g.visibility === 'internal').map((g) => g.title)).toEqual(['Expand to the analytics add-on']);
  });

  it('seeds the content a contact meets: a welcome page, a guide with a video, and a rated FAQ in three categories', async () => {
    const key = demoKey;
    const pages = (await t.request('GET', '/v1/pages?limit=200', { auth: key })).body.data as { title: string; welcome: boolean; body: string }[];
    expect(pages.find((p) => p.welcome)?.title).toBe('Welcome to your Northwind portal');
    expect(pages.find((p) => p.title === 'How go-live works')!.body).toContain('youtube.com');
    const faq = (await t.request('GET', '/v1/faq/categories', { auth: key })).body.data as { category: string; entries: number }[];
    expect(faq.filter((c) => c.entries === 5).map((c) => c.category)).toEqual(['Billing', 'Getting started', 'Security and access']);
    const stats = (await t.request('GET', '/v1/faq/stats', { auth: key })).body;
    expect(stats.most_viewed[0].question).toBe('How do I set up single sign-on?');
    expect(stats.least_helpful.flatMap((e: { comments: { comment: string }[] }) => e.comments.map((c) => c.comment))).toContain('We use Azure AD, not Okta: where is the metadata there?');
  });

  it('seeds requests: the escalation past its SLA first in the queue, a meeting confirmed, one resolved, one open', async () => {
    const queue = (await t.request('GET', '/v1/requests?order=sla', { auth: demoKey })).body.data as { type: { name: string }; status: string; sla_breached: boolean; meeting: unknown }[];
    expect(queue.map((r) => [r.type.name, r.status, r.sla_breached])).toEqual([
      ['Support escalation', 'open', true],
      ['Meeting request', 'open', false],
      ['Quote request', 'open', false],
      ['Change order', 'resolved', false],
    ]);
    expect(queue[1]!.meeting).toMatchObject({ location: 'Video call' });
    const breaches = await t.deps.db.selectFrom('events').select('id').where('type', '=', 'request.sla_breached').execute();
    expect(breaches).toHaveLength(1);
  });
});
