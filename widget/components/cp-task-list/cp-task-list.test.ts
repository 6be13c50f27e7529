import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountPortal, scenario, settle, textOf, until } from '../../test/portal.js';

const titles = (el: Element) => deepAll(el, '[part=task-row] button').map((b) => b.textContent);
const groups = (el: Element) => deepAll(el, '[part=group] h3').map((h) => textOf(h));

async function choose(el: Element, filter: string, value: string) {
  const select = deep<HTMLSelectElement>(el, `[part=filters] select[name=${filter}]`)!;
  select.value = value;
  select.dispatchEvent(new Event('change'));
  await settle(el);
}

describe('cp-task-list', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  it('lists every portal task, grouped by project, undated last', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'tasks' });
    expect(groups(el).map((g) => g.split(' ')[0])).to.deep.equal(['Onboarding', 'Phase', 'Without']);
    expect(titles(el)).to.have.length(6);
    expect(titles(el)).not.to.include('Check adoption risk before the QBR');
    expect(textOf(deep(el, '[role=status].count')!)).to.equal('6 of 6 tasks');
    // Counts follow the language's plural rules: one task is "1 task".
    expect(groups(el)).to.deep.equal(['Onboarding Active 4 tasks', 'Phase two On hold 1 task', 'Without a project 1 task']);
    await expect(deep(el, 'cp-task-list')).to.be.accessible();
  });

  it('says counts by the plural rules of French too', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'tasks', locale: 'fr' });
    await until(() => groups(el)[0]?.startsWith('Onboarding En cours'), 'French');
    expect(groups(el)).to.deep.equal(['Onboarding En cours 4 tâches', 'Phase two En pause 1 tâche', 'Sans projet 1 tâche']);
  });

  it('filters by task status, priority, project, project status, assignee and keywords', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'tasks' });
    await choose(el, 'status', 'blocked');
    expect(titles(el)).to.deep.equal(['Import your users']);
    await choose(el, 'status', '');
    await choose(el, 'priority', 'urgent');
    expect(titles(el)).to.deep.equal(['Sign the data processing agreement']);
    await choose(el, 'priority', '');
    await choose(el, 'projectStatus', 'on_hold');
    expect(titles(el)).to.deep.equal(['Train the admins']);
    await choose(el, 'projectStatus', '');
    await choose(el, 'projectId', s.projects.onboarding);
    await choose(el, 'assigneeId', 'me');
    expect(titles(el)).to.have.members(['Configure single sign-on', 'Sign the data processing agreement', 'Kick-off call']);
    await choose(el, 'assigneeId', s.colleague.userId);
    expect(titles(el)).to.have.members(['Sign the data processing agreement', 'Import your users']);
    await choose(el, 'assigneeId', '');
    await choose(el, 'projectId', '');

    deep<HTMLInputElement>(el, '[part=filters] input[type=search]')!.focus();
    await sendKeys({ type: 'saml metadata' });
    await until(() => titles(el).length === 1, 'the search');
    expect(titles(el)).to.deep.equal(['Configure single sign-on']);
  });

  it('keeps its filters across view switches', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'tasks' });
    await choose(el, 'status', 'todo');
    const shown = titles(el);
    deep<HTMLButtonElement>(el, '#tab-dashboard')!.click();
    await settle(el);
    deep<HTMLButtonElement>(el, '#tab-tasks')!.click();
    await settle(el);
    expect(titles(el)).to.deep.equal(shown);
    expect(deepAll<HTMLSelectElement>(el, '[part=filters] select').some((sel) => sel.value === 'todo')).to.equal(true);
  });

  it('says so when nothing matches, and clears the filters', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'tasks' });
    deep<HTMLInputElement>(el, '[part=filters] input[type=search]')!.focus();
    await sendKeys({ type: 'nothing-like-this' });
    await until(() => textOf(el).includes('No task matches these filters.'), 'the empty state');
    deepAll<HTMLButtonElement>(el, '[part=filters] button').find((b) => b.textContent!.includes('Clear filters'))!.click();
    await until(() => titles(el).length === 6, 'every task again');
  });

  it('shows an empty list as its empty state alone, without "0 of 0 tasks" above it', async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const issued = await call('POST', '/v1/embed-tokens', { user: { external_id: `empty-${tag}`, name: 'Nina New', role: 'contact' }, customer: { external_id: `empty-${tag}`, name: 'Newco' } });
    const el = await mountPortal({ token: issued.token, view: 'tasks' });
    await until(() => textOf(el).includes('No tasks yet.'), 'the empty state');
    expect(textOf(deep(el, 'cp-task-list')!)).not.to.match(/\d+ of \d+ task/);
    expect(deep(el, '[role=status].count')!.getBoundingClientRect().height).to.equal(0);
    await expect(deep(el, 'cp-task-list')).to.be.accessible();
  });

  it('opens a task by keyboard', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'tasks' });
    deepAll<HTMLButtonElement>(el, '[part=task-row] button').find((b) => b.textContent === 'Import your users')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => deep(el, '[part=task-detail]'), 'the task');
    expect(textOf(deep(el, 'cp-task-detail')!)).to.contain('Import your users');
  });
});
