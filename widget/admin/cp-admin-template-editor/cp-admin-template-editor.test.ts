import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountAdmin, scenario, select, settle, textOf, type, until } from '../test/admin.js';

describe('cp-admin-template-editor', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  const step = (el: HTMLElement, n: number) => deepAll(el, 'cp-admin-template-editor >>> [part=step]')[n]!;

  it('builds a template whose second step waits for the first, for the contacts, due a week later', async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'templates' });
    await until(() => deep(el, 'cp-admin-template-editor'), 'the editor');
    deepAll<HTMLButtonElement>(el, 'cp-admin-templates >>> button').find((b) => b.textContent!.trim() === 'New template')!.click();
    await settle(el);
    const editor = deep(el, 'cp-admin-template-editor')!;
    type(deep<HTMLInputElement>(editor, 'input[name=name]')!, `Onboarding ${s.tag}`);
    type(deep<HTMLInputElement>(editor, 'input[name=project]')!, 'Onboarding');
    type(deep<HTMLInputElement>(step(el, 0), 'input[name=title]')!, 'Send us your logo');
    await select(step(el, 0), 'select:nth-of-type(1)', 'portal');
    deepAll<HTMLButtonElement>(editor, 'button').find((b) => b.textContent!.trim() === 'Add a step')!.click();
    await settle(el);
    const second = step(el, 1);
    type(deep<HTMLInputElement>(second, 'input[name=title]')!, 'Configure single sign-on');
    type(deep<HTMLInputElement>(second, 'input[type=number]')!, '7');
    const [visibility, priority, assignTo] = deepAll<HTMLSelectElement>(second, 'select');
    for (const [field, value] of [[visibility!, 'portal'], [priority!, 'high'], [assignTo!, 'contacts']] as const) {
      field.value = value;
      field.dispatchEvent(new Event('change'));
    }
    await settle(el);
    deepAll<HTMLLabelElement>(second, 'fieldset.after label').find((l) => l.textContent!.includes('Send us your logo'))!.querySelector('input')!.click();
    await settle(el);
    expect(textOf(second)).to.contain('Created when they are all done');
    await expect(editor).to.be.accessible();
    deep<HTMLButtonElement>(editor, 'button[type=submit]')!.click();

    await until(() => textOf(el).includes(`Template “Onboarding ${s.tag}” saved.`), 'saved');
    const saved = (await call('GET', '/v1/templates?limit=200')).data.find((t: { name: string }) => t.name === `Onboarding ${s.tag}`);
    expect(saved.tasks.map((t: { title: string; after: string[]; assign_to: string | null; due_in_days: number | null; priority: string }) => [t.title, t.after.length, t.assign_to, t.due_in_days, t.priority])).to.deep.equal([
      ['Send us your logo', 0, null, null, 'medium'],
      ['Configure single sign-on', 1, 'contacts', 7, 'high'],
    ]);
    expect(saved.tasks[1].after).to.deep.equal([saved.tasks[0].key]);
  });

  it("shows the service's reasons, by step, when it refuses a template", async () => {
    await call('POST', '/v1/templates', { name: `Looping ${s.tag}`, project: { name: 'Loop' }, tasks: [{ key: 'a', title: 'A' }, { key: 'b', title: 'B', after: ['a'] }] });
    const el = await mountAdmin({ token: s.staff.token, tab: 'templates' });
    const item = await until(() => deepAll<HTMLButtonElement>(el, 'cp-admin-templates >>> [part=template-item] button').find((b) => b.textContent!.includes(`Looping ${s.tag}`)), 'the template');
    item.click();
    await until(() => deep<HTMLInputElement>(el, 'cp-admin-template-editor >>> input[name=name]')?.value === `Looping ${s.tag}`, 'open');
    // The first step can wait for nothing: steps wait for earlier ones.
    expect(deepAll(step(el, 0), 'fieldset.after')).to.have.length(0);
    type(deep<HTMLInputElement>(step(el, 1), 'input[name=title]')!, 'x'.repeat(501));
    deep<HTMLInputElement>(step(el, 1), 'input[name=title]')!.removeAttribute('maxlength');
    deep<HTMLButtonElement>(el, 'cp-admin-template-editor >>> button[type=submit]')!.click();
    const alert = await until(() => deep(el, 'cp-admin-template-editor >>> [role=alert]'), 'the refusal');
    expect(textOf(alert)).to.contain('The template was not saved.');
    expect(textOf(alert)).to.contain('Step 2, title : Too big');
  });
});
