import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountPortal, scenario, settle, textOf, until, uploadAs } from '../../test/portal.js';

const names = (el: Element) => deepAll(el, '[part=document-row] .main').map((b) => b.textContent);

describe('cp-documents', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
    await uploadAs(s.staff.token, 'sso-guide.txt', 'How to set up SSO\n', { task_id: s.tasks.sso });
    await uploadAs(s.staff.token, 'risk-notes.txt', 'internal', { task_id: s.tasks.sso, visibility: 'internal' });
  });

  it('lists every shared document with its size, task, uploader and date, and none of the internal ones', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'documents' });
    await until(() => names(el).length > 0, 'the documents');
    expect(names(el)).to.deep.equal(['sso-guide.txt']);
    const row = textOf(deep(el, '[part=document-row]')!);
    expect(row).to.contain('18 bytes');
    expect(row).to.contain('Configure single sign-on');
    expect(row).to.contain('Sam Carter');
    await expect(deep(el, 'cp-documents')).to.be.accessible();
  });

  it('uploads chosen files, and dropped ones', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'documents' });
    const input = deep<HTMLInputElement>(el, '[part=dropzone] input[type=file]')!;
    const chosen = new DataTransfer();
    chosen.items.add(new File(['signed'], 'signed-dpa.pdf.txt', { type: 'text/plain' }));
    input.files = chosen.files;
    input.dispatchEvent(new Event('change'));
    await until(() => names(el).includes('signed-dpa.pdf.txt'), 'the chosen file');

    const dropped = new DataTransfer();
    dropped.items.add(new File(['logo'], 'logo.txt', { type: 'text/plain' }));
    deep(el, '[part=dropzone]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dropped, bubbles: true, cancelable: true }));
    await until(() => names(el).includes('logo.txt'), 'the dropped file');
    const listed = await call('GET', `/v1/documents?customer_id=${s.customerId}`);
    expect(listed.data.map((d: { name: string }) => d.name)).to.include.members(['signed-dpa.pdf.txt', 'logo.txt']);
  });

  it('downloads a document under its own name', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'documents' });
    await until(() => names(el).length > 0, 'the documents');
    const clicked: HTMLAnchorElement[] = [];
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this);
    };
    try {
      deepAll<HTMLButtonElement>(el, '[part=document-row] .main').find((b) => b.textContent === 'sso-guide.txt')!.click();
      await until(() => clicked.length, 'the download');
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    expect(clicked[0]!.download).to.equal('sso-guide.txt');
    expect(await (await fetch(clicked[0]!.href)).text()).to.equal('How to set up SSO\n');
  });

  it('lets the uploader delete a document, after a second click', async () => {
    await uploadAs(s.contact.token, 'draft.txt', 'draft');
    const el = await mountPortal({ token: s.contact.token, view: 'documents' });
    await until(() => names(el).includes('draft.txt'), 'the draft');
    const remove = () => deep<HTMLButtonElement>(el, 'button[aria-label="Delete draft.txt"], button[aria-label="Confirm: delete draft.txt"]')!;
    remove().click();
    await settle(el);
    expect(remove().textContent!.trim()).to.equal('Confirm delete');
    remove().click();
    await until(() => !names(el).includes('draft.txt'), 'the deletion');
    expect(deep(el, 'button[aria-label="Delete sso-guide.txt"]')).to.equal(null);
  });
});
