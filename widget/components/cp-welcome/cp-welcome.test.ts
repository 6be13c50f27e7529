import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, mountPortal, scenario, textOf, until } from '../../test/portal.js';

describe('cp-welcome', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
    // The customer's own welcome page (the tenant is shared with other tests).
    await call('POST', '/v1/pages', { customer_id: s.customerId, title: 'Welcome to your portal', body: 'Everything about your **onboarding**, in one place.', welcome: true });
  });

  it('greets a contact’s first visit before the tour, once', async () => {
    localStorage.clear();
    const el = await mountPortal({ token: s.contact.token, 'no-tour': false });
    const dialog = await until(() => {
      const shown = deep<HTMLDialogElement>(el, '[part=welcome]');
      return shown?.open ? shown : null;
    }, 'the welcome page');
    expect(textOf(dialog)).to.contain('Welcome to your portal');
    expect(deep(dialog, 'cp-page-body >>> strong')!.textContent).to.equal('onboarding');
    // The tour waits for it.
    expect(deep<HTMLDialogElement>(el, '[part=tour]')?.open ?? false).to.equal(false);
    await expect(deep(el, 'cp-welcome')).to.be.accessible();
    deep<HTMLButtonElement>(dialog, 'button.primary')!.click();
    await until(() => deep<HTMLDialogElement>(el, '[part=tour]')?.open, 'the tour after it');

    // The next visit: neither the welcome page again, nor (once finished) the tour.
    const again = await mountPortal({ token: s.contact.token, 'no-tour': false });
    await until(() => deep<HTMLDialogElement>(again, '[part=tour]')?.open, 'the unfinished tour');
    expect(deep<HTMLDialogElement>(again, '[part=welcome]')?.open ?? false).to.equal(false);
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
