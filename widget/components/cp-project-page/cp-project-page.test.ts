import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { deep, deepAll, mountPortal, scenario, spy, textOf, until } from '../../test/portal.js';

describe('cp-project-page', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  const open = async (el: HTMLElement, name: string) => {
    await until(() => deepAll<HTMLButtonElement>(el, '[part=project-card] h3 button').find((b) => b.textContent === name), `the card of ${name}`);
    deepAll<HTMLButtonElement>(el, '[part=project-card] h3 button').find((b) => b.textContent === name)!.click();
    return until(() => deep(el, '[part=project-page]'), 'the project page');
  };

  it('opens from a project card: its progress, next steps, every task and the people on it', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'projects' });
    const navigations = spy<{ view: string; project: string | null }>(el, 'cp-navigate');
    const page = await open(el, 'Onboarding');
    expect(navigations.at(-1)!.detail).to.include({ view: 'projects', project: s.projects.onboarding });
    const text = textOf(page);
    expect(text).to.contain('From signature to go-live.');
    expect(text).to.contain('1 of 4 tasks done');
    const next = deepAll(deep(page, '[part=next-steps]')!, '[part=task-row]').map((r) => textOf(r));
    expect(next[0]).to.contain('Sign the data processing agreement');
    expect(next).to.have.length(3);
    expect(text).to.contain('Kick-off call');
    expect(text).to.not.contain('Check adoption risk');
    expect(textOf(deep(page, '[part=project-members]')!)).to.contain('Luis Moreno');
    await expect(deep(el, 'cp-project-page')).to.be.accessible();
  });

  it('opens a task from its whole list, and goes back to all projects', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'projects' });
    const page = await open(el, 'Onboarding');
    deepAll<HTMLButtonElement>(page, '[part=task-row] button').find((b) => b.textContent === 'Import your users')!.click();
    await until(() => textOf(deep(el, '[part=task-detail]') ?? el).includes('Import your users') && deep(el, '[part=task-detail]'), 'the task');
    deepAll<HTMLButtonElement>(page, 'button').find((b) => b.textContent!.includes('All projects'))!.click();
    await until(() => !deep(el, '[part=project-page]') && deep(el, 'cp-projects'), 'the projects again');
  });

  it('shows staff who the project is for', async () => {
    const el = await mountPortal({ token: s.staff.token, view: 'projects' });
    const page = await open(el, 'Onboarding');
    await until(() => textOf(deep(page, '[part=project-members]')!).includes(`Every contact of Acme ${s.tag}`), 'who it is for');
  });
});
