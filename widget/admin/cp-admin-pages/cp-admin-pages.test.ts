import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountAdmin, scenario, textOf, type, until } from '../test/admin.js';

describe('the admin Pages tab', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  it('writes a page for one customer with a live preview, refuses a foreign embed, and deletes it', async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'pages', theme: 'dark' });
    const add = await until(() => deepAll<HTMLButtonElement>(el, 'cp-admin-pages >>> button.primary').find((b) => b.textContent === 'New page'), 'the New page button');
    add.click();
    const form = await until(() => deep(el, 'cp-admin-pages >>> [part=page-editor]'), 'the editor');
    const title = `Go-live guide ${s.tag}`;
    type(deep<HTMLInputElement>(form, 'input:not([type])')!, title);
    const audience = deep<HTMLSelectElement>(form, 'select')!;
    audience.value = s.customerId;
    audience.dispatchEvent(new Event('change'));
    const body = deep<HTMLTextAreaElement>(form, 'textarea')!;
    type(body, '**Step one**\n\n![Video](https://vimeo.com/76979871)');
    // The preview is the portal's renderer, as the contact will see it.
    await until(() => deep(el, 'cp-admin-pages >>> [part=page-preview] cp-page-body >>> strong')?.textContent === 'Step one', 'the preview');
    expect(deep<HTMLIFrameElement>(el, 'cp-admin-pages >>> [part=page-preview] cp-page-body >>> iframe')!.src).to.equal('https://player.vimeo.com/video/76979871?dnt=1');
    await expect(deep(el, 'cp-admin-pages')).to.be.accessible({ ignoredRules: ['frame-title-unique'] });
    deepAll<HTMLButtonElement>(form, 'button.primary').find((b) => b.textContent === 'Publish')!.click();
    const row = () => deepAll(el, 'cp-admin-pages >>> li').find((r) => textOf(r).includes(title));
    await until(row, 'the page in the list');
    const customer = await call<{ name: string }>('GET', `/v1/customers/${s.customerId}`);
    expect(textOf(row()!)).to.contain(customer.name);
    const pages = await call<{ data: { id: string; title: string; customer_id: string }[] }>('GET', `/v1/pages?customer_id=${s.customerId}&limit=200`);
    const page = pages.data.find((p) => p.title === title)!;
    expect(page.customer_id).to.equal(s.customerId);

    // A video from elsewhere is refused, and nothing changes.
    type(deep<HTMLTextAreaElement>(el, 'cp-admin-pages >>> [part=page-editor] textarea')!, '![x](https://evil.test/video)');
    deepAll<HTMLButtonElement>(el, 'cp-admin-pages >>> [part=page-editor] button.primary').find((b) => b.textContent === 'Save')!.click();
    await until(() => textOf(el).includes('The page was not saved.'), 'the refusal');
    expect((await call<{ body: string }>('GET', `/v1/pages/${page.id}`)).body).to.contain('vimeo');

    const remove = () => deepAll<HTMLButtonElement>(el, 'cp-admin-pages >>> [part=page-editor] button').find((b) => /Delete|Confirm delete/.test(b.textContent!))!;
    remove().click();
    await until(() => remove().textContent === 'Confirm delete', 'the confirmation');
    remove().click();
    await until(() => !row(), 'the deletion');
  });
});
