/**
 * The widget end to end: the real service, the real bundle, the example vendor page on another
 * origin (under its strict CSP) with its `token-url`, and a real Chromium.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactOf, shadowText, startVendorPage, useBrowserPage, type VendorPage } from './browser.js';
import { startRealServer, type RealServer } from '../server/test/real-server.js';
import { buildBundle } from '../widget/test/build-bundle.js';
import { seedScenario, type Scenario } from '../widget/test/scenario.js';

describe('the widget embedded in a vendor page on another origin', () => {
  let real: RealServer;
  let vendor: VendorPage;
  let s: Scenario;

  beforeAll(async () => {
    buildBundle();
    real = await startRealServer();
    s = await seedScenario(real.call, 'e2e');
    vendor = await startVendorPage(real, { contact: contactOf(s) });
  });

  afterAll(async () => {
    await vendor?.close();
    await real?.close();
  });

  // The vendor page's strict CSP: a violation is a console error, and counts as a problem.
  const b = useBrowserPage({ viewport: { width: 1600, height: 1000 } });

  it('is a real cross-origin embed', () => {
    expect(new URL(vendor.url).origin).not.toBe(new URL(real.url).origin);
  });

  it("has the vendor's icon, so no page load meets a 404 for it", async () => {
    const origin = new URL(vendor.url).origin;
    const page = await (await fetch(vendor.url)).text();
    expect(page).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml" />');
    for (const path of ['/favicon.svg', '/favicon.ico']) {
      const icon = await fetch(`${origin}${path}`);
      expect(icon.status).toBe(200);
      expect(icon.headers.get('content-type')).toBe('image/svg+xml');
      expect(await icon.text()).toContain('<svg');
    }
  });

  it('greets a first-time user with a tour that can be skipped', async () => {
    await b.page.goto(vendor.url);
    const tour = b.page.locator('customer-portal dialog[part=tour]');
    await tour.waitFor();
    expect(await tour.textContent()).toContain('Welcome to Northwind Software');
    await tour.getByRole('button', { name: 'Skip the tour' }).click();
    await tour.waitFor({ state: 'hidden' });
  });

  it('shows the dashboard', async () => {
    await b.page.locator('customer-portal [part=counts]').waitFor();
    const counts = await b.page.locator('customer-portal [part=counts] button').allInnerTexts();
    expect(counts.map((c) => c.replace(/\s+/g, ' ').trim())).toEqual(['3 To do', '1 In progress', '1 Blocked', '1 Done', '1 Overdue']);
  });

  it('filters the tasks', async () => {
    await b.page.locator('customer-portal [role=tab]', { hasText: 'Tasks' }).click();
    await b.page.locator('customer-portal select[name=status]').selectOption('blocked');
    await b.page.waitForFunction(() => document.querySelector('customer-portal')!.shadowRoot!.querySelector('cp-task-list')!.shadowRoot!.querySelectorAll('[part=task-row]').length === 1);
    expect(await b.page.locator('customer-portal [part=task-row] button').allTextContents()).toEqual(['Import your users']);
    await b.page.locator('customer-portal select[name=status]').selectOption('');
  });

  it('opens a task and changes its status', async () => {
    await b.page.locator('customer-portal [part=tasks] [part=task-row] button', { hasText: 'Configure single sign-on' }).click();
    await b.page.locator('customer-portal [part=task-detail]').waitFor();
    await b.page.locator('customer-portal [part=task-detail] select[aria-label=Status]').selectOption('done');
    await expect.poll(async () => (await real.call('GET', `/v1/tasks/${s.tasks.sso}`)).status).toBe('done');
    expect(b.page.url()).toContain(`#tasks/${s.tasks.sso}`);
  });

  it('comments', async () => {
    await b.page.locator('customer-portal [part=comment-box] textarea').fill('Done on our side, thanks!');
    await b.page.locator('customer-portal [part=comment-box] button[type=submit]').click();
    await b.page.locator('customer-portal [part=comment]', { hasText: 'Done on our side, thanks!' }).waitFor();
    await expect
      .poll(async () => (await real.call('GET', `/v1/tasks/${s.tasks.sso}/comments`)).data.map((c: { body: string }) => c.body))
      .toContain('Done on our side, thanks!');
  });

  it('uploads a file', async () => {
    await b.page.locator('customer-portal [part=task-detail] input[type=file]').setInputFiles({ name: 'okta-metadata.xml', mimeType: 'application/xml', buffer: Buffer.from('<EntityDescriptor/>') });
    await b.page.locator('customer-portal [part=task-detail] [part=document-row]', { hasText: 'okta-metadata.xml' }).waitFor();
    const documents = await real.call('GET', `/v1/documents?task_id=${s.tasks.sso}`);
    expect(documents.data.map((d: { name: string }) => d.name)).toContain('okta-metadata.xml');
  });

  it('shows a change made through the API without a reload', async () => {
    await real.call('PATCH', `/v1/tasks/${s.tasks.importUsers}`, { title: 'Import your users (CSV attached)' });
    await real.call('POST', `/v1/tasks/${s.tasks.sso}/comments`, { body: 'Great, SSO is live.' }, s.staff.token);
    await b.page.locator('customer-portal [part=task-row] button', { hasText: 'Import your users (CSV attached)' }).waitFor();
    await b.page.locator('customer-portal [part=comment]', { hasText: 'Great, SSO is live.' }).waitFor();
  });

  it("never puts an internal task or an internal comment in the contact's shadow DOM", async () => {
    await real.call('POST', `/v1/tasks/${s.tasks.sso}/comments`, { body: 'Internal: renewal at risk.', visibility: 'internal' }, s.staff.token);
    await real.call('PATCH', `/v1/tasks/${s.tasks.internal}`, { title: 'Check adoption risk (updated)' });
    await real.call('POST', `/v1/tasks/${s.tasks.sso}/comments`, { body: 'A portal comment after them.' }, s.staff.token);
    await b.page.locator('customer-portal [part=comment]', { hasText: 'A portal comment after them.' }).waitFor();
    const text = await shadowText(b.page);
    expect(text).toContain('Configure single sign-on');
    for (const secret of ['Check adoption risk', 'Their IdP admin is new', 'Internal: renewal at risk.']) expect(text).not.toContain(secret);
  });

  it("shows a page's image under the vendor page's CSP (a blob: the widget fetched with its token)", async () => {
    const form = new FormData();
    form.set('task_id', s.tasks.sso);
    form.set('file', new Blob([await sharp({ create: { width: 48, height: 24, channels: 3, background: '#1d4ed8' } }).png().toBuffer()]), 'floor-plan.png');
    const uploaded = await fetch(`${real.url}/v1/documents`, { method: 'POST', headers: { authorization: `Bearer ${real.apiKey}` }, body: form });
    expect(uploaded.status).toBe(201);
    const image = (await uploaded.json()) as { id: string };
    await real.call('POST', '/v1/pages', { customer_id: s.customerId, title: 'Where we sit', body: `Our floor:\n\n![The floor plan](${image.id})` });
    await b.page.locator('customer-portal [role=tab]', { hasText: 'Pages' }).click();
    await b.page.locator('customer-portal [part=page-list] button', { hasText: 'Where we sit' }).click();
    const img = b.page.locator('customer-portal [part=page-reader] img[alt="The floor plan"]');
    await img.waitFor();
    await b.page.waitForFunction(() => {
      const portal = document.querySelector('customer-portal')!;
      const find = (root: ParentNode): HTMLImageElement | null =>
        root.querySelector<HTMLImageElement>('img[alt="The floor plan"]') ?? [...root.querySelectorAll('*')].map((e) => (e.shadowRoot ? find(e.shadowRoot) : null)).find(Boolean) ?? null;
      const found = find(portal.shadowRoot!);
      return found !== null && found.src.startsWith('blob:') && found.complete && found.naturalWidth === 48;
    });
  });

  it('fits the vendor page on a phone: a top bar of one line, the tabs in one line with a More menu', async () => {
    await b.page.setViewportSize({ width: 360, height: 740 });
    await b.page.goto(`${vendor.url}/#dashboard`);
    await b.page.reload();
    await b.page.locator('customer-portal [part=counts]').waitFor();
    expect((await b.page.locator('.topbar').boundingBox())!.height).toBeLessThanOrEqual(56);
    expect(await b.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const more = b.page.locator('customer-portal [part=more-button]');
    expect((await more.boundingBox())!.x + (await more.boundingBox())!.width).toBeLessThanOrEqual(360);
    // The account menu opens the list of users to switch to, inside the screen.
    await b.page.locator('.account summary').click();
    const panel = (await b.page.locator('.account .switch').boundingBox())!;
    expect(panel.x).toBeGreaterThanOrEqual(0);
    expect(panel.x + panel.width).toBeLessThanOrEqual(360);
    await b.page.setViewportSize({ width: 1600, height: 1000 });
  });

  it('ran under the vendor page strict CSP without a violation or an error', () => {
    expect(b.problems).toEqual([]);
  });
});
