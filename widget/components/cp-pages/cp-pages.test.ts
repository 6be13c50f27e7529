import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountPortal, scenario, serviceUrl, textOf, until } from '../../test/portal.js';

/** A small PNG made in the page, uploaded as a customer's file. */
async function uploadImage(token: string, customerId: string): Promise<string> {
  const canvas = document.createElement('canvas');
  canvas.width = 40;
  canvas.height = 20;
  canvas.getContext('2d')!.fillRect(0, 0, 40, 20);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
  const form = new FormData();
  form.set('customer_id', customerId);
  form.set('file', new File([blob], 'flow.png', { type: 'image/png' }));
  const response = await fetch(`${await serviceUrl()}/v1/documents`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return ((await response.json()) as { id: string }).id;
}

describe('cp-pages', () => {
  let s: Scenario;
  let guide: string;
  before(async () => {
    s = await scenario();
    const image = await uploadImage(s.staff.token, s.customerId);
    // The customer's own pages: other tests share the tenant.
    await call('POST', '/v1/pages', { customer_id: s.customerId, title: 'Release notes', body: 'What changed this month.' });
    guide = (
      await call<{ id: string }>('POST', '/v1/pages', {
        customer_id: s.customerId,
        title: 'How to go live',
        pinned: true,
        body: `# Steps\n\n1. Configure **SSO**\n2. Invite people\n\n![The flow](${image})\n\n![Walkthrough](https://www.youtube.com/watch?v=dQw4w9WgXcQ)\n\n<script>window.pwned = true</script>`,
      })
    ).id;
    await call('POST', '/v1/pages', { customer_id: s.customerId, title: 'Draft plan', body: 'not yet', visibility: 'internal' });
  });
  afterEach(() => setViewport({ width: 1024, height: 768 }));

  const titles = (el: Element) => deepAll(el, '[part=page-list] .main').map((b) => b.textContent);

  it('lists pinned pages first and reads one: images through the preview, videos sandboxed, script as text (dark)', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'pages', theme: 'dark' });
    await until(() => titles(el).length >= 2, 'the pages');
    expect(titles(el)).to.deep.equal(['How to go live', 'Release notes']);
    expect(textOf(deep(el, '[part=page-list]')!)).to.contain('Pinned');
    await expect(deep(el, 'cp-pages')).to.be.accessible();

    deepAll<HTMLButtonElement>(el, '[part=page-list] .main')[0]!.click();
    const reader = await until(() => deep(el, '[part=page-reader]'), 'the reader');
    expect(deep(el, 'cp-pages >>> h3')!.textContent).to.equal('How to go live');
    const body = deep(el, 'cp-page-body')!;
    const img = await until(() => deep<HTMLImageElement>(body, 'img[src^="blob:"]'), 'the image, fetched with the token');
    expect(img.alt).to.equal('The flow');
    await until(() => img.complete && img.naturalWidth > 0, 'the image painted');
    const frame = deep<HTMLIFrameElement>(body, 'iframe')!;
    expect(frame.src).to.equal('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ');
    expect(frame.getAttribute('sandbox')).to.equal('allow-scripts allow-same-origin allow-presentation allow-popups');
    expect(frame.title).to.equal('Walkthrough');
    expect(textOf(body)).to.contain('<script>window.pwned = true</script>');
    expect((window as unknown as { pwned?: boolean }).pwned).to.equal(undefined);
    expect(deep(body, 'script')).to.equal(null);
    await expect(deep(el, 'cp-pages')).to.be.accessible({ ignoredRules: ['frame-title-unique'] });
    // Back to the list.
    deep<HTMLButtonElement>(reader, 'button.link')!.click();
    await until(() => titles(el).length >= 2, 'the list again');
  });

  it('shows a contact none of the drafts, the team sees them marked', async () => {
    const contact = await mountPortal({ token: s.contact.token, view: 'pages' });
    await until(() => titles(contact).length >= 2, 'the pages');
    expect(titles(contact)).not.to.include('Draft plan');
    const staff = await mountPortal({ token: s.staff.token, view: 'pages', customer: s.customerId });
    await until(() => titles(staff).includes('Draft plan'), 'the draft for staff');
    const row = deepAll(staff, '[part=page-list] li').find((r) => textOf(r).includes('Draft plan'))!;
    expect(deep(row, '[part=internal-badge]')).not.to.equal(null);
  });

  it('reads at 360 px, and in French', async () => {
    await setViewport({ width: 360, height: 640 });
    const el = await mountPortal({ token: s.contact.token, view: 'pages', locale: 'fr' });
    await until(() => deep(el, 'cp-pages >>> h2')?.textContent === 'Pages', 'the title');
    await until(() => titles(el).length >= 2, 'the pages');
    deepAll<HTMLButtonElement>(el, '[part=page-list] .main').find((b) => b.textContent === 'How to go live')!.click();
    const frame = await until(() => deep<HTMLIFrameElement>(el, 'cp-page-body >>> iframe'), 'the video');
    expect(frame.getBoundingClientRect().width).to.be.at.most(360);
    expect(textOf(deep(el, '[part=page-reader]')!)).to.contain('Toutes les pages');
    expect(guide).to.match(/^pag_/);
  });
});
