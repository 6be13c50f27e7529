import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, mountPortal, scenario, settle, textOf, until } from '../../test/portal.js';

describe('cp-welcome', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
    // The customer's own welcome page (the tenant is shared with other tests).
    await call('POST', '/v1/pages', { customer_id: s.customerId, title: 'Welcome to your portal', body: 'Everything about your **onboarding**, in one place.', welcome: true });
  });

  const open = (el: Element, part: string) => deep<HTMLDialogElement>(el, `dialog[part=${part}][open]`);
  const button = (dialog: Element, text: string) => [...dialog.querySelectorAll('button')].find((b) => b.textContent!.trim() === text);

  it('greets a contact’s first visit and starts the tour from there, without greeting twice', async () => {
    localStorage.clear();
    const el = await mountPortal({ token: s.contact.token, 'no-tour': false });
    const dialog = await until(() => open(el, 'welcome'), 'the welcome page');
    expect(textOf(dialog)).to.contain('Welcome to your portal');
    expect(deep(dialog, 'cp-page-body >>> strong')!.textContent).to.equal('onboarding');
    // The tour waits for it, and is offered in it.
    expect(open(el, 'tour')).to.equal(null);
    expect(button(dialog, 'Get started')).to.equal(undefined);
    await expect(deep(el, 'cp-welcome')).to.be.accessible();
    button(dialog, 'Show me around')!.click();
    const tour = await until(() => open(el, 'tour'), 'the tour after it');
    // Its first step is the first view: the tour's own greeting would be a second welcome.
    expect(textOf(tour)).to.contain('Step 1 of 5');
    expect(textOf(tour)).not.to.contain('Welcome to');
    expect(deep(tour, 'h2')!.textContent).to.equal('Dashboard');

    // The next visit: not the welcome page again; the tour, left unfinished, comes back alone.
    const again = await mountPortal({ token: s.contact.token, 'no-tour': false });
    await until(() => open(again, 'tour'), 'the unfinished tour');
    expect(open(again, 'welcome')).to.equal(null);
  });

  it('skips the tour for good when the person skips it on the welcome page', async () => {
    localStorage.clear();
    const el = await mountPortal({ token: s.contact.token, 'no-tour': false });
    const dialog = await until(() => open(el, 'welcome'), 'the welcome page');
    button(dialog, 'Skip the tour')!.click();
    await until(() => !dialog.open, 'closed');
    await settle(el);
    expect(open(el, 'tour')).to.equal(null);
    expect(localStorage.getItem(`cp-tour:${s.contact.userId}`)).to.equal('done');
    const again = await mountPortal({ token: s.contact.token, 'no-tour': false });
    await settle(again);
    expect(open(again, 'tour') ?? open(again, 'welcome')).to.equal(null);
  });

  it('offers no tour once the tour was done: the page just opens the portal', async () => {
    localStorage.clear();
    localStorage.setItem(`cp-tour:${s.contact.userId}`, 'done');
    const el = await mountPortal({ token: s.contact.token, 'no-tour': false });
    const dialog = await until(() => open(el, 'welcome'), 'the welcome page');
    expect(button(dialog, 'Show me around')).to.equal(undefined);
    button(dialog, 'Get started')!.click();
    await until(() => !dialog.open, 'closed');
    await settle(el);
    expect(open(el, 'tour')).to.equal(null);
  });

  it('leaves the tour alone when there is no welcome page, and never greets staff', async () => {
    localStorage.clear();
    const other = await scenario();
    const el = await mountPortal({ token: other.contact.token, 'no-tour': false });
    await until(() => deep<HTMLDialogElement>(el, '[part=tour]')?.open, 'the tour');
    expect(deep(el, '[part=welcome]')).to.equal(null);
    localStorage.clear();
    const staff = await mountPortal({ token: s.staff.token, customer: s.customerId, 'no-tour': false });
    await until(() => deep<HTMLDialogElement>(staff, '[part=tour]')?.open, 'the staff tour');
    expect(deep(staff, '[part=welcome]')).to.equal(null);
  });
});
