import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, mountPortal, scenario, select, settle, textOf, until } from '../../test/portal.js';

describe('cp-new-task', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  it('lets a contact create a task, which then opens', async () => {
    const el = await mountPortal({ token: s.contact.token });
    deep<HTMLButtonElement>(el, '[part=new-task-button]')!.click();
    const dialog = await until(() => deep<HTMLDialogElement>(el, 'dialog[part=new-task][open]'), 'the dialog (a chunk of its own)');
    await expect(dialog).to.be.accessible();
    deep<HTMLInputElement>(dialog, 'input[name=title]')!.focus();
    await sendKeys({ type: 'Add our second office' });
    await select(dialog, 'select[name=project]', s.projects.onboarding);
    await select(dialog, 'select[name=priority]', 'high');
    // A contact assigns it as they create it: the picker opens, a tick, Escape closes only the list.
    deep<HTMLElement>(dialog, '[part=assignees] summary')!.click();
    await settle(el);
    const luis = [...deep(dialog, '[part=assignees]')!.querySelectorAll('label')].find((l) => l.textContent!.includes('Luis Moreno'))!;
    luis.querySelector('input')!.click();
    await settle(el);
    luis.querySelector('input')!.focus();
    await sendKeys({ press: 'Escape' });
    await settle(el);
    expect((deep(dialog, '[part=assignees]') as HTMLDetailsElement).open).to.equal(false);
    expect(dialog.open).to.equal(true);
    expect(textOf(deep(dialog, '[part=assignees] summary')!)).to.contain('Luis Moreno');
    deep<HTMLButtonElement>(dialog, 'button[type=submit]')!.click();
    await until(() => !dialog.open, 'the dialog closes');
    await until(() => deep(el, '[part=task-detail]') && textOf(deep(el, 'cp-task-detail')!).includes('Add our second office'), 'the new task');
    const created = (await call('GET', `/v1/tasks?customer_id=${s.customerId}&q=second%20office`)).data[0];
    expect(created).to.include({ project_id: s.projects.onboarding, priority: 'high', visibility: 'portal', created_by: s.contact.userId });
    expect(created.assignee_ids).to.deep.equal([s.colleague.userId]);
    expect(deep(el, '[role=tab][aria-selected=true]')!.id).to.equal('tab-tasks');
  });

  it('keeps what was typed when the title is missing', async () => {
    const el = await mountPortal({ token: s.contact.token });
    deep<HTMLButtonElement>(el, '[part=new-task-button]')!.click();
    const dialog = await until(() => deep<HTMLDialogElement>(el, 'dialog[part=new-task][open]'), 'the dialog');
    deep<HTMLTextAreaElement>(dialog, 'textarea[name=description]')!.value = 'Details';
    deep<HTMLButtonElement>(dialog, 'button[type=submit]')!.click();
    await settle(el);
    expect(dialog.open).to.equal(true);
    expect(deep<HTMLInputElement>(dialog, 'input[name=title]')!.validity.valueMissing).to.equal(true);
  });
});
