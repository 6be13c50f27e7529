import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountPortal, scenario, settle, textOf, until } from '../../test/portal.js';

describe('cp-notifications', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  const bell = (el: Element) => deep<HTMLButtonElement>(el, '[part=bell]')!;

  it('counts what is unread, lists it, and opens the task of a notification', async () => {
    const el = await mountPortal({ token: s.contact.token });
    // What the service counts, not what the bell shows yet (its list may still be loading).
    const before = (await call('GET', '/v1/notifications', undefined, s.contact.token)).unread_count as number;
    await call('POST', `/v1/tasks/${s.tasks.importUsers}/comments`, { body: '@Ana Silva could you check the CSV?' }, s.staff.token);
    await until(() => Number(bell(el).textContent!.trim() || 0) === before + 1, 'the new notification');
    expect(bell(el).getAttribute('aria-label')).to.equal(`Notifications, ${before + 1} unread`);
    bell(el).click();
    await settle(el);
    const list = deep(el, '[part=notification-list]')!;
    expect(list.hidden).to.equal(false);
    const first = deepAll<HTMLButtonElement>(list, 'li button')[0]!;
    expect(textOf(first)).to.contain('Import your users');
    await expect(deep(el, 'cp-notifications')).to.be.accessible();
    first.click();
    // The task panel is a chunk of its own: on a busy machine its first fetch takes a while.
    await until(() => deep(el, '[part=task-detail]') && textOf(deep(el, 'cp-task-detail')!).includes('Import your users'), 'the task', 20_000);
    await until(() => Number(bell(el).textContent!.trim() || 0) === before, 'read');
  });

  it("says a notification's due date in the person's date format", async () => {
    await call('PATCH', '/v1/me/preferences', { date_format: 'DD/MM/YYYY' }, s.colleague.token);
    try {
      const el = await mountPortal({ token: s.colleague.token });
      await call('PATCH', `/v1/tasks/${s.tasks.train}`, { due_date: '2031-03-04', assignee_ids: [s.colleague.userId] }, s.staff.token);
      await until(() => textOf(deep(el, '[part=notification-list]') ?? el).includes('Train the admins') && deep(el, '[part=notification-list]'), 'the notification');
      bell(el).click();
      await settle(el);
      const item = deepAll(el, '[part=notification-list] li').find((li) => textOf(li).includes('Train the admins'))!;
      expect(textOf(item)).to.contain('Due 04/03/2031');
      expect(textOf(item)).to.not.contain('2031-03-04');
    } finally {
      await call('PATCH', '/v1/me/preferences', { date_format: 'auto' }, s.colleague.token);
    }
  });

  it('marks everything read, and closes with Escape back on the bell', async () => {
    const el = await mountPortal({ token: s.contact.token });
    const before = (await call('GET', '/v1/notifications', undefined, s.contact.token)).unread_count as number;
    await call('POST', `/v1/tasks/${s.tasks.dpa}/comments`, { body: '@Ana Silva reminder' }, s.staff.token);
    // The mention's own notification, not only what was unread before: it must not land after "Mark all as read".
    await until(() => Number(bell(el).textContent!.trim() || 0) === before + 1, 'the new unread one');
    bell(el).click();
    await settle(el);
    deepAll<HTMLButtonElement>(el, '[part=notification-list] button').find((b) => b.textContent!.includes('Mark all as read'))!.click();
    await until(() => bell(el).textContent!.trim() === '', 'none unread');
    expect((await call('GET', '/v1/notifications', undefined, s.contact.token)).unread_count).to.equal(0);
    await sendKeys({ press: 'Escape' });
    await settle(el);
    expect(deep(el, '[part=notification-list]')!.hidden).to.equal(true);
  });
});
