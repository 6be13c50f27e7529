import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountPortal, scenario, select, textOf, until } from '../../test/portal.js';

describe('cp-settings', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  it('saves notification choices, per kind and channel', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'settings' });
    // Settings is a chunk of its own: it is on screen once that has arrived.
    await until(() => deep(el, 'input[aria-label="New comments: By email"]'), 'the notification choices');
    const box = deep<HTMLInputElement>(el, 'input[aria-label="New comments: By email"]')!;
    expect(box.checked).to.equal(true);
    box.click();
    await until(async () => (await call('GET', '/v1/me', undefined, s.contact.token)).user.preferences.notifications.comment.email === false, 'the saved choice');
    // Assigned, comments, due dates, mentions, messages, approvals, goal progress, requests (customer activity is the team's).
    expect(deepAll(el, 'tbody tr')).to.have.length(8);
    await expect(deep(el, 'cp-settings')).to.be.accessible();
  });

  it('switches theme, language and date format at once, and remembers them', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'settings' });
    await until(() => deepAll<HTMLLabelElement>(el, 'label.inline').some((l) => l.textContent!.includes('Dark')), 'the theme choices');
    deepAll<HTMLLabelElement>(el, 'label.inline').find((l) => l.textContent!.includes('Dark'))!.querySelector('input')!.click();
    await until(() => el.getAttribute('scheme') === 'dark', 'dark');
    await select(el, 'cp-settings >>> select', 'fr');
    await until(() => textOf(el).includes('Réglages'), 'French');
    const formats = deepAll<HTMLSelectElement>(el, 'cp-settings >>> select')[1]!;
    formats.value = 'DD/MM/YYYY';
    formats.dispatchEvent(new Event('change'));
    await until(async () => (await call('GET', '/v1/me', undefined, s.contact.token)).user.preferences.date_format === 'DD/MM/YYYY', 'the format');
    const me = (await call('GET', '/v1/me', undefined, s.contact.token)).user.preferences;
    expect([me.theme, me.locale]).to.deep.equal(['dark', 'fr']);
    await call('PATCH', '/v1/me/preferences', { theme: 'auto', locale: 'en', date_format: 'auto' }, s.contact.token);
  });
});
