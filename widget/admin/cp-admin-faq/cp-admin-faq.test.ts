import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountAdmin, scenario, textOf, type, until } from '../test/admin.js';

describe('the admin FAQ tab', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  it('adds a question to a category, shows its counts and the least helpful answers with comments', async () => {
    const question = `Why is my report empty? ${s.tag}`;
    const el = await mountAdmin({ token: s.staff.token, tab: 'faq' });
    const add = await until(() => deepAll<HTMLButtonElement>(el, 'cp-admin-faq >>> button.primary').find((b) => b.textContent === 'New question'), 'the New question button');
    add.click();
    const form = await until(() => deep(el, 'cp-admin-faq >>> [part=faq-editor]'), 'the editor');
    const [q, category] = deepAll<HTMLInputElement>(form, 'input:not([type=checkbox])');
    type(q!, question);
    type(category!, `Reports ${s.tag}`);
    type(deep<HTMLTextAreaElement>(form, 'textarea')!, 'Pick a **longer** period.');
    await until(() => deep(form, 'cp-markdown >>> strong')?.textContent === 'longer', 'the preview');
    deepAll<HTMLButtonElement>(form, 'button.primary').find((b) => b.textContent === 'Add')!.click();
    const row = () => deepAll(el, 'cp-admin-faq >>> [part=faq-row]').find((r) => textOf(r).includes(question));
    await until(row, 'the question in the list');
    expect(textOf(row()!)).to.contain('0 views · 0 helpful · 0 not helpful');
    await expect(deep(el, 'cp-admin-faq')).to.be.accessible();

    // A contact opens it and says it did not help.
    const listed = await call<{ data: { id: string; question: string }[] }>('GET', `/v1/faq?category=${encodeURIComponent(`Reports ${s.tag}`)}`);
    const id = listed.data.find((e) => e.question === question)!.id;
    await call('GET', `/v1/faq/${id}`, undefined, s.contact.token);
    await call('POST', `/v1/faq/${id}/feedback`, { helpful: false, comment: `Still empty ${s.tag}` }, s.contact.token);

    const again = await mountAdmin({ token: s.staff.token, tab: 'faq' });
    const stats = await until(() => deep(again, 'cp-admin-faq >>> [part=faq-stats]'), 'the statistics');
    await until(() => textOf(stats).includes(`Still empty ${s.tag}`), 'the comment among the least helpful');
    expect(textOf(stats)).to.contain('Least helpful');
    await until(() => deepAll(again, 'cp-admin-faq >>> [part=faq-row]').some((r) => textOf(r).includes('1 views · 0 helpful · 1 not helpful')), 'the counts');
    await expect(deep(again, 'cp-admin-faq')).to.be.accessible();
  });
});
