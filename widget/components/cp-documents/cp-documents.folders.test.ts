import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountPortal, scenario, serviceUrl, settle, textOf, until, uploadAs } from '../../test/portal.js';

const names = (el: Element) => deepAll(el, '[part=document-row] .main').map((b) => b.textContent);
const folders = (el: Element) => deepAll(el, '[part=folder-row] .main').map((b) => b.textContent!.replace('📁', '').trim());
const crumbs = (el: Element) => deepAll(el, '[part=breadcrumbs] button').map((b) => b.textContent!.trim());
const button = (el: Element, label: string) => deep<HTMLButtonElement>(el, `button[aria-label="${label}"]`)!;

describe('cp-documents: folders and versions', () => {
  let s: Scenario;
  let contracts: { id: string };
  before(async () => {
    s = await scenario('files');
    contracts = await call('POST', '/v1/folders', { customer_id: s.customerId, name: 'Contracts' });
    await call('POST', '/v1/folders', { parent_id: contracts.id, name: 'Signed' });
    await call('POST', '/v1/folders', { customer_id: s.customerId, name: 'Account plan', visibility: 'internal' });
    await uploadAs(s.staff.token, 'msa.txt', 'master agreement', { customer_id: s.customerId, folder_id: contracts.id });
    await uploadAs(s.staff.token, 'welcome.txt', 'welcome', { customer_id: s.customerId });
  });

  it('browses the folder tree with breadcrumbs and counts, never an internal folder', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'documents' });
    await until(() => folders(el).length > 0, 'the folders');
    expect(folders(el)).to.deep.equal(['Contracts']);
    expect(textOf(deep(el, '[part=folder-row]')!)).to.contain('1 document · 1 folder');
    await until(() => names(el).includes('welcome.txt'), 'the top-level documents');
    expect(names(el)).not.to.include('msa.txt');
    await expect(deep(el, 'cp-documents')).to.be.accessible();

    button(el, 'Open folder Contracts').click();
    await until(() => names(el).includes('msa.txt'), 'the folder\'s documents');
    expect(crumbs(el)).to.deep.equal(['All documents', 'Contracts']);
    expect(folders(el)).to.deep.equal(['Signed']);
    button(el, 'Open folder Signed').click();
    await until(() => crumbs(el).length === 3, 'the deeper breadcrumbs');
    expect(names(el)).to.deep.equal([]);
    deepAll<HTMLButtonElement>(el, '[part=breadcrumbs] button')[0]!.click();
    await until(() => folders(el).includes('Contracts'), 'back at the top');
  });

  it('creates a folder and uploads into the folder shown', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'documents' });
    await until(() => folders(el).length > 0, 'the folders');
    deepAll<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.trim() === 'New folder')!.click();
    await settle(el);
    const input = deep<HTMLInputElement>(el, 'input[name=name]')!;
    input.value = 'Purchase orders';
    input.closest('form')!.requestSubmit();
    await until(() => folders(el).includes('Purchase orders'), 'the new folder');
    button(el, 'Open folder Purchase orders').click();
    await until(() => crumbs(el).includes('Purchase orders'), 'inside it');
    const dropped = new DataTransfer();
    dropped.items.add(new File(['po 42'], 'po-42.txt', { type: 'text/plain' }));
    deep(el, '[part=dropzone]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dropped, bubbles: true, cancelable: true }));
    await until(() => names(el).includes('po-42.txt'), 'the upload in the folder');
    const filed = await call<{ data: { name: string; folder_id: string }[] }>('GET', `/v1/documents?customer_id=${s.customerId}&q=po-42`);
    const folder = (await call<{ data: { id: string; name: string }[] }>('GET', `/v1/folders?customer_id=${s.customerId}`)).data.find((f) => f.name === 'Purchase orders')!;
    expect(filed.data[0]!.folder_id).to.equal(folder.id);
  });

  it('lists the versions of a document and takes a file dropped on it as the next one', async () => {
    await uploadAs(s.staff.token, 'proposal.txt', 'first draft', { customer_id: s.customerId });
    const el = await mountPortal({ token: s.contact.token, view: 'documents' });
    await until(() => names(el).includes('proposal.txt'), 'the proposal');
    const row = () => deepAll(el, '[part=document-row]').find((r) => r.querySelector('.main')?.textContent === 'proposal.txt')!;
    const dropped = new DataTransfer();
    dropped.items.add(new File(['second draft, from Ana'], 'proposal v2.txt', { type: 'text/plain' }));
    row().dispatchEvent(new DragEvent('drop', { dataTransfer: dropped, bubbles: true, cancelable: true }));
    await until(() => deepAll(el, '[part=version-row]').length === 2, 'both versions');
    const versions = deepAll(el, '[part=version-row]').map((r) => textOf(r));
    expect(versions[0]).to.contain('Version 2').and.to.contain('Current').and.to.contain('proposal v2.txt').and.to.contain(s.contact.name);
    expect(versions[1]).to.contain('Version 1').and.to.contain('proposal.txt');
    await until(() => textOf(row()).includes('Version 2'), 'the row\'s current version');
    await expect(deep(el, 'cp-documents')).to.be.accessible();

    const clicked: HTMLAnchorElement[] = [];
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this);
    };
    try {
      button(el, 'Download version 1 of proposal.txt').click();
      await until(() => clicked.length, 'the download');
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    expect(clicked[0]!.download).to.equal('proposal.txt');
    expect(await (await fetch(clicked[0]!.href)).text()).to.equal('first draft');
  });

  it('shows a thumbnail of an image and opens its preview in a pane', async () => {
    const canvas = new OffscreenCanvas(300, 200);
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#2a5bd7';
    context.fillRect(0, 0, 300, 200);
    const form = new FormData();
    form.set('customer_id', s.customerId);
    form.set('file', new File([await canvas.convertToBlob({ type: 'image/png' })], 'floor-plan.png', { type: 'image/png' }));
    const uploaded = await fetch(`${await serviceUrl()}/v1/documents`, { method: 'POST', headers: { authorization: `Bearer ${s.staff.token}` }, body: form });
    expect(uploaded.status).to.equal(201);

    const el = await mountPortal({ token: s.contact.token, view: 'documents' });
    const thumb = await until(() => deep<HTMLButtonElement>(el, 'button[aria-label="Preview floor-plan.png"]'), 'the thumbnail');
    const image = thumb.querySelector('img')!;
    await until(() => image.complete && image.naturalWidth > 0, 'the thumbnail image');
    thumb.click();
    const pane = await until(() => deep<HTMLDialogElement>(el, 'dialog[part=preview]'), 'the pane');
    expect(pane.open).to.equal(true);
    expect(pane.querySelector('img')!.getAttribute('alt')).to.equal('Preview of floor-plan.png');
    await expect(deep(el, 'cp-documents')).to.be.accessible();
    pane.querySelector<HTMLButtonElement>('button.primary')!.click();
    expect(pane.open).to.equal(false);
  });
});
