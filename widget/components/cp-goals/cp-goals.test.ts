import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountPortal, scenario, settle, textOf, until } from '../../test/portal.js';

const STEP = 20_000;

describe('cp-goals', () => {
  let s: Scenario;
  let tickets: string;
  before(async () => {
    s = await scenario();
    const goal = await call<{ id: string }>('POST', '/v1/goals', {
      customer_id: s.customerId,
      title: 'Fewer support tickets',
      description: 'Self-service first.',
      metric: { unit: 'tickets', start: 120, target: 40 },
      owner_ids: [s.staff.userId, s.contact.userId],
    });
    tickets = goal.id;
    await call('POST', `/v1/goals/${tickets}/updates`, { value: 100, note: 'Help centre live' }, s.staff.token);
    await call('POST', `/v1/goals/${tickets}/updates`, { value: 80, note: 'Macros for the top questions' }, s.staff.token);
    await call('POST', '/v1/goals', { customer_id: s.customerId, title: 'Executive sponsor named', owner_ids: [s.staff.userId], status: 'at_risk' });
    await call('POST', '/v1/goals', { customer_id: s.customerId, title: 'Upsell analytics', visibility: 'internal' });
  });
  afterEach(() => setViewport({ width: 1024, height: 768 }));

  const cards = (el: Element) => deepAll(el, '[part=goal-card]');
  const card = (el: Element, title: string) => cards(el).find((c) => textOf(c).includes(title));

  it('shows a contact the shared goals with progress, the history as a chart and a table, and lets an owner record progress', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'goals', theme: 'dark' });
    await until(() => cards(el).length === 2, 'the two shared goals', STEP);
    expect(textOf(deep(el, 'cp-goals')!)).not.to.contain('Upsell analytics');
    const goal = card(el, 'Fewer support tickets')!;
    expect(textOf(goal)).to.contain('80 tickets, target 40 tickets (50%)');
    expect(deep<HTMLProgressElement>(goal, 'progress')!.value).to.equal(0.5);
    expect(textOf(card(el, 'Executive sponsor named')!)).to.contain('At risk');

    deepAll<HTMLButtonElement>(goal, 'button').find((b) => b.textContent!.includes('Details and progress'))!.click();
    const chart = await until(() => deep(el, '[part=goal-chart] svg[role=img]'), 'the chart', STEP);
    expect(chart.getAttribute('aria-label')).to.contain('from 120 tickets to 80 tickets in 2 updates');
    const rows = deepAll(el, '[part=goal-history] tbody tr');
    expect(rows).to.have.length(2);
    expect(textOf(rows[0]!)).to.contain('Macros for the top questions');
    expect(textOf(rows[1]!)).to.contain('Help centre live');
    await expect(deep(el, 'cp-goals')).to.be.accessible();

    // The contact owns this goal: it records progress, and the card follows.
    const form = deep<HTMLFormElement>(el, '[part=goal-progress-form]')!;
    deep<HTMLInputElement>(form, 'input[name=value]')!.value = '60';
    deep<HTMLTextAreaElement>(form, 'textarea[name=note]')!.value = 'Chatbot answers the easy ones';
    deep<HTMLButtonElement>(form, 'button[type=submit]')!.click();
    await until(() => textOf(card(el, 'Fewer support tickets')!).includes('60 tickets, target 40 tickets (75%)'), 'the new value', STEP);
    await until(() => deepAll(el, '[part=goal-history] tbody tr').length === 3, 'the history with the update', STEP);
    const history = await call<{ data: { value: number; author: { id: string } }[] }>('GET', `/v1/goals/${tickets}/updates`);
    expect(history.data.at(-1)).to.include({ value: 60 });
    expect(history.data.at(-1)!.author.id).to.equal(s.contact.userId);

    // The team records progress meanwhile: the open view follows, live.
    await call('POST', `/v1/goals/${tickets}/updates`, { value: 50, note: 'Chat handles password resets' }, s.staff.token);
    await until(() => textOf(card(el, 'Fewer support tickets')!).includes('50 tickets, target 40 tickets (88%)'), 'the live update', STEP);
    await until(() => deepAll(el, '[part=goal-history] tbody tr').length === 4, 'the history, live', STEP);

    // Not an owner of the other goal: no form there.
    const sponsor = card(el, 'Executive sponsor named')!;
    deepAll<HTMLButtonElement>(sponsor, 'button').find((b) => b.textContent!.includes('Details and progress'))!.click();
    await until(() => textOf(card(el, 'Executive sponsor named')!).includes('No progress recorded yet.'), 'its empty history', STEP);
    expect(deep(card(el, 'Executive sponsor named')!, '[part=goal-progress-form]')).to.equal(null);
  });

  it('lets staff add a goal with a metric and owners, change its status and delete it', async () => {
    const el = await mountPortal({ token: s.staff.token, view: 'goals', customer: s.customerId });
    await until(() => cards(el).length === 3, 'every goal, the internal one badged', STEP);
    expect(deep(card(el, 'Upsell analytics')!, '[part~=internal-badge]')).to.exist;
    deepAll<HTMLButtonElement>(el, 'cp-goals >>> button').find((b) => b.textContent === 'Add a goal')!.click();
    const form = await until(() => deep<HTMLFormElement>(el, '[part=goal-form]'), 'the form', STEP);
    deep<HTMLInputElement>(form, 'input[name=title]')!.value = 'Weekly active users';
    const measured = deepAll<HTMLInputElement>(form, 'input[type=checkbox]').find((i) => !i.name)!;
    measured.click();
    await settle(el);
    deep<HTMLInputElement>(form, 'input[name=unit]')!.value = '%';
    deep<HTMLInputElement>(form, 'input[name=start]')!.value = '10';
    deep<HTMLInputElement>(form, 'input[name=target]')!.value = '60';
    const owner = await until(() => deep<HTMLInputElement>(form, `input[name=owner][value=${s.contact.userId}]`), 'the owners to pick from', STEP);
    owner.click();
    await expect(deep(el, 'cp-goal-form')).to.be.accessible();
    deep<HTMLButtonElement>(form, 'button[type=submit]')!.click();
    await until(() => card(el, 'Weekly active users'), 'the new goal', STEP);
    const created = (await call<{ data: { id: string; title: string; metric: unknown; owner_ids: string[] }[] }>('GET', `/v1/goals?customer_id=${s.customerId}`)).data.find((g) => g.title === 'Weekly active users')!;
    expect(created.metric).to.deep.equal({ unit: '%', start: 10, target: 60 });
    expect(created.owner_ids).to.deep.equal([s.contact.userId]);

    deepAll<HTMLButtonElement>(card(el, 'Weekly active users')!, 'button').find((b) => b.textContent!.trim() === 'Change')!.click();
    const edit = await until(() => deep<HTMLFormElement>(el, '[part=goal-form]'), 'the change form', STEP);
    deep<HTMLSelectElement>(edit, 'select[name=status]')!.value = 'off_track';
    deep<HTMLButtonElement>(edit, 'button[type=submit]')!.click();
    await until(() => !deep(el, '[part=goal-form]') && textOf(card(el, 'Weekly active users') ?? document.createElement('p')).includes('Off track'), 'the status', STEP);

    const del = () => deepAll<HTMLButtonElement>(card(el, 'Weekly active users')!, 'button').find((b) => /delete/i.test(b.textContent!))!;
    del().click();
    await settle(el);
    del().click();
    await until(() => !card(el, 'Weekly active users'), 'the goal gone', STEP);
    await expect(deep(el, 'cp-goals')).to.be.accessible();
  });

  it('reads at 360 px, shows on the dashboard, and is not offered without goals.view', async () => {
    await setViewport({ width: 360, height: 640 });
    const el = await mountPortal({ token: s.contact.token, view: 'goals' });
    await until(() => cards(el).length >= 2, 'the goals', STEP);
    const view = deep(el, 'cp-goals')!;
    expect(view.scrollWidth).to.be.at.most(view.clientWidth + 1);
    await expect(view).to.be.accessible();

    const dash = await mountPortal({ token: s.contact.token, view: 'dashboard' });
    const summary = await until(() => deep(dash, '[part=goals-summary]'), 'the goals summary', STEP);
    expect(textOf(summary)).to.contain('at risk');

    await call('PATCH', `/v1/users/${s.colleague.userId}`, { capability_overrides: { 'goals.view': false } });
    const limited = await mountPortal({ token: s.colleague.token });
    await until(() => deep(limited, '#tab-dashboard'), 'the tabs', STEP);
    expect(deep(limited, '#tab-goals')).to.equal(null);
  });

  it('reads well in French', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'goals', locale: 'fr' });
    await until(() => deep(el, 'cp-goals >>> h2')?.textContent === 'Objectifs', 'the French title', STEP);
    await until(() => textOf(card(el, 'Executive sponsor named') ?? el).includes('En danger'), 'the French status', STEP);
  });
});
