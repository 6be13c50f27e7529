import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountAdmin, scenario, select, settle, textOf, type, until } from '../test/admin.js';

describe('cp-admin-permissions', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  const view = (el: HTMLElement) => deep(el, 'cp-admin-permissions')!;
  const setButton = (el: HTMLElement, name: string) => until(() => deepAll<HTMLButtonElement>(view(el), '[part=permission-set] button').find((b) => textOf(b).startsWith(name)), `the set ${name}`);
  const button = (root: Element, label: string) => deepAll<HTMLButtonElement>(root, 'button').find((b) => b.textContent!.trim() === label)!;

  it('lists the built-in sets of each portal type, their capabilities fixed, the defaults marked', async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'permissions' });
    (await setButton(el, 'Limited access')).click();
    await settle(el);
    const editor = deep(view(el), '[part=set-editor]')!;
    expect(textOf(editor)).to.contain('A built-in set');
    const checked = deepAll<HTMLInputElement>(editor, 'input[type=checkbox]').filter((c) => c.checked).map((c) => textOf(c.parentElement!));
    expect(checked).to.deep.equal(['See tasks', 'Post comments', 'See documents', 'Upload documents', 'Read messages', 'Send messages']);
    expect(deepAll<HTMLInputElement>(editor, 'input[type=checkbox]').every((c) => c.disabled)).to.equal(true);
    await until(async () => textOf(await setButton(el, 'Full access')).includes('default'), 'the default marked');
    await expect(view(el)).to.be.accessible();
  });

  it('creates a set from another, changes it, makes it the default, and keeps it while it is in use', async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'permissions' });
    await setButton(el, 'Limited access');
    // From Full access, less what no feature uses yet: other tests run on this tenant meanwhile.
    const full = (await call('GET', '/v1/permission-sets?portal_type=customer')).data.find((p: { name: string }) => p.name === 'Full access');
    const form = deep(view(el), 'form[aria-labelledby=new-set-title]')!;
    type(deep<HTMLInputElement>(form, 'input[name=name]')!, `Finance ${s.tag}`);
    await select(form, 'select[name=from]', full.id);
    button(form, 'Create the set').click();
    await until(() => textOf(deep(view(el), '[part=set-editor]') ?? view(el)).includes(`Finance ${s.tag}`) && deep(view(el), '[part=set-editor]'), 'the new set open');
    const editor = deep(view(el), '[part=set-editor]')!;
    const box = (label: string) => deepAll<HTMLInputElement>(editor, 'input[type=checkbox]').find((c) => textOf(c.parentElement!) === label)!;
    expect(box('See invoices and quotes').checked).to.equal(true);
    box('Export reports').click();
    await settle(el);
    button(editor, 'Save the set').click();
    await until(async () => {
      const sets = (await call('GET', '/v1/permission-sets')).data;
      const mine = sets.find((p: { name: string }) => p.name === `Finance ${s.tag}`);
      return mine && mine.capabilities.includes('finance.view') && !mine.capabilities.includes('reports.export');
    }, 'the saved set');

    const mine = (await call('GET', '/v1/permission-sets')).data.find((p: { name: string }) => p.name === `Finance ${s.tag}`);
    const before = await call('GET', '/v1/settings');
    try {
      await select(deep(view(el), '[part=defaults]')!, 'select[name=customer]', mine.id);
      button(deep(view(el), '[part=defaults]')!, 'Save the defaults').click();
      await until(async () => (await call('GET', '/v1/settings')).default_permission_set_id === mine.id, 'the new default');
      // In use as the default: the service keeps it, and says why.
      button(deep(view(el), '[part=set-editor]')!, 'Delete the set').click();
      await until(() => deep(el, '[part=notices] .error'), 'the refusal');
      expect(textOf(deep(el, '[part=notices]')!)).to.contain(`Finance ${s.tag} was not deleted.`);
      expect((await call('GET', '/v1/permission-sets')).data.some((p: { id: string }) => p.id === mine.id)).to.equal(true);
    } finally {
      await call('PATCH', '/v1/settings', { default_permission_set_id: before.default_permission_set_id });
    }
    button(deep(view(el), '[part=set-editor]')!, 'Delete the set').click();
    await until(async () => !(await call('GET', '/v1/permission-sets')).data.some((p: { id: string }) => p.id === mine.id), 'the deletion');
  });

  it('shows a member every set, with the controls off and the reason', async () => {
    const el = await mountAdmin({ token: s.member.token, tab: 'permissions' });
    await setButton(el, 'Full access');
    expect(textOf(view(el))).to.contain('Only admins of your team change this.');
    expect(deepAll<HTMLButtonElement>(view(el), 'form button[type=submit]').every((b) => b.disabled)).to.equal(true);
    expect(deep<HTMLInputElement>(view(el), 'form[aria-labelledby=new-set-title] input[name=name]')!.disabled).to.equal(true);
  });
});
