import { expect } from '@open-wc/testing';
import { seedPartner, type Partner } from '../../test/commercial-scenario.js';
import { call, deep, deepAll, mountPortal, settle, textOf, until } from '../../test/portal.js';

const fill = (form: Element, values: Record<string, string>) => {
  for (const [name, value] of Object.entries(values)) deep<HTMLInputElement>(form, `[name=${name}]`)!.value = value;
};

describe('the partner views', () => {
  let p: Partner;
  const tag = Math.random().toString(36).slice(2, 8);
  before(async () => {
    p = await seedPartner(call, tag);
  });

  it('registers a deal, shows it submitted, then approved with its protection; a conflict is said in words', async () => {
    const el = await mountPortal({ token: p.rep.token, view: 'registrations' });
    const add = await until(() => deep<HTMLButtonElement>(el, 'cp-registrations >>> button.primary'), 'the register button');
    add.click();
    const form = await until(() => deep<HTMLFormElement>(el, '[part=registration-form]'), 'the form');
    fill(form, { company: 'Northwind Traders', contact_name: 'Nora North', email: `nora@northwind-${tag}.test`, value: '12 500,50' });
    await expect(deep(el, 'cp-registrations')).to.be.accessible();
    deep<HTMLButtonElement>(form, 'button[type=submit]')!.click();
    const row = await until(() => deep(el, '[part=registration-row]'), 'the registration');
    await until(() => !deep(el, '[part=registration-form]'), 'the form, closed once sent');
    expect(textOf(row)).to.contain('Submitted');
    expect(textOf(row)).to.contain('€12,500.50');
    const [registration] = (await call('GET', `/v1/deal-registrations?customer_id=${p.customerId}`)).data;
    await call('POST', `/v1/deal-registrations/${registration.id}/decision`, { decision: 'approved', reason: 'Fits the territory', protection_days: 30 });
    await until(() => textOf(deep(el, '[part=registration-row]')!).includes('Protected until'), 'the approval, live');
    expect(textOf(deep(el, '[part=registration-row]')!)).to.contain('Reason: Fits the territory');

    deep<HTMLButtonElement>(el, 'cp-registrations >>> button.primary')!.click();
    const again = await until(() => deep<HTMLFormElement>(el, '[part=registration-form]'), 'the form again');
    fill(again, { company: 'Northwind again', contact_name: 'Nils', email: `nils@northwind-${tag}.test`, value: '100' });
    deep<HTMLButtonElement>(again, 'button[type=submit]')!.click();
    await until(() => textOf(again).includes('already registered and protected'), 'the conflict');
  });

  it('shows the tier, pipeline and earnings on the partner dashboard, and the commissions with their export', async () => {
    const [registration] = (await call('GET', `/v1/deal-registrations?customer_id=${p.customerId}&status=approved`)).data;
    await call('POST', `/v1/deal-registrations/${registration.id}/outcome`, { outcome: 'won' });
    const el = await mountPortal({ token: p.rep.token, view: 'partner' });
    const tier = await until(() => deep(el, '[part=tier]'), 'the tier');
    expect(textOf(tier)).to.contain('Silver partner');
    expect(textOf(tier)).to.contain('10%');
    await until(() => textOf(deep(el, '[part=earnings]')!).includes('€1,250.05'), 'the earned commission');
    await expect(deep(el, 'cp-partner-dashboard')).to.be.accessible();

    const list = await mountPortal({ token: p.rep.token, view: 'commissions' });
    const row = await until(() => deep(list, '[part=commission-row]'), 'the commission');
    expect(textOf(row)).to.contain('Earned');
    expect(textOf(row)).to.contain('€1,250.05');
    expect(deep(list, '[part=export]')).not.to.equal(null);
    await expect(deep(list, 'cp-commissions')).to.be.accessible();
  });

  it('refers a prospect and lists it', async () => {
    const el = await mountPortal({ token: p.rep.token, view: 'referrals' });
    const add = await until(() => deep<HTMLButtonElement>(el, 'cp-referrals >>> button.primary'), 'the refer button');
    add.click();
    const form = await until(() => deep<HTMLFormElement>(el, '[part=referral-form]'), 'the form');
    fill(form, { company: 'Woodgrove Bank', contact_name: 'Wes', email: `wes@woodgrove-${tag}.test` });
    await expect(deep(el, 'cp-referrals')).to.be.accessible();
    deep<HTMLButtonElement>(form, 'button[type=submit]')!.click();
    const row = await until(() => deep(el, '[part=referral-row]'), 'the referral');
    await until(() => !deep(el, '[part=referral-form]'), 'the form, closed once sent');
    expect(textOf(row)).to.contain('Woodgrove Bank');
    expect(textOf(row)).to.contain('Submitted');
  });

  it('offers the partner views to partners only', async () => {
    const el = await mountPortal({ token: p.rep.token, view: 'dashboard' });
    await until(() => deepAll(el, '[role=tab]').length > 3, 'the tabs');
    await settle(el);
    const tabs = deepAll(el, '[role=tab]').map((t) => t.id);
    expect(tabs).to.include.members(['tab-partner', 'tab-registrations', 'tab-referrals', 'tab-commissions', 'tab-deals', 'tab-billing']);
  });
});
