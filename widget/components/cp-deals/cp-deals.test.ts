import { expect } from '@open-wc/testing';
import { seedCommercial } from '../../test/commercial-scenario.js';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountPortal, scenario, textOf, until, writeInto } from '../../test/portal.js';

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

  it("messages the rep in the deal's own thread: the reply arrives live, the team's internal note never", async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'deals', theme: 'dark' });
    const card = await until(() => deep(el, '[part=deal-card]'), 'the deal');
    const button = deepAll<HTMLButtonElement>(card, 'button').find((b) => b.textContent!.includes(`Message Sam Carter ${s.tag}`))!;
    expect(button).not.to.equal(undefined);
    button.click();
    const thread = await until(() => deep(card, '[part=deal-thread] cp-messages'), 'the conversation', 15_000);
    await writeInto(thread, 'Can we sign before the holidays?');
    await until(() => deepAll(thread, '[part=message]').some((m) => textOf(m).includes('before the holidays') && !m.classList.contains('pending')), 'the message, sent');
    const [deal] = (await call('GET', '/v1/deals', undefined, s.contact.token)).data;
    const [dealThread] = (await call('GET', `/v1/threads?deal_id=${deal.id}`)).data;
    await call('POST', `/v1/threads/${dealThread.id}/messages`, { body: 'Legal needs a week', visibility: 'internal' }, s.staff.token);
    await call('POST', `/v1/threads/${dealThread.id}/messages`, { body: 'Yes, on the 20th' }, s.staff.token);
    await until(() => textOf(thread).includes('Yes, on the 20th'), 'the reply, live', 15_000);
    expect(textOf(thread)).not.to.contain('Legal needs a week');
    await expect(deep(el, 'cp-deals')).to.be.accessible();
  });

  it('hides the value from a contact without deals.view_value', async () => {
    await call('PATCH', `/v1/users/${s.colleague.userId}`, { capability_overrides: { 'deals.view_value': false } });
    const el = await mountPortal({ token: s.colleague.token, view: 'deals' });
    const card = await until(() => deep(el, '[part=deal-card]'), 'the deal');
    expect(textOf(card)).not.to.contain('48,000');
  });
});
