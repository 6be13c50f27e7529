type Call = <T = any>(method: string, path: string, body: unknown, auth?: string) => Promise<T>;

const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The commercial part of the demo: Acme's deal (shared value, a timeline with a shared and an
 * internal note) and its invoices and a quote to answer; then Channel Co, a reseller, with the
 * tenant's tiers, a registration in each state (one won, its commission earned, one paid), and
 * a referral attributed to a deal. Ana has written to Sam about the deal (its own thread), and
 * Channel Co's open registration (Contoso) has a co-selling workspace: shared tasks, a file and
 * notes, one of them internal to the team. Through the public API, with the tenant's API key.
 */
export async function seedCommercialDemo(call: Call, who: { acme: string; sam: string; ana: string; samToken: string }): Promise<void> {
  const stages = ['Discovery', 'Proposal', 'Negotiation', 'Signature'];
  const expansion = await call('POST', '/v1/deals', {
    customer_id: who.acme,
    external_id: 'crm-opp-1042',
    name: 'Enterprise plan, 200 seats',
    stage: 'Proposal',
    stages,
    expected_close_date: daysFromNow(40),
    value: 4_800_000,
    currency: 'EUR',
    value_shared: true,
    owner_id: who.sam,
    next_steps: 'Review the proposal with your security team, then a call with legal.',
  });
  await call('PATCH', `/v1/deals/${expansion.id}`, { stage: 'Negotiation', expected_close_date: daysFromNow(30) });
  await call('POST', `/v1/deals/${expansion.id}/notes`, { body: 'Legal has the order form; redlines expected next week.' });
  await call('POST', `/v1/deals/${expansion.id}/notes`, { body: 'Discount ceiling 12 %: do not go lower without the VP.', visibility: 'internal' });
  // "Message Sam" on the deal: its own thread, opened by Ana's first message.
  const dealThread = await call<{ id: string }>('POST', '/v1/threads', { deal_id: expansion.id }, who.ana);
  await call('POST', `/v1/threads/${dealThread.id}/messages`, { body: 'Sam, can legal get the redlines back to us before the 20th?' }, who.ana);
  await call('POST', `/v1/threads/${dealThread.id}/messages`, { body: 'Yes: I will chase them and confirm by Thursday.' }, who.samToken);

  const fin = (body: object) => call('POST', '/v1/financial-documents', { customer_id: who.acme, currency: 'EUR', ...body });
  await fin({ external_id: 'inv-2026-0997', kind: 'invoice', number: 'INV-2026-0997', issue_date: daysFromNow(-45), due_date: daysFromNow(-15), total: 49_900, status: 'overdue' });
  await fin({ external_id: 'inv-2026-1001', kind: 'invoice', number: 'INV-2026-1001', issue_date: daysFromNow(-5), due_date: daysFromNow(25), total: 1_250_050, status: 'sent', lines: [{ description: 'Annual subscription, 50 seats', quantity: 50, unit_amount: 25_001 }] });
  await fin({ external_id: 'inv-2026-0950', kind: 'invoice', number: 'INV-2026-0950', issue_date: daysFromNow(-75), due_date: daysFromNow(-45), total: 980_000, status: 'paid' });
  await fin({ external_id: 'q-2027-01', kind: 'quote', number: 'Q-2027-01', issue_date: daysFromNow(-2), due_date: daysFromNow(28), total: 4_800_000, status: 'sent', lines: [{ description: 'Enterprise seats', quantity: 200, unit_amount: 24_000 }] });
  await fin({ external_id: 'ctr-2026-01', kind: 'contract', number: 'MSA-2026-01', issue_date: daysFromNow(-300), total: 0, status: 'accepted' });
  await fin({ external_id: 'inv-2026-draft', kind: 'invoice', number: 'INV-DRAFT', issue_date: daysFromNow(0), total: 120_000, status: 'draft' });

  const rita = await call<{ user_id: string; customer_id: string; token: string }>('POST', '/v1/embed-tokens', {
    user: { external_id: 'demo-rita', name: 'Rita Reyes', email: 'rita@channelco.test', role: 'contact' },
    customer: { external_id: 'channel-co', name: 'Channel Co' },
  });
  await call('PATCH', `/v1/customers/${rita.customer_id}`, { portal_type: 'partner', owner_id: who.sam });
  await call('POST', '/v1/partner-tiers', { name: 'Silver', min_won_value: 0, currency: 'EUR', commission_rate: 0.1 });
  await call('POST', '/v1/partner-tiers', { name: 'Gold', min_won_value: 10_000_000, commission_rate: 0.15 });
  await call('POST', '/v1/partner-tiers', { name: 'Platinum', min_won_value: 50_000_000, commission_rate: 0.2 });

  const register = (company: string, domain: string, value: number) =>
    call('POST', '/v1/deal-registrations', { prospect: { company, contact_name: 'Procurement', email: `buyer@${domain}` }, estimated_value: value, currency: 'EUR', description: `${company} wants the analytics add-on.`, expected_close_date: daysFromNow(60) }, rita.token);
  const decide = (id: string, decision: string, reason: string) => call('POST', `/v1/deal-registrations/${id}/decision`, { decision, reason });
  const won = await register('Fabrikam', 'fabrikam.test', 3_600_000);
  await decide(won.id, 'approved', 'New logo in your territory.');
  await call('POST', `/v1/deal-registrations/${won.id}/outcome`, { outcome: 'won', value: 3_450_000 });
  const paid = await register('Tailspin Toys', 'tailspin.test', 2_000_000);
  await decide(paid.id, 'approved', 'Registered first.');
  await call('POST', `/v1/deal-registrations/${paid.id}/outcome`, { outcome: 'won' });
  const commissions = await call<{ data: { id: string; registration_id: string }[] }>('GET', `/v1/commissions?customer_id=${rita.customer_id}`, undefined);
  await call('PATCH', `/v1/commissions/${commissions.data.find((c) => c.registration_id === paid.id)!.id}`, { status: 'paid' });
  const open = await register('Contoso', 'contoso.test', 5_200_000);
  await decide(open.id, 'approved', 'Strong fit; protected for 90 days.');
  await seedWorkspace(call, open.id, rita.token, who.samToken);
  const rejected = await register('Woodgrove Bank', 'woodgrove.test', 900_000);
  await decide(rejected.id, 'rejected', 'Already in our direct pipeline.');
  await register('Northwind Traders', 'northwindtraders.test', 1_500_000);

  await call('POST', '/v1/referrals', { prospect: { company: 'Litware', contact_name: 'Lee', email: 'lee@litware.test' }, note: 'Met their CTO at the fair.' }, rita.token);
  await call('POST', '/v1/referrals', { prospect: { company: 'Proseware', contact_name: 'Pia', email: 'pia@proseware.test' }, note: 'Wants a demo in January.' }, rita.token);
  const litware = await call<{ customer_id: string }>('POST', '/v1/embed-tokens', { user: { external_id: 'demo-lee', name: 'Lee Park', email: 'lee@litware.test', role: 'contact' }, customer: { external_id: 'litware', name: 'Litware' } });
  await call('POST', '/v1/deals', { customer_id: litware.customer_id, name: 'Litware pilot', stage: 'Discovery', stages, currency: 'EUR', value: 1_200_000, domain: 'litware.test', owner_id: who.sam });
}

/** Contoso's co-selling workspace: a task each side, the partner's account plan, and notes both ways (one internal to the team). */
async function seedWorkspace(call: Call, registrationId: string, partner: string, staff: string): Promise<void> {
  const workspace = await call<{ deal_id: string; thread: { id: string } }>('GET', `/v1/deal-registrations/${registrationId}/workspace`, undefined);
  const dealId = workspace.deal_id;
  await call('POST', '/v1/tasks', { deal_id: dealId, title: 'Book the joint demo with Contoso IT', due_date: daysFromNow(7), priority: 'high' }, partner);
  await call('POST', '/v1/tasks', { deal_id: dealId, title: 'Send the partner pricing sheet', due_date: daysFromNow(3) }, staff);
  await call('POST', '/v1/tasks', { deal_id: dealId, title: 'Check Contoso is not in a direct sequence', visibility: 'internal' }, staff);
  const plan = new FormData();
  plan.set('deal_id', dealId);
  plan.set('file', new Blob(['Contoso account plan\n\nChampion: the CIO. Budget: Q1. Next: joint demo.\n'], { type: 'text/plain' }), 'contoso-account-plan.txt');
  await call('POST', '/v1/documents', plan, partner);
  const note = (body: object, auth: string) => call('POST', `/v1/threads/${workspace.thread.id}/messages`, body, auth);
  await note({ body: 'Their CIO wants to see the analytics add-on live before January.' }, partner);
  await note({ body: 'Margin on this one is thin: keep the discount at partner list.', visibility: 'internal' }, staff);
  await note({ body: 'Great: I can join the demo on Tuesday or Wednesday.' }, staff);
}
