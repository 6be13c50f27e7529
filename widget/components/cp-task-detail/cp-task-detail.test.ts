import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountPortal, scenario, select, settle, spy, textOf, until } from '../../test/portal.js';

describe('cp-task-detail', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  const open = (task: string) => mountPortal({ token: s.contact.token, view: 'tasks', task });

  it('shows the task: title, Markdown description, status, priority, dates, assignees and comments', async () => {
    const el = await open(s.tasks.sso);
    const panel = await until(() => deep(el, '[part=task-detail]'), 'the panel');
    await until(() => textOf(panel).includes('We use Okta'), 'the comments');
    expect(deep(panel, 'h2')!.textContent).to.equal('Configure single sign-on');
    expect(deep(panel, 'cp-markdown >>> strong')!.textContent).to.equal('SAML metadata');
    expect(deep<HTMLSelectElement>(panel, 'select[aria-label=Status]')!.value).to.equal('in_progress');
    expect(textOf(panel)).to.contain('High');
    expect(deep<HTMLInputElement>(panel, 'input[type=date]')!.value).to.match(/^\d{4}-\d{2}-\d{2}$/);
    expect(textOf(panel)).to.contain('Created');
    expect(textOf(deep(panel, '[part=assignees]')!)).to.contain('Ana Silva');
    await expect(deep(el, 'cp-task-detail')).to.be.accessible();
  });

  it('changes the status at once, keeps it once the service agrees, and tells the host', async () => {
    const el = await open(s.tasks.train);
    const changes = spy<{ task: { status: string }; source: string }>(el, 'cp-task-change');
    await until(() => deep(el, 'select[aria-label=Status]'), 'the status');
    await select(el, 'select[aria-label=Status]', 'in_progress');
    expect(deep<HTMLSelectElement>(el, 'select[aria-label=Status]')!.value).to.equal('in_progress');
    await until(() => changes.some((c) => c.detail.source === 'user'), 'the confirmation');
    expect((await call('GET', `/v1/tasks/${s.tasks.train}`)).status).to.equal('in_progress');
  });

  it('rolls a refused change back, with a message', async () => {
    const el = await open(s.tasks.train);
    await until(() => deep(el, '[part=assignees]'), 'the assignees');
    // Luis leaves meanwhile: the widget still offers him, the service refuses.
    await call('PATCH', `/v1/users/${s.colleague.userId}`, { portal_access: 'deactivated' });
    try {
      deep<HTMLElement>(el, '[part=assignees] summary')!.click();
      await settle(el);
      const luis = deepAll<HTMLLabelElement>(el, '[part=assignees] label').find((l) => l.textContent!.includes('Luis Moreno'))!.querySelector('input')!;
      luis.click();
      await until(() => deep(el, '.notice[role=alert]'), 'the message');
      expect(textOf(deep(el, '.notice[role=alert]')!)).to.contain('Your change was not saved.');
      await until(() => !textOf(deep(el, '[part=assignees] summary')!).includes('Luis'), 'the rollback');
    } finally {
      await call('PATCH', `/v1/users/${s.colleague.userId}`, { portal_access: 'active' });
    }
  });

  it('edits the title and the description in place', async () => {
    const el = await open(s.tasks.loose);
    await until(() => deep(el, 'button[aria-label="Edit Title"]'), 'the title');
    deep<HTMLButtonElement>(el, 'button[aria-label="Edit Title"]')!.click();
    await settle(el);
    const input = deep<HTMLInputElement>(el, '[part=editor] input')!;
    input.select();
    await sendKeys({ type: 'Send us your logo (SVG)' });
    await sendKeys({ press: 'Enter' });
    await until(async () => (await call('GET', `/v1/tasks/${s.tasks.loose}`)).title === 'Send us your logo (SVG)', 'the saved title');
    expect(deep(el, '[part=task-detail] >>> h2')!.textContent).to.equal('Send us your logo (SVG)');

    deep<HTMLButtonElement>(el, 'button[aria-label="Edit Description"]')!.click();
    await settle(el);
    deep<HTMLTextAreaElement>(el, '[part=editor] textarea')!.focus();
    await sendKeys({ type: 'A **vector** file, please.' });
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    await until(() => deep(el, '[part=task-detail] >>> cp-markdown >>> strong')?.textContent === 'vector', 'the rendered description');
  });

  it('assigns someone of the customer or of the vendor team', async () => {
    const el = await open(s.tasks.loose);
    await until(() => deep(el, '[part=assignees]'), 'the picker');
    deep<HTMLElement>(el, '[part=assignees] summary')!.click();
    await settle(el);
    const legends = deepAll(el, '[part=assignees] legend').map((l) => l.textContent);
    expect(legends).to.deep.equal(['Your team', 'Northwind Software']);
    deepAll<HTMLLabelElement>(el, '[part=assignees] label').find((l) => l.textContent!.trim() === s.staff.name)!.querySelector('input')!.click();
    await until(async () => (await call('GET', `/v1/tasks/${s.tasks.loose}`)).assignee_ids.includes(s.staff.userId), 'the assignment');
  });

  it('closes with Escape or its button, and says when a task cannot be seen', async () => {
    const el = await open(s.tasks.internal);
    await until(() => deep(el, '[part=task-detail] [role=alert]'), 'the message');
    expect(textOf(deep(el, '[part=task-detail]')!)).to.contain('no longer exists or is not visible');
    deep<HTMLButtonElement>(el, '[part=task-detail] .close')!.click();
    await settle(el);
    expect(deep(el, '[part=task-detail]')).to.equal(null);
  });
});
