import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountPortal, scenario, settle, textOf, until } from '../../test/portal.js';

const count = (el: Element, label: string) =>
  deepAll(el, '[part=counts] button')
    .find((b) => b.textContent!.includes(label))!
    .querySelector('strong')!.textContent;

describe('cp-dashboard', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  it('counts the tasks by status, overdue included, and lists each status', async () => {
    const el = await mountPortal({ token: s.contact.token });
    expect([count(el, 'To do'), count(el, 'In progress'), count(el, 'Blocked'), count(el, 'Done'), count(el, 'Overdue')]).to.deep.equal(['3', '1', '1', '1', '1']);
    deepAll<HTMLButtonElement>(el, '[part=counts] button').find((b) => b.textContent!.includes('Blocked'))!.click();
    await settle(el);
    const list = deep(el, '[role=list][aria-label=Blocked]')!;
    expect(textOf(list)).to.contain('Import your users');
    await expect(deep(el, 'cp-dashboard')).to.be.accessible();
  });

  it('shows what is due for the user first, overdue ones marked, and their active projects with progress', async () => {
    const el = await mountPortal({ token: s.contact.token });
    const upcoming = deepAll(deep(el, '[role=list][aria-label="Upcoming for you"]')!, '[part=task-row]');
    expect(upcoming.map((row) => row.querySelector('button')!.textContent)).to.deep.equal(['Sign the data processing agreement', 'Configure single sign-on']);
    expect(textOf(upcoming[0]!)).to.contain('Overdue');
    expect(textOf(upcoming[1]!)).not.to.contain('Overdue');
    const cards = deepAll(el, '[part=project-card]');
    expect(cards.map((c) => c.querySelector('h3')!.textContent)).to.deep.equal(['Onboarding']);
    const progress = deep<HTMLProgressElement>(cards[0]!, 'progress')!;
    expect([progress.value, progress.max]).to.deep.equal([1, 4]);
  });

  it('starts unfiltered: every open task, no counter pressed; a second press widens it again', async () => {
    const el = await mountPortal({ token: s.contact.token });
    expect(deepAll(el, '[part=counts] button[aria-pressed=true]')).to.have.length(0);
    const open = () => deepAll(deep(el, '[role=list][aria-label="Open tasks"]')!, '[part=task-row] .open').map((b) => b.textContent);
    expect(open()).to.have.length(5);
    expect(open()).to.not.include('Kick-off call');
    const blocked = deepAll<HTMLButtonElement>(el, '[part=counts] button').find((b) => b.textContent!.includes('Blocked'))!;
    blocked.click();
    await settle(el);
    expect(blocked.getAttribute('aria-pressed')).to.equal('true');
    blocked.click();
    await settle(el);
    expect(open()).to.have.length(5);
  });

  it('opens a task from anywhere on its row, not only its title', async () => {
    const el = await mountPortal({ token: s.contact.token });
    const row = deepAll(el, '[part=task-row]').find((r) => textOf(r).includes('Configure single sign-on'))!;
    row.querySelector<HTMLElement>('.meta')!.click();
    await until(() => deep(el, '[part=task-detail]'), 'the task');
  });

  it('moves when a task changes through the API, without a reload', async () => {
    const el = await mountPortal({ token: s.contact.token });
    await call('PATCH', `/v1/tasks/${s.tasks.importUsers}`, { status: 'in_progress' });
    await until(() => count(el, 'Blocked') === '0' && count(el, 'In progress') === '2', 'the live change');
    await call('PATCH', `/v1/tasks/${s.tasks.importUsers}`, { status: 'blocked' });
  });

  it('has an empty state for a customer with nothing yet', async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const issued = await call('POST', '/v1/embed-tokens', { user: { external_id: `new-${tag}`, name: 'Nina New', role: 'contact' }, customer: { external_id: `new-${tag}`, name: 'Newco' } });
    const el = await mountPortal({ token: issued.token });
    expect(textOf(el)).to.contain('No tasks yet');
    await expect(el).to.be.accessible();
  });
});
