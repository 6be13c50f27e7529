import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../lib/csv.js';
import { databases, embedToken, type TestApp, type World } from '../../test/harness.js';
import { useWorld } from '../../test/suite.js';
import { expireProtections } from './registration-expiry.js';

describe.each(databases)('the partner portal on $name', (database) => {
  const env = useWorld(database);

  let t: TestApp;
  let w: World;
  let partner: { token: string; user_id: string; customer_id: string };
  let rival: { token: string; user_id: string; customer_id: string };

  const makePartner = async (external: string, name: string) => {
    const p = await embedToken(t, w.key, { external_id: `${external}-rep`, name: `${name} rep`, role: 'contact' }, { external_id: external, name });
    const r = await t.request('PATCH', `/v1/customers/${p.customer_id}`, { auth: w.key, body: { portal_type: 'partner' } });
    expect(r.status).toBe(200);
    return p as { token: string; user_id: string; customer_id: string };
  };

  beforeAll(async () => {
    ({ t, w } = env);
    partner = await makePartner('reseller-1', 'Channel Co');
    rival = await makePartner('reseller-2', 'Rival Reseller');
    await t.request('POST', '/v1/partner-tiers', { auth: w.key, body: { name: 'Silver', min_won_value: 0, currency: 'EUR', commission_rate: 0.1 } });
    await t.request('POST', '/v1/partner-tiers', { auth: w.key, body: { name: 'Gold', min_won_value: 5_000_000, commission_rate: 0.125 } });
  });

  const register = (auth: string, domain: string, value = 1_000_000) =>
    t.request('POST', '/v1/deal-registrations', {
      auth,
      body: { prospect: { company: `Prospect ${domain}`, contact_name: 'Pat Prospect', email: `pat@${domain}` }, estimated_value: value, currency: 'EUR', description: 'Needs 200 seats' },
    });
  const decide = (id: string, decision: string, reason = 'ok', extra: object = {}) => t.request('POST', `/v1/deal-registrations/${id}/decision`, { auth: w.staff, body: { decision, reason, ...extra } });

  it('registers, approves with protection and a deal, refuses a channel conflict, then wins and earns the commission at the tier rate', async () => {
    const r = await register(partner.token, 'northwind.test', 3_999_999);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'submitted', customer_id: partner.customer_id, prospect: { domain: 'northwind.test' }, deal_id: null });
    const approved = await decide(r.body.id, 'approved', 'Fits our mid-market', { protection_days: 60 });
    expect(approved.body).toMatchObject({ status: 'approved', decision_reason: 'Fits our mid-market', deal_id: expect.stringMatching(/^del_/) });
    const days = (Date.parse(approved.body.protection_ends_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(59.9);
    // The partner follows its deal in its own portal.
    expect((await t.request('GET', `/v1/deals/${approved.body.deal_id}`, { auth: partner.token })).body).toMatchObject({ name: 'Prospect northwind.test', value: 3_999_999 });

    const clash = await register(rival.token, 'northwind.test');
    expect([clash.status, clash.body.error.code]).toEqual([409, 'channel_conflict']);
    expect((await t.request('GET', '/v1/deal-registrations', { auth: rival.token })).body.data).toEqual([]);

    const won = await t.request('POST', `/v1/deal-registrations/${r.body.id}/outcome`, { auth: w.staff, body: { outcome: 'won', value: 3_999_995 } });
    expect(won.body).toMatchObject({ status: 'won', outcome_value: 3_999_995 });
    const commissions = await t.request('GET', '/v1/commissions', { auth: partner.token });
    // 10 % of 3,999,995 cents is 399,999.5: half up makes 400,000.
    expect(commissions.body.data).toEqual([expect.objectContaining({ registration_id: r.body.id, deal_value: 3_999_995, rate: 0.1, amount: 400_000, currency: 'EUR', status: 'earned', paid_at: null, company: 'Prospect northwind.test' })]);
    expect((await t.request('GET', `/v1/deals/${approved.body.deal_id}`, { auth: partner.token })).body).toMatchObject({ status: 'won', stage: 'Closed' });

    const paid = await t.request('PATCH', `/v1/commissions/${commissions.body.data[0].id}`, { auth: w.staff, body: { status: 'paid' } });
    expect(paid.body).toMatchObject({ status: 'paid', paid_at: expect.any(String) });
    expect((await t.request('PATCH', `/v1/commissions/${paid.body.id}`, { auth: w.staff, body: { status: 'earned' } })).body.error.code).toBe('already_paid');
    const csv = await t.app.request('/v1/commissions.csv', { headers: { authorization: `Bearer ${partner.token}` } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = parseCsv(await csv.text()).map((x) => x.fields);
    expect(rows[0]).toEqual(['id', 'registration_id', 'company', 'deal_value', 'rate', 'amount', 'currency', 'status', 'paid_at', 'created_at']);
    expect(rows.slice(1).map((x) => x.slice(0, 8))).toEqual([[paid.body.id, r.body.id, 'Prospect northwind.test', '39999.95', '0.1', '4000.00', 'EUR', 'paid']]);

    const types = (await t.deps.db.selectFrom('events').select('type').where('subject_id', 'in', [r.body.id, paid.body.id]).execute()).map((e) => e.type);
    expect(types).toEqual(['deal_registration.created', 'deal_registration.decided', 'deal_registration.outcome_recorded', 'commission.earned', 'commission.updated', 'commission.paid']);
  });

  it('lets a rejection be appealed once, refuses outcomes before approval and appeals before a rejection (409)', async () => {
    const r = await register(partner.token, 'contoso.test');
    expect((await t.request('POST', `/v1/deal-registrations/${r.body.id}/appeal`, { auth: partner.token, body: { reason: 'please' } })).body.error.code).toBe('not_rejected');
    expect((await t.request('POST', `/v1/deal-registrations/${r.body.id}/outcome`, { auth: w.staff, body: { outcome: 'won' } })).body.error.code).toBe('not_approved');
    const rejected = await decide(r.body.id, 'rejected', 'Already in our pipeline');
    expect(rejected.body).toMatchObject({ status: 'rejected', decision_reason: 'Already in our pipeline' });
    const appealed = await t.request('POST', `/v1/deal-registrations/${r.body.id}/appeal`, { auth: partner.token, body: { reason: 'We sourced it' } });
    expect(appealed.body).toMatchObject({ status: 'appealed', appeal_reason: 'We sourced it' });
    expect((await decide(r.body.id, 'rejected', 'Still no')).body.status).toBe('rejected');
    const again = await t.request('POST', `/v1/deal-registrations/${r.body.id}/appeal`, { auth: partner.token, body: { reason: 'again' } });
    expect([again.status, again.body.error.code]).toEqual([409, 'already_appealed']);
    expect((await decide(r.body.id, 'approved')).status).toBe(409);
  });

  it('keeps partners apart from each other and from customers', async () => {
    const mine = await register(partner.token, 'fabrikam.test');
    expect((await t.request('GET', `/v1/deal-registrations/${mine.body.id}`, { auth: rival.token })).status).toBe(404);
    expect((await t.request('POST', `/v1/deal-registrations/${mine.body.id}/appeal`, { auth: rival.token, body: { reason: 'x' } })).status).toBe(404);
    const customer = await t.request('GET', '/v1/deal-registrations', { auth: w.contactA });
    expect([customer.status, customer.body.error.code]).toEqual([403, 'capability_required']);
    for (const path of ['/v1/commissions', '/v1/referrals', '/v1/partner/summary']) expect((await t.request('GET', path, { auth: w.contactA })).status).toBe(403);
    expect((await register(w.contactA, 'x.test')).body.error.code).toBe('capability_required');
    const elsewhere = await t.request('POST', '/v1/deal-registrations', { auth: partner.token, body: { customer_id: rival.customer_id, prospect: { company: 'X', contact_name: 'Y', email: 'y@elsewhere.test' }, estimated_value: 1, currency: 'EUR' } });
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([403, 'forbidden_field']);
    expect((await t.request('GET', '/v1/commissions', { auth: rival.token })).body.data).toEqual([]);
    expect((await t.request('POST', '/v1/deal-registrations', { auth: w.staff, body: { customer_id: w.customerA, prospect: { company: 'X', contact_name: 'Y', email: 'y@x.test' }, estimated_value: 1, currency: 'EUR' } })).status).toBe(400);
    for (const bad of [{ estimated_value: -1 }, { estimated_value: 0.5 }, { currency: 'QQQ' }]) {
      const r = await t.request('POST', '/v1/deal-registrations', { auth: partner.token, body: { prospect: { company: 'X', contact_name: 'Y', email: 'y@bad.test' }, estimated_value: 1, currency: 'EUR', ...bad } });
      expect(r.status).toBe(400);
    }
    expect((await decide(mine.body.id, 'approved')).status).toBe(200);
    expect((await t.request('POST', `/v1/deal-registrations/${mine.body.id}/decision`, { auth: partner.token, body: { decision: 'approved', reason: 'me' } })).status).toBe(403);
  });

  it('expires a protection that ended before an outcome exactly once, even with two workers at it', async () => {
    const r = await register(partner.token, 'tailspin.test');
    await decide(r.body.id, 'approved', 'ok', { protection_days: 1 });
    const later = new Date(Date.now() + 2 * 86_400_000);
    await Promise.all([expireProtections(t.deps.db, later), expireProtections(t.deps.db, later)]);
    await expireProtections(t.deps.db, later);
    expect((await t.request('GET', `/v1/deal-registrations/${r.body.id}`, { auth: partner.token })).body.status).toBe('expired');
    const events = await t.deps.db.selectFrom('events').select('type').where('subject_id', '=', r.body.id).where('type', '=', 'deal_registration.expired').execute();
    expect(events).toHaveLength(1);
    expect((await t.request('POST', `/v1/deal-registrations/${r.body.id}/outcome`, { auth: w.staff, body: { outcome: 'won' } })).status).toBe(409);
    // The domain is free again.
    expect((await register(rival.token, 'tailspin.test')).status).toBe(201);
  });

  it('attributes a referral to a deal created later for its domain, and follows its outcome', async () => {
    const ref = await t.request('POST', '/v1/referrals', { auth: partner.token, body: { prospect: { company: 'Woodgrove', contact_name: 'Wes', email: 'wes@woodgrove.test' }, note: 'Met at a fair' } });
    expect(ref.body).toMatchObject({ status: 'submitted', deal_id: null, prospect: { domain: 'woodgrove.test' } });
    const deal = await t.request('POST', '/v1/deals', { auth: w.key, body: { customer_id: w.customerB, name: 'Woodgrove', stage: 'New', stages: ['New', 'Closed'], currency: 'EUR', domain: 'woodgrove.test' } });
    expect((await t.request('GET', `/v1/referrals/${ref.body.id}`, { auth: w.staff })).body).toMatchObject({ status: 'in_pipeline', deal_id: deal.body.id });
    expect((await t.request('GET', `/v1/referrals/${ref.body.id}`, { auth: partner.token })).body).toMatchObject({ status: 'in_pipeline', deal_id: null });
    await t.request('PATCH', `/v1/deals/${deal.body.id}`, { auth: w.key, body: { status: 'won' } });
    expect((await t.request('GET', '/v1/referrals', { auth: partner.token })).body.data[0]).toMatchObject({ id: ref.body.id, status: 'won' });
    expect((await t.request('GET', '/v1/referrals', { auth: rival.token })).body.data).toEqual([]);
  });

  it('answers the partner its tier and progress, and the channel team its statistics', async () => {
    const summary = await t.request('GET', '/v1/partner/summary', { auth: partner.token });
    expect(summary.body).toMatchObject({ tier: { name: 'Silver', commission_rate: 0.1 }, next_tier: { name: 'Gold' }, won_value: 3_999_995, currency: 'EUR', earnings: { paid: [{ amount: 400_000, currency: 'EUR' }] } });
    expect(summary.body.progress).toBeCloseTo(0.8, 3);
    expect(summary.body.projected).toEqual([{ currency: 'EUR', amount: 100_000 }]);
    const stats = await t.request('GET', '/v1/partner-stats', { auth: w.staff });
    expect(stats.body.registrations).toMatchObject({ won: 1, rejected: 1, expired: 1, approved: 1, submitted: 1 });
    expect(stats.body.approval_rate).toBeCloseTo(3 / 4);
    expect(stats.body.won_value_by_tier).toEqual([expect.objectContaining({ tier_name: 'Silver', currency: 'EUR', amount: 3_999_995, count: 1 })]);
    expect((await t.request('GET', '/v1/partner-stats', { auth: partner.token })).status).toBe(403);
    const member = await embedToken(t, w.key, { external_id: 'mem', name: 'Mo', role: 'staff', staff_role: 'member' });
    expect((await t.request('POST', '/v1/partner-tiers', { auth: member.token, body: { name: 'X', min_won_value: 1, commission_rate: 0.2 } })).body.error.code).toBe('admin_required');
    expect((await t.request('POST', '/v1/partner-tiers', { auth: w.key, body: { name: 'X', min_won_value: 1, commission_rate: 0.2, currency: 'USD' } })).status).toBe(400);
    expect((await t.request('POST', '/v1/partner-tiers', { auth: w.key, body: { name: 'X', min_won_value: 1, commission_rate: 0.12345 } })).status).toBe(400);
  });
});
