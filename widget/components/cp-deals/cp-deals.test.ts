import { expect } from '@open-wc/testing';
import { seedCommercial } from '../../test/commercial-scenario.js';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountPortal, scenario, textOf, until } from '../../test/portal.js';

describe('cp-deals', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
    await seedCommercial(call, s);
  });

  it('shows the shared deal on its pipeline with value, rep, next steps and what changed, never the internal one', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'deals' });
    const card = await until(() => deep(el, '[part=deal-card]'), 'the deal');
    expect(deepAll(el, '[part=deal-card]')).to.have.length(1);
    const text = textOf(card);
    expect(text).to.contain('Enterprise plan');
    expect(text).to.contain('€48,000.00');
    expect(text).to.contain(`Your contact: Sam Carter ${s.tag}`);
    expect(text).to.contain('Review the proposal with your security team');
    expect(text).to.contain('Updated since your last visit');
    expect(deep(card, '[aria-current=step]')!.textContent).to.equal('Negotiation');
    expect(deep(card, '[part=pipeline]')!.getAttribute('aria-label')).to.equal('Stage 3 of 4: Negotiation');
    expect(textOf(el)).not.to.contain('Upsell');
    await expect(deep(el, 'cp-deals')).to.be.accessible();
  });

  it('opens the timeline of shared updates, without the internal note, and then the deal is seen', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'deals' });
    const card = await until(() => deep(el, '[part=deal-card]'), 'the deal');
    deep<HTMLButtonElement>(card, 'button[aria-expanded]')!.click();
    const timeline = await until(() => deep(card, '[part=deal-timeline]'), 'the timeline');
    expect(textOf(timeline)).to.contain('Moved from Proposal to Negotiation');
    expect(textOf(timeline)).to.contain('Legal has the order form');
    expect(textOf(timeline)).not.to.contain('Discount ceiling');
    await expect(deep(el, 'cp-deals')).to.be.accessible();
    const [deal] = (await call('GET', '/v1/deals', undefined, s.contact.token)).data;
    expect(deal.changed_since_last_visit).to.equal(false);
  });

  it('hides the value from a contact without deals.view_value', async () => {
    await call('PATCH', `/v1/users/${s.colleague.userId}`, { capability_overrides: { 'deals.view_value': false } });
    const el = await mountPortal({ token: s.colleague.token, view: 'deals' });
    const card = await until(() => deep(el, '[part=deal-card]'), 'the deal');
    expect(textOf(card)).not.to.contain('48,000');
  });
});
