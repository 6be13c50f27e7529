import { expect } from '@open-wc/testing';
import { seedCommercial, type Commercial } from '../../test/commercial-scenario.js';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountPortal, scenario, settle, textOf, until } from '../../test/portal.js';

const rows = (el: Element) => deepAll(el, '[part=financial-row]');
const numbers = (el: Element) => rows(el).map((r) => deep(r, '.main')!.textContent!.trim());

describe('cp-billing', () => {
  let s: Scenario;
  let c: Commercial;
  before(async () => {
    s = await scenario();
    c = await seedCommercial(call, s);
  });

  it('shows every sent document with its amounts in the locale, the outstanding totals, and no draft or internal one', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'billing' });
    await until(() => rows(el).length === 3, 'the documents');
    expect(numbers(el).sort()).to.deep.equal(['Invoice INV-0997', 'Invoice INV-1001', 'Quote Q-2027-01']);
    const summary = textOf(deep(el, '[part=billing-summary]')!);
    expect(summary).to.contain('€1,749.50');
    expect(summary).to.contain('€499.00');
    expect(textOf(rows(el).find((r) => textOf(r).includes('INV-1001'))!)).to.contain('€1,250.50');
    expect(textOf(el)).not.to.contain('INV-DRAFT');
    expect(textOf(el)).not.to.contain('PO-INTERNAL');
    await expect(deep(el, 'cp-billing')).to.be.accessible();
  });

  it('formats money in French with the same exact amounts', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'billing', locale: 'fr' });
    const french = () => textOf(rows(el).find((r) => textOf(r).includes('INV-1001')) ?? el).replace(/\s/g, ' ');
    await until(() => french().includes('1 250,50 €'), 'the amount in French');
    expect(textOf(deep(el, 'cp-billing')!)).to.contain('Facturation');
  });

  it('declines a quote with a reason, recorded as a sign-off', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'billing' });
    await until(() => deep(el, 'button[aria-label="Decline quote Q-2027-01"]'), 'the decline button');
    deep<HTMLButtonElement>(el, 'button[aria-label="Decline quote Q-2027-01"]')!.click();
    await settle(el);
    const form = deep<HTMLFormElement>(el, '[part=decline-form]')!;
    deep<HTMLTextAreaElement>(form, 'textarea')!.value = 'Over our budget this year';
    await expect(deep(el, 'cp-billing')).to.be.accessible();
    deep<HTMLButtonElement>(form, 'button[type=submit]')!.click();
    await until(() => textOf(rows(el).find((r) => textOf(r).includes('Q-2027-01'))!).includes('Declined on'), 'the declined quote');
    const record = await call('GET', `/v1/financial-documents/${c.finance.quote}/record`);
    expect(record).to.include({ decision: 'declined', reason: 'Over our budget this year', user_id: s.contact.userId });
    expect(deep(el, 'button[aria-label="Accept quote Q-2027-01"]')).to.equal(null);
  });

  it('is not offered to a contact without finance.view', async () => {
    await call('PATCH', `/v1/users/${s.colleague.userId}`, { capability_overrides: { 'finance.view': false } });
    const el = await mountPortal({ token: s.colleague.token, view: 'billing' });
    await until(() => deep(el, '[role=tab]'), 'the tabs');
    await settle(el);
    expect(deepAll(el, '[role=tab]').map((t) => t.id)).not.to.include('tab-billing');
    expect(deep(el, 'cp-billing')).to.equal(null);
  });
});
