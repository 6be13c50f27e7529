/**
 * The commercial side of a scenario, built through the public API like a vendor's backend: a
 * customer's deals and financial documents, and a partner with its people, a tier and its
 * registrations. Used by the browser tests and the end-to-end test.
 */
import { person, type Call, type Person, type Scenario } from './scenario.js';

export interface Commercial {
  deals: { enterprise: string; hidden: string };
  finance: { invoice: string; overdue: string; quote: string; draft: string; internal: string };
}

/** Deals and financial documents for the scenario's customer: shared ones, and what a contact must never see. */
export async function seedCommercial(call: Call, s: Scenario): Promise<Commercial> {
  const deal = (body: object) => call<{ id: string }>('POST', '/v1/deals', { customer_id: s.customerId, currency: 'EUR', stages: ['Discovery', 'Proposal', 'Negotiation', 'Signature'], ...body });
  const enterprise = await deal({
    name: 'Enterprise plan',
    stage: 'Proposal',
    value: 4_800_000,
    value_shared: true,
    expected_close_date: '2027-01-31',
    owner_id: s.staff.userId,
    next_steps: 'Review the proposal with your security team',
  });
  await call('PATCH', `/v1/deals/${enterprise.id}`, { stage: 'Negotiation' });
  await call('POST', `/v1/deals/${enterprise.id}/notes`, { body: 'Legal has the order form', visibility: 'portal' });
  await call('POST', `/v1/deals/${enterprise.id}/notes`, { body: 'Discount ceiling 12 percent', visibility: 'internal' });
  const hidden = await deal({ name: 'Upsell (internal)', stage: 'Discovery', visibility: 'internal' });
  const fin = (body: object) => call<{ id: string }>('POST', '/v1/financial-documents', { customer_id: s.customerId, currency: 'EUR', issue_date: '2026-11-02', ...body });
  const invoice = await fin({ kind: 'invoice', number: 'INV-1001', total: 125_050, due_date: '2027-03-01', status: 'sent' });
  const overdue = await fin({ kind: 'invoice', number: 'INV-0997', total: 49_900, due_date: '2026-10-01', status: 'overdue' });
  const quote = await fin({ kind: 'quote', number: 'Q-2027-01', total: 980_000, status: 'sent', lines: [{ description: 'Enterprise seats', quantity: 200, unit_amount: 4_900 }] });
  const draft = await fin({ kind: 'invoice', number: 'INV-DRAFT', total: 1, status: 'draft' });
  const internal = await fin({ kind: 'order', number: 'PO-INTERNAL', total: 2, status: 'sent', visibility: 'internal' });
  return { deals: { enterprise: enterprise.id, hidden: hidden.id }, finance: { invoice: invoice.id, overdue: overdue.id, quote: quote.id, draft: draft.id, internal: internal.id } };
}

export interface Partner {
  customerId: string;
  rep: Person;
  tierId: string;
}

/** A partner (a reseller) with one rep, and the tenant's tiers if it has none yet. */
export async function seedPartner(call: Call, tag: string): Promise<Partner> {
  const customer = { external_id: `reseller-${tag}`, name: `Channel Co ${tag}` };
  const rep = await person(call, 'Rita Reseller', 'contact', `rita-${tag}`, customer);
  const { customer_id: customerId } = await call<{ customer_id: string }>('POST', '/v1/embed-tokens', { user: { external_id: rep.externalId, name: rep.name, role: 'contact' }, customer });
  await call('PATCH', `/v1/customers/${customerId}`, { portal_type: 'partner' });
  const tiers = (await call<{ data: { id: string }[] }>('GET', '/v1/partner-tiers')).data;
  const tierId =
    tiers[0]?.id ??
    (await call<{ id: string }>('POST', '/v1/partner-tiers', { name: 'Silver', min_won_value: 0, currency: 'EUR', commission_rate: 0.1 })).id;
  if (tiers.length === 0) await call('POST', '/v1/partner-tiers', { name: 'Gold', min_won_value: 100_000_000, commission_rate: 0.15 });
  // A token issued after the account became a partner carries its capabilities.
  return { customerId, rep: await person(call, rep.name, 'contact', rep.externalId, customer), tierId };
}
