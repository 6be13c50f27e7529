/**
 * The widget in many tabs of one browser, and offline: the example vendor page opened ten times
 * in one browser context shares one event stream, and writes made while the network is away
 * (task changes, comments, messages) are sent once it is back, exactly once, even from two tabs
 * at a time and after a reload.
 */
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactOf, launchChromium, shadowText, startVendorPage, type VendorPage } from './browser.js';
import { startRealServer, type RealServer } from '../server/test/real-server.js';
import { buildBundle } from '../widget/test/build-bundle.js';
import { seedScenario, type Scenario } from '../widget/test/scenario.js';

describe('many tabs and no network', () => {
  let real: RealServer;
  let vendor: VendorPage;
  let browser: Browser;
  let s: Scenario;

  beforeAll(async () => {
    buildBundle();
    real = await startRealServer();
    s = await seedScenario(real.call, 'tabs');
    vendor = await startVendorPage(real, { contact: contactOf(s) });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await vendor?.close();
    await real?.close();
  });

  /** The `GET /v1/events` requests of a context still open, each with the page that made it. */
  function streams(context: BrowserContext) {
    const open = new Map<Request, Page>();
    context.on('request', (r) => r.url().endsWith('/v1/events') && open.set(r, r.frame().page()));
    context.on('requestfinished', (r) => open.delete(r));
    context.on('requestfailed', (r) => open.delete(r));
    // A closed tab's requests end with it (the browser reports no failure for them).
    return { get size() { return [...open.values()].filter((page) => !page.isClosed()).length; }, pages: () => [...open.values()].filter((page) => !page.isClosed()) };
  }

  const blockedCount = (page: Page) => shadowText(page).then((text) => /(\d) Blocked/.exec(text)?.[1]);
  const waitText = (page: Page, text: string, present = true) =>
    page.waitForFunction(
      ([text, present]) => {
        const parts: string[] = [];
        const visit = (node: Node) => {
          if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
          (node as Element).shadowRoot?.childNodes.forEach(visit);
          node.childNodes.forEach(visit);
        };
        visit(document.querySelector('customer-portal')!);
        return parts.join(' ').replace(/\s+/g, ' ').includes(text as string) === present;
      },
      [text, present],
      { timeout: 20_000 },
    );

  /** Two tabs of one browser context on `hash`, the first-visit tour (a modal dialog) seen, each with its comment or message box. */
  async function twoTabs(hash: string) {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    await context.addInitScript((key) => localStorage.setItem(key, 'done'), `cp-tour:${s.contact.userId}`);
    const [one, two] = [await context.newPage(), await context.newPage()];
    for (const page of [one, two]) {
      await page.goto(`${vendor.url}/#${hash}`);
      await page.locator('customer-portal [part=comment-box] textarea').waitFor();
    }
    return { context, one, two };
  }

  /** Posts `text` from the page's comment or message box. */
  const post = async (page: Page, text: string) => {
    await page.locator('customer-portal [part=comment-box] textarea').fill(text);
    await page.locator('customer-portal [part=comment-box] button[type=submit]').click();
  };

  /** Writes `text` offline, then reloads the page while the service is still out of reach, then lets it through again. */
  async function writeThenReload(context: BrowserContext, page: Page, text: string) {
    await context.setOffline(true);
    await post(page, text);
    await waitText(page, 'to be sent.');
    await context.setOffline(false);
    await context.route(`${real.url}/v1/**`, (route) => route.abort());
    await page.reload();
    await waitText(page, 'could not be opened');
    expect(await shadowText(page)).toContain('Try again');
    await context.unroute(`${real.url}/v1/**`);
  }

  it('loads in ten tabs, all live, over one event stream that another tab resumes when its tab closes', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const open = streams(context);
    const pages: Page[] = [];
    for (let i = 0; i < 10; i++) {
      const page = await context.newPage();
      await page.goto(`${vendor.url}/#dashboard`);
      pages.push(page);
    }
    for (const page of pages) await page.locator('customer-portal [part=counts]').waitFor();
    await Promise.all(pages.map((page) => waitText(page, '1 Blocked')));
    expect(open.size).toBe(1);

    await real.call('PATCH', `/v1/tasks/${s.tasks.sso}`, { status: 'blocked' });
    await Promise.all(pages.map((page) => waitText(page, '2 Blocked')));
    expect(open.size).toBe(1);

    // The tab holding the stream closes; a change made at once still reaches every other tab.
    const leader = open.pages()[0]!;
    const resumed = context.waitForEvent('request', (r) => r.url().endsWith('/v1/events'));
    await leader.close();
    await real.call('PATCH', `/v1/tasks/${s.tasks.dpa}`, { status: 'blocked' });
    const rest = pages.filter((page) => page !== leader);
    expect((await resumed).headers()['last-event-id']).toMatch(/^\d+$/);
    await Promise.all(rest.map((page) => waitText(page, '3 Blocked')));
    expect(await Promise.all(rest.map(blockedCount))).toEqual(rest.map(() => '3'));
    expect(open.size).toBe(1);

    await real.call('PATCH', `/v1/tasks/${s.tasks.dpa}`, { status: 'todo' });
    await real.call('PATCH', `/v1/tasks/${s.tasks.sso}`, { status: 'in_progress' });
    await context.close();
  });

  it('keeps what two tabs change offline and sends each change once when the network is back, also after a reload', async () => {
    const { context, one, two } = await twoTabs(`tasks/${s.tasks.dpa}`);
    const before = await real.call<{ version: number }>('GET', `/v1/tasks/${s.tasks.dpa}`);

    await context.setOffline(true);
    await one.locator('customer-portal select[aria-label=Status]').selectOption('done');
    await post(one, 'Signed offline (tab one).');
    await post(two, 'Countersigned offline (tab two).');
    for (const page of [one, two]) await waitText(page, 'to be sent.');
    await waitText(one, 'Waits for the network');
    expect(await one.locator('customer-portal select[aria-label=Status]').inputValue()).toBe('done');

    await context.setOffline(false);
    for (const page of [one, two]) await waitText(page, 'to be sent', false);
    await waitText(one, 'Countersigned offline (tab two).');
    await waitText(two, 'Signed offline (tab one).');

    const comments = (await real.call<{ data: { body: string }[] }>('GET', `/v1/tasks/${s.tasks.dpa}/comments`)).data.map((c) => c.body);
    expect(comments.filter((b) => b === 'Signed offline (tab one).')).toHaveLength(1);
    expect(comments.filter((b) => b === 'Countersigned offline (tab two).')).toHaveLength(1);
    const after = await real.call<{ status: string; version: number }>('GET', `/v1/tasks/${s.tasks.dpa}`);
    expect(after.status).toBe('done');
    expect(after.version).toBe(before.version + 1);

    // Written offline, then the page reloads while the service is still out of reach.
    await two.close();
    await writeThenReload(context, one, 'Written before a reload.');
    await waitText(one, 'Written before a reload.');
    await waitText(one, 'to be sent', false);
    const final = (await real.call<{ data: { body: string }[] }>('GET', `/v1/tasks/${s.tasks.dpa}/comments`)).data.map((c) => c.body);
    expect(final.filter((b) => b === 'Written before a reload.')).toHaveLength(1);
    await context.close();
  });

  it('keeps messages two tabs write offline in their thread, pending, and writes each once when both come back at once', async () => {
    const { context, one, two } = await twoTabs('messages');

    await context.setOffline(true);
    await post(one, 'Asked offline (tab one).');
    await post(two, 'Answered offline (tab two).');
    for (const page of [one, two]) {
      await waitText(page, '1 change waits to be sent.');
      await waitText(page, 'Waits for the network');
    }
    expect(await one.locator('customer-portal [part=message].pending').count()).toBe(1);

    // Both tabs see the network come back at the same moment: each flushes the shared outbox.
    await context.setOffline(false);
    for (const page of [one, two]) await waitText(page, 'to be sent', false);
    await waitText(one, 'Answered offline (tab two).');
    await waitText(two, 'Asked offline (tab one).');
    for (const page of [one, two]) await expect.poll(() => page.locator('customer-portal [part=message].pending').count()).toBe(0);

    const thread = (await real.call<{ data: { id: string }[] }>('GET', `/v1/threads?customer_id=${s.customerId}`)).data[0]!;
    const bodies = (await real.call<{ data: { body: string }[] }>('GET', `/v1/threads/${thread.id}/messages?limit=100`)).data.map((m) => m.body);
    expect(bodies.filter((b) => b === 'Asked offline (tab one).')).toHaveLength(1);
    expect(bodies.filter((b) => b === 'Answered offline (tab two).')).toHaveLength(1);
    for (const page of [one, two]) expect(await page.locator('customer-portal [part=message]', { hasText: 'offline (tab' }).count()).toBe(2);

    // Written offline, then reloaded: the message is still shown pending in its thread, and sent once.
    await two.close();
    await writeThenReload(context, one, 'Written before a reload (message).');
    await waitText(one, 'Written before a reload (message).');
    await waitText(one, 'to be sent', false);
    const final = (await real.call<{ data: { body: string }[] }>('GET', `/v1/threads/${thread.id}/messages?limit=100`)).data.map((m) => m.body);
    expect(final.filter((b) => b === 'Written before a reload (message).')).toHaveLength(1);
    await context.close();
  });
});
