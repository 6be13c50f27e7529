import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountPortal, scenario, textOf, until } from '../../test/portal.js';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('cp-milestones and cp-next-milestone', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
    const goLive = await call<{ id: string }>('POST', '/v1/milestones', { project_id: s.projects.onboarding, name: 'Go-live', due_date: day(12) });
    // The overdue agreement puts it at risk.
    await call('PATCH', `/v1/tasks/${s.tasks.dpa}`, { milestone_id: goLive.id });
    await call('PATCH', `/v1/tasks/${s.tasks.kickoff}`, { milestone_id: goLive.id });
    await call('POST', '/v1/milestones', { project_id: s.projects.onboarding, name: 'Renewal prep', due_date: day(5), visibility: 'internal' });
  });

  const openProject = async (el: HTMLElement, name: string) => {
    const button = await until(() => deepAll<HTMLButtonElement>(el, '[part=project-card] h3 button').find((b) => b.textContent === name), `the card of ${name}`);
    button.click();
    return until(() => deep(el, '[part=milestones]'), 'the milestones');
  };

  it('tells a contact of the next milestone on the dashboard, and opens its project', async () => {
    const el = await mountPortal({ token: s.contact.token });
    const line = await until(() => deep(el, '[part=next-milestone]'), 'the next milestone');
    const text = textOf(line);
    expect(text).to.contain('Next milestone:');
    expect(text).to.contain('Go-live');
    expect(text).to.contain('in 12 days');
    expect(text).to.contain('At risk');
    expect(text).not.to.contain('Renewal prep');
    await expect(deep(el, 'cp-next-milestone')).to.be.accessible();
    deep<HTMLButtonElement>(line, 'button')!.click();
    await until(() => deep(el, '[part=project-page]'), 'the project page');
  });

  it('lists the project’s milestones a contact may see, with their progress, and no staff tools', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'projects' });
    const section = await openProject(el, 'Onboarding');
    const rows = await until(() => (deepAll(section, '[part=milestone]').length ? deepAll(section, '[part=milestone]') : null), 'a milestone');
    expect(rows.map((r) => r.querySelector('strong')!.textContent)).to.deep.equal(['Go-live']);
    expect(textOf(rows[0]!)).to.contain('1 of 2 tasks done');
    expect(deepAll(section, 'button')).to.have.length(0);
    await expect(deep(el, 'cp-milestones')).to.be.accessible();
  });

  it('lets staff add, change and delete a milestone', async () => {
    const el = await mountPortal({ token: s.staff.token, view: 'projects' });
    const section = await openProject(el, 'Onboarding');
    await until(() => textOf(section).includes('Renewal prep'), 'the internal milestone', 20_000);
    deepAll<HTMLButtonElement>(section, 'button').find((b) => b.textContent!.includes('Add a milestone'))!.click();
    const form = await until(() => deep<HTMLFormElement>(section, '[part=milestone-form]'), 'the form', 20_000);
    deep<HTMLInputElement>(form, 'input[name=name]')!.value = 'Training done';
    deep<HTMLInputElement>(form, 'input[name=due]')!.value = day(20);
    await expect(deep(el, 'cp-milestones')).to.be.accessible();
    deep<HTMLButtonElement>(form, 'button[type=submit]')!.click();
    const row = await until(() => deepAll(section, '[part=milestone]').find((r) => textOf(r).includes('Training done')), 'the new milestone', 20_000);
    expect(textOf(row)).to.contain('Upcoming');
    expect(textOf(row)).to.contain('No tasks linked yet.');

    deepAll<HTMLButtonElement>(row, 'button').find((b) => b.textContent!.trim() === 'Change')!.click();
    const edit = await until(() => deep<HTMLFormElement>(section, '[part=milestone-form][aria-label="Change Training done"]'), 'the edit form', 20_000);
    deep<HTMLInputElement>(edit, 'input[name=name]')!.value = 'Admins trained';
    deep<HTMLButtonElement>(edit, 'button[type=submit]')!.click();
    const renamed = await until(() => deepAll(section, '[part=milestone]').find((r) => textOf(r).includes('Admins trained')), 'the renamed milestone', 20_000);

    const remove = () => deepAll<HTMLButtonElement>(renamed, 'button').find((b) => b.textContent!.includes('Delete') || b.textContent!.includes('Confirm'))!;
    remove().click();
    await until(() => remove().textContent!.includes('Confirm delete'), 'the confirmation', 20_000);
    remove().click();
    await until(() => !textOf(section).includes('Admins trained'), 'the milestone gone', 20_000);
  });
});
