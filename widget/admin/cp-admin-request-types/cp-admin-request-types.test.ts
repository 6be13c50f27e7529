import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountAdmin, scenario, select, settle, textOf, type, until } from '../test/admin.js';

describe('cp-admin-request-types', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  const view = (el: HTMLElement) => deep(el, 'cp-admin-request-types')!;
  const button = (root: Element, label: string) => deepAll<HTMLButtonElement>(root, 'button').find((b) => b.textContent!.trim() === label)!;
  const previewLabels = (el: HTMLElement) => deepAll(view(el), '[part=preview] cp-request-form >>> label').map((l) => textOf(l).replace(/\s*\*\s*\(required\)$/, ''));

  it('edits a request type: fields added, reordered and removed, with the form previewed live, and saves it', async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'requests' });
    await until(() => deep(el, 'cp-admin-request-types'), 'the tab’s chunk', 20_000);
    await until(() => deepAll(view(el), '[part=request-type]').length >= 5, 'the five default types', 20_000);
    expect(deepAll(view(el), '[part=request-type]').slice(0, 5).map((t) => textOf(t).split(' ·')[0])).to.deep.equal(['Quote request', 'Change order', 'Meeting request', 'Support escalation', 'Document request']);
    // The queue of every customer is on the same tab.
    expect(deep(view(el), 'cp-requests')).not.to.equal(null);

    button(view(el), 'New request type').click();
    await settle(el);
    const editor = deep(view(el), '[part=type-editor]')!;
    type(deep<HTMLInputElement>(editor, 'input[name=name]')!, `Site visit ${s.tag}`);
    button(editor, 'Add a field').click();
    await settle(el);
    const rows = () => deepAll(editor, '[part=field-row]');
    type(deep<HTMLInputElement>(rows()[1]!, 'input[required][maxlength="200"]')!, 'Preferred day');
    await select(rows()[1]!, 'select', 'date');
    await settle(el);
    expect(deep<HTMLInputElement>(rows()[1]!, 'input[pattern]')!.value).to.equal('preferred_day');
    expect(previewLabels(el)).to.deep.equal(['Details', 'Preferred day']);

    deep<HTMLButtonElement>(rows()[1]!, 'button[aria-label="Move Preferred day up"]')!.click();
    await settle(el);
    expect(previewLabels(el)).to.deep.equal(['Preferred day', 'Details']);
    expect(deep(view(el), '[part=preview] cp-request-form >>> input[type=date]')).not.to.equal(null);

    button(editor, 'Add a field').click();
    await settle(el);
    await select(rows()[2]!, 'select', 'select');
    type(deep<HTMLTextAreaElement>(rows()[2]!, 'textarea')!, 'Morning\nAfternoon');
    await settle(el);
    expect(deepAll<HTMLOptionElement>(view(el), '[part=preview] cp-request-form >>> select option').map((o) => o.textContent!.trim())).to.deep.equal(['Choose…', 'Morning', 'Afternoon']);
    // The preview checks the form as customers will meet it: the required field left empty.
    deep<HTMLButtonElement>(view(el), '[part=preview] cp-request-form >>> button[type=submit]')!.click();
    await until(() => deep(view(el), '[part=preview] cp-request-form >>> [part=field-error]'), 'the preview’s check');
    await expect(view(el)).to.be.accessible();

    await select(editor, 'select:not([name])', 'none');
    button(editor, 'Save the request type').click();
    const saved = await until(async () => ((await call('GET', '/v1/request-types')).data as { name: string }[]).find((t) => t.name === `Site visit ${s.tag}`), 'the saved type');
    expect(saved).to.deep.include({ sla_hours: 24, assign_to: 'none', task_visibility: 'portal' });
    expect((saved as unknown as { fields: { key: string; type: string; options?: string[] }[] }).fields).to.deep.equal([
      { key: 'preferred_day', label: 'Preferred day', type: 'date', required: false },
      { key: 'details', label: 'Details', type: 'textarea', required: true },
      { key: 'field_3', label: 'Field 3', type: 'select', required: false, options: ['Morning', 'Afternoon'] },
    ]);
  });

  it('shows a member the types with the controls off, and the queue to work', async () => {
    const el = await mountAdmin({ token: s.member.token, tab: 'requests' });
    await until(() => deep(el, 'cp-admin-request-types'), 'the tab’s chunk', 20_000);
    await until(() => deep(view(el), '[part=type-editor]'), 'the editor');
    expect(textOf(view(el))).to.contain('Only admins of your team change this.');
    expect(deep<HTMLButtonElement>(view(el), '[part=type-editor] button[type=submit]')!.closest('fieldset')!.disabled).to.equal(true);
    await until(() => textOf(deep(view(el), 'cp-requests')!).includes('Request queue'), 'the queue');
  });
});
