import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountAdmin, scenario, settle, textOf, until } from '../test/admin.js';

const STEP = 20_000;

describe('the admin goals tab', () => {
  let s: Scenario;
  let other: Scenario;
  before(async () => {
    s = await scenario();
    other = await scenario();
    await call('POST', '/v1/goals', { customer_id: s.customerId, title: 'Adoption 80%', metric: { unit: '%', start: 20, target: 80 } });
    await call('POST', '/v1/goals', { customer_id: other.customerId, title: `Other customer's goal ${other.tag}` });
  });

  it('shows the picked customer’s goals and adds one for it', async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'goals', customer: s.customerId });
    const cards = () => deepAll(el, 'cp-goals >>> [part=goal-card]');
    await until(() => cards().some((c) => textOf(c).includes('Adoption 80%')), 'the goal', STEP);
    expect(cards().map((c) => textOf(c)).join()).not.to.contain(other.tag);
    deepAll<HTMLButtonElement>(el, 'cp-goals >>> button').find((b) => b.textContent === 'Add a goal')!.click();
    const form = await until(() => deep<HTMLFormElement>(el, 'cp-goals >>> [part=goal-form]'), 'the form', STEP);
    deep<HTMLInputElement>(form, 'input[name=title]')!.value = 'Executive review held';
    deep<HTMLButtonElement>(form, 'button[type=submit]')!.click();
    await until(() => cards().some((c) => textOf(c).includes('Executive review held')), 'the new goal', STEP);
    const listed = await call<{ data: { title: string; customer_id: string }[] }>('GET', `/v1/goals?customer_id=${s.customerId}`);
    expect(listed.data.map((g) => g.title)).to.include('Executive review held');
    await settle(el);
    await expect(deep(el, 'cp-goals')).to.be.accessible();
  });
});
