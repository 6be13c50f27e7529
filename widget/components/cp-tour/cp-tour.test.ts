import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Scenario } from '../../test/scenario.js';
import { deep, deepAll, mountPortal, scenario, settle, textOf, until } from '../../test/portal.js';

describe('cp-tour', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
    localStorage.removeItem(`cp-tour:${s.contact.userId}`);
  });

  const button = (el: Element, text: string) => deepAll<HTMLButtonElement>(el, '[part=tour] button').find((b) => b.textContent!.trim() === text)!;

  it('walks a first-time user through the views, once', async () => {
    const el = await mountPortal({ token: s.contact.token, 'no-tour': false });
    const dialog = await until(() => deep<HTMLDialogElement>(el, 'dialog[part=tour][open]'), 'the tour');
    expect(textOf(dialog)).to.contain('Welcome to Northwind Software');
    expect(textOf(dialog)).to.contain('Step 1 of 6');
    await expect(dialog).to.be.accessible();
    button(el, 'Next').click();
    button(el, 'Next').click();
    await settle(el);
    expect(textOf(dialog)).to.contain('Step 3 of 6');
    expect(deep(el, '[role=tab][aria-selected=true]')!.id).to.equal('tab-tasks');
    button(el, 'Back').click();
    await settle(el);
    expect(textOf(dialog)).to.contain('Step 2 of 6');
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog.open, 'closed');

    el.parentElement!.remove();
    const again = await mountPortal({ token: s.contact.token, 'no-tour': false });
    await settle(again);
    expect(deep<HTMLDialogElement>(again, 'dialog[part=tour]')?.open ?? false).to.equal(false);
  });

  it('can be skipped, and is never shown with no-tour', async () => {
    const other = await scenario();
    const el = await mountPortal({ token: other.contact.token, 'no-tour': false });
    await until(() => deep(el, 'dialog[part=tour][open]'), 'the tour');
    button(el, 'Skip the tour').click();
    await settle(el);
    expect(deep<HTMLDialogElement>(el, 'dialog[part=tour]')?.open ?? false).to.equal(false);
    expect(localStorage.getItem(`cp-tour:${other.contact.userId}`)).to.equal('done');

    const third = await scenario();
    const quiet = await mountPortal({ token: third.contact.token });
    expect(deep<HTMLDialogElement>(quiet, 'dialog[part=tour]')?.open ?? false).to.equal(false);
  });
});
