/**
 * The widget end to end: the real service, the real bundle, the example vendor page on another
 * origin (under its strict CSP) with its `token-url`, and a real Chromium.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, shadowText } from './browser.js';
import { startExampleVendor } from '../examples/vendor/server.js';
import { startRealServer, type RealServer } from '../server/test/real-server.js';
import { buildBundle } from '../widget/test/build-bundle.js';
import { seedScenario, type Scenario } from '../widget/test/scenario.js';

describe('the widget embedded in a vendor page on another origin', () => {
  let real: RealServer;
  let vendor: Awaited<ReturnType<typeof startExampleVendor>>;
  let browser: Browser;
  let page: Page;
  let s: Scenario;
  const problems: string[] = [];

  beforeAll(async () => {
    buildBundle();
    real = await startRealServer();
    s = await seedScenario(real.call, 'e2e');
    vendor = await startExampleVendor({
      port: 0,
      host: 'localhost',
      apiBase: real.url,
      apiKey: real.apiKey,
      users: {
        contact: { label: 'Ana', user: { external_id: s.contact.externalId, name: s.contact.name, role: 'contact' }, customer: { external_id: s.customerExternalId } },
      },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    // Failed requests are checked by URL (the console does not name them); the rest of the
    // console's errors (a CSP violation among them) and page errors as they come.
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) problems.push(`${response.status()} ${response.url()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await vendor?.close();
    await real?.close();
  });

  it('is a real cross-origin embed', () => {
    expect(new URL(vendor.url).origin).not.toBe(new URL(real.url).origin);
  });

  it('greets a first-time user with a tour that can be skipped', async () => {
    await page.goto(vendor.url);
    const tour = page.locator('customer-portal dialog[part=tour]');
    await tour.waitFor();
    expect(await tour.textContent()).toContain('Welcome to Northwind Software');
    await tour.getByRole('button', { name: 'Skip the tour' }).click();
    await tour.waitFor({ state: 'hidden' });
  });

  it('shows the dashboard', async () => {
    await page.locator('customer-portal [part=counts]').waitFor();
    const counts = await page.locator('customer-portal [part=counts] button').allInnerTexts();
    expect(counts.map((c) => c.replace(/\s+/g, ' ').trim())).toEqual(['3 To do', '1 In progress', '1 Blocked', '1 Done', '1 Overdue']);
  });

  it('filters the tasks', async () => {
    await page.locator('customer-portal [role=tab]', { hasText: 'Tasks' }).click();
    await page.locator('customer-portal select[name=status]').selectOption('blocked');
    await page.waitForFunction(() => document.querySelector('customer-portal')!.shadowRoot!.querySelector('cp-task-list')!.shadowRoot!.querySelectorAll('[part=task-row]').length === 1);
    expect(await page.locator('customer-portal [part=task-row] button').allTextContents()).toEqual(['Import your users']);
    await page.locator('customer-portal select[name=status]').selectOption('');
  });

  it('opens a task and changes its status', async () => {
    await page.locator('customer-portal [part=tasks] [part=task-row] button', { hasText: 'Configure single sign-on' }).click();
    await page.locator('customer-portal [part=task-detail]').waitFor();
    await page.locator('customer-portal [part=task-detail] select[aria-label=Status]').selectOption('done');
    await expect.poll(async () => (await real.call('GET', `/v1/tasks/${s.tasks.sso}`)).status).toBe('done');
    expect(page.url()).toContain(`#tasks/${s.tasks.sso}`);
  });

  it('comments', async () => {
    await page.locator('customer-portal [part=comment-box] textarea').fill('Done on our side, thanks!');
    await page.locator('customer-portal [part=comment-box] button[type=submit]').click();
    await page.locator('customer-portal [part=comment]', { hasText: 'Done on our side, thanks!' }).waitFor();
    await expect
      .poll(async () => (await real.call('GET', `/v1/tasks/${s.tasks.sso}/comments`)).data.map((c: { body: string }) => c.body))
      .toContain('Done on our side, thanks!');
  });

  it('uploads a file', async () => {
    await page.locator('customer-portal [part=task-detail] input[type=file]').setInputFiles({ name: 'okta-metadata.xml', mimeType: 'application/xml', buffer: Buffer.from('<EntityDescriptor/>') });
    await page.locator('customer-portal [part=task-detail] [part=document-row]', { hasText: 'okta-metadata.xml' }).waitFor();
    const documents = await real.call('GET', `/v1/documents?task_id=${s.tasks.sso}`);
    expect(documents.data.map((d: { name: string }) => d.name)).toContain('okta-metadata.xml');
  });

  it('shows a change made through the API without a reload', async () => {
    await real.call('PATCH', `/v1/tasks/${s.tasks.importUsers}`, { title: 'Import your users (CSV attached)' });
    await real.call('POST', `/v1/tasks/${s.tasks.sso}/comments`, { body: 'Great, SSO is live.' }, s.staff.token);
    await page.locator('customer-portal [part=task-row] button', { hasText: 'Import your users (CSV attached)' }).waitFor();
    await page.locator('customer-portal [part=comment]', { hasText: 'Great, SSO is live.' }).waitFor();
  });

  it("never puts an internal task or an internal comment in the contact's shadow DOM", async () => {
    await real.call('POST', `/v1/tasks/${s.tasks.sso}/comments`, { body: 'Internal: renewal at risk.', visibility: 'internal' }, s.staff.token);
    await real.call('PATCH', `/v1/tasks/${s.tasks.internal}`, { title: 'Check adoption risk (updated)' });
    await real.call('POST', `/v1/tasks/${s.tasks.sso}/comments`, { body: 'A portal comment after them.' }, s.staff.token);
    await page.locator('customer-portal [part=comment]', { hasText: 'A portal comment after them.' }).waitFor();
    const text = await shadowText(page);
    expect(text).toContain('Configure single sign-on');
    for (const secret of ['Check adoption risk', 'Their IdP admin is new', 'Internal: renewal at risk.']) expect(text).not.toContain(secret);
  });

  it('ran under the vendor page strict CSP without a violation or an error', () => {
    expect(problems).toEqual([]);
  });
});
