import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountPortal, scenario, settle, textOf, until } from '../../test/portal.js';

describe('cp-projects', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  it('shows each active project with its status, progress and next due task; the others folded', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'projects' });
    const cards = deepAll(deep(el, 'cp-projects')!, '.grid:not(details .grid) > cp-project-card');
    expect(cards).to.have.length(1);
    const card = textOf(cards[0]!);
    expect(card).to.contain('Onboarding');
    expect(card).to.contain('Active');
    expect(card).to.contain('1 of 4 tasks done');
    expect(card).to.contain('Sign the data processing agreement');
    expect(textOf(deep(el, 'details summary')!)).to.equal('Other projects (1)');
    await expect(deep(el, 'cp-projects')).to.be.accessible();
  });

  it('opens the next due task', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'projects' });
    deepAll<HTMLButtonElement>(el, '[part=project-card] button').find((b) => b.textContent === 'Sign the data processing agreement')!.click();
    await until(() => deep(el, '[part=task-detail]'), 'the task');
  });

  it('scopes every view to one project with the project attribute', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'projects', project: s.projects.later });
    expect(deepAll(el, '[part=project-card] h3').map((h) => h.textContent)).to.deep.equal(['Phase two']);
    deep<HTMLButtonElement>(el, '#tab-tasks')!.click();
    await settle(el);
    expect(deepAll(el, '[part=task-row] button').map((b) => b.textContent)).to.deep.equal(['Train the admins']);
  });

  it('shows a project created through the API without a reload', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'projects' });
    await call('POST', '/v1/projects', { customer_id: s.customerId, name: 'Go-live', visibility: 'portal' });
    await until(() => textOf(el).includes('Go-live'), 'the new project');
  });
});
