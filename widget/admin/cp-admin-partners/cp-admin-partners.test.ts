import { expect } from '@open-wc/testing';
import { seedPartner } from '../../test/commercial-scenario.js';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountAdmin, scenario, textOf, until } from '../test/admin.js';

describe('cp-admin-partners', () => {
  let s: Scenario;
  let registration: string;
  const tag = Math.random().toString(36).slice(2, 8);
  before(async () => {
    s = await scenario();
    const p = await seedPartner(call, tag);
    const r = await call('POST', '/v1/deal-registrations', { prospect: { company: `Contoso ${tag}`, contact_name: 'Cy', email: `cy@contoso-${tag}.test` }, estimated_value: 2_000_000, currency: 'EUR', description: 'Two hundred seats' }, p.rep.token);
    registration = r.id;
  });

  it('decides a registration from the queue, then records it won, and the commission can be marked paid', async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'partners' });
    const view = await until(() => deep(el, 'cp-admin-partners'), 'the view');
    const row = await until(() => deepAll(view, '[part=queue-row]').find((r) => textOf(r).includes(`Contoso ${tag}`)), 'the registration');
    await expect(view).to.be.accessible();
    deep<HTMLButtonElement>(row, 'button.primary')!.click();
    const form = await until(() => deep<HTMLFormElement>(view, `form[aria-label="Decide on Contoso ${tag}"]`), 'the decision form');
    deep<HTMLInputElement>(form, '[name=reason]')!.value = 'Registered first';
    deep<HTMLButtonElement>(form, 'button[value=approved]')!.click();
    await until(async () => (await call('GET', `/v1/deal-registrations/${registration}`)).status === 'approved', 'the approval');
    deep<HTMLSelectElement>(view, 'select')!.value = '';
    deep<HTMLSelectElement>(view, 'select')!.dispatchEvent(new Event('change'));
    const approved = await until(() => deep<HTMLFormElement>(view, `form[aria-label="Outcome of Contoso ${tag}"]`), 'the outcome form');
    deep<HTMLButtonElement>(approved, 'button[type=submit]')!.click();
    await until(async () => (await call('GET', `/v1/deal-registrations/${registration}`)).status === 'won', 'the win');
    const paid = await until(() => deepAll(view, '[part=commission-row]').find((r) => textOf(r).includes(`Contoso ${tag}`)), 'the commission');
    expect(textOf(paid)).to.contain('€2,000.00');
    deep<HTMLButtonElement>(paid, 'button')!.click();
    await until(async () => (await call('GET', `/v1/commissions?status=paid`)).data.some((c: { registration_id: string }) => c.registration_id === registration), 'paid');
  });
});
