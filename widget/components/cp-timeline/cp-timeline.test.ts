import { expect } from '@open-wc/testing';
import { executeServerCommand, sendMouse, setViewport } from '@web/test-runner-commands';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountPortal, scenario, textOf, until } from '../../test/portal.js';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('cp-timeline', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
    const goLive = await call<{ id: string }>('POST', '/v1/milestones', { project_id: s.projects.onboarding, name: 'Go-live', due_date: day(12) });
    await call('PATCH', `/v1/tasks/${s.tasks.sso}`, { start_date: day(-2), milestone_id: goLive.id });
  });
  afterEach(() => setViewport({ width: 1024, height: 768 }));

  const bars = (el: HTMLElement) => deepAll<HTMLButtonElement>(el, '[part=timeline-bar]');

  it('draws the project’s tasks as bars, its milestones and today, zooms, and opens a task', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'timeline', theme: 'dark' });
    await until(() => bars(el).length === 4 && bars(el), 'the four portal tasks of Onboarding');
    const labels = bars(el).map((b) => b.getAttribute('aria-label')!);
    expect(labels.some((l) => l.startsWith('Configure single sign-on'))).to.equal(true);
    expect(labels.join()).not.to.contain('Check adoption risk');
    await until(() => textOf(deep(el, '[part=timeline-milestone]') ?? el).includes('Go-live') && deep(el, '[part=timeline-milestone]'), 'the milestone');
    expect(deep(el, 'cp-timeline')!.shadowRoot!.querySelector('.today')).to.exist;
    // Contacts do not move dates here.
    expect(bars(el)[0]!.hasAttribute('aria-keyshortcuts')).to.equal(false);

    const sso = bars(el).find((b) => b.getAttribute('aria-label')!.startsWith('Configure single sign-on'))!;
    const monthWidth = sso.getBoundingClientRect().width;
    deepAll<HTMLButtonElement>(el, '[role=group] button').find((b) => b.textContent === 'Week')!.click();
    await until(() => bars(el).find((b) => b.getAttribute('aria-label')!.startsWith('Configure'))!.getBoundingClientRect().width > monthWidth * 2, 'the week zoom');
    await expect(deep(el, 'cp-timeline')).to.be.accessible();
    bars(el)[0]!.click();
    await until(() => deep(el, '[part=task-detail]'), 'the task');
  });

  it('lets staff move a task with the arrow keys, both dates together', async () => {
    const el = await mountPortal({ token: s.staff.token, view: 'timeline' });
    const find = () => bars(el).find((b) => b.getAttribute('aria-label')!.startsWith('Configure single sign-on'));
    const bar = await until(find, 'the SSO bar');
    bar.focus();
    bar.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await until(async () => {
      const task = await call<{ start_date: string; due_date: string }>('GET', `/v1/tasks/${s.tasks.sso}`);
      return task.start_date === day(-1) && task.due_date === day(4);
    }, 'the task moved a day');
    await expect(deep(el, 'cp-timeline')).to.be.accessible();
  });

  it('lets staff drag a bar to move a task by whole days', async () => {
    await executeServerCommand('front');
    const el = await mountPortal({ token: s.staff.token, view: 'timeline' });
    const find = () => bars(el).find((b) => b.getAttribute('aria-label')!.startsWith('Import your users'));
    const bar = await until(find, 'the import bar');
    bar.scrollIntoView({ block: 'center', inline: 'center' });
    const box = bar.getBoundingClientRect();
    const y = Math.round(box.top + box.height / 2);
    const x = Math.round(box.left + 6);
    // Month zoom: 12 px a day, so 36 px is three days later.
    await sendMouse({ type: 'move', position: [x, y] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [x + 18, y] });
    await sendMouse({ type: 'move', position: [x + 36, y] });
    await sendMouse({ type: 'up' });
    await until(async () => (await call<{ due_date: string }>('GET', `/v1/tasks/${s.tasks.importUsers}`)).due_date === day(13), 'the task three days later');
    // A drag is not a click: no task opened.
    expect(deep(el, '[part=task-detail]')).to.equal(null);
  });

  it('is a list on a phone', async () => {
    await setViewport({ width: 360, height: 640 });
    const el = await mountPortal({ token: s.contact.token, view: 'timeline' });
    const list = await until(() => deep(el, '.list[part=timeline-chart]'), 'the list');
    await until(() => textOf(list).includes('Configure single sign-on'), 'its tasks');
    await until(() => textOf(list).includes('Go-live'), 'its milestone');
    expect(bars(el)).to.have.length(0);
    await expect(deep(el, 'cp-timeline')).to.be.accessible();
  });
});
