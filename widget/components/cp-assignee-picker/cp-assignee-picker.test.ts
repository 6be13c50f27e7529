import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, mountPortal, scenario, settle, until } from '../../test/portal.js';

describe('cp-assignee-picker', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  it('is used with the keyboard alone, and unassigns as well as assigns', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'tasks', task: s.tasks.dpa });
    const summary = await until(() => deep<HTMLElement>(el, '[part=assignees] summary'), 'the picker');
    await expect(deep(el, 'cp-assignee-picker')).to.be.accessible();
    summary.focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(deep<HTMLDetailsElement>(el, '[part=assignees]')!.open).to.equal(true);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await until(async () => !(await call('GET', `/v1/tasks/${s.tasks.dpa}`)).assignee_ids.includes(s.contact.userId), 'Ana unassigned');
  });
});
