import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Secret, TOTP } from 'otpauth';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startExampleVendor } from '../examples/vendor/server.js';
import type { DemoUser } from '../examples/vendor/portal-token.js';
import { loadConfig } from '../server/config.js';
import { startServer } from '../server/serve.js';
import { startMailCatcher, type MailCatcher } from '../server/test/mail-catcher.js';
import type { RealServer } from '../server/test/real-server.js';
import { createTenant } from '../server/tenants/tenant.repository.js';
import { buildBundle } from '../widget/test/build-bundle.js';
import type { Scenario } from '../widget/test/scenario.js';

/** The machine's Chromium, never a downloaded one, with the flags every run here uses. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });

/**
 * Every text node of an element, through its shadow roots: what the person at that page could read.
 * @example expect(await shadowText(page)).not.toContain('Internal note');
 */
export const shadowText = (page: Page, selector = 'customer-portal') =>
  page.evaluate((selector) => {
    const parts: string[] = [];
    const visit = (node: Node) => {
      if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
      const shadow = (node as Element).shadowRoot;
      if (shadow) shadow.childNodes.forEach(visit);
      node.childNodes.forEach(visit);
    };
    visit(document.querySelector(selector)!);
    return parts.join(' ').replace(/\s+/g, ' ');
  }, selector);

/**
 * Collects what went wrong on a page into `problems`: console errors (a CSP violation among
 * them), page errors, and responses of 400 and more (checked by URL: the console does not name
 * failed requests), except those `allowed` says were provoked on purpose. With `who`, each is
 * named by whose page it was (suites with several people share one list).
 * @example const problems = watchProblems(page); …; expect(problems).toEqual([]);
 */
export function watchProblems(page: Page, allowed: (status: number, url: string) => boolean = () => false, problems: string[] = [], who?: string): string[] {
  const note = (text: string) => problems.push(who ? `${who}: ${text}` : text);
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) note(message.text());
  });
  page.on('pageerror', (error) => note(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico') && !allowed(response.status(), response.url())) note(`${response.status()} ${response.url()}`);
  });
  return problems;
}

/** How a suite's page is opened: its window, and the refusals it provokes on purpose. */
export interface PageOptions {
  viewport?: { width: number; height: number };
  acceptDownloads?: boolean;
  allowed?: (status: number, url: string) => boolean;
}

/**
 * A page in a browser context of its own (its own cookies: one person), in English, its problems
 * collected into `problems` (named by `who` when given).
 * @example const contact = await openPage(browser, problems, { who: 'contact' });
 */
export async function openPage(browser: Browser, problems: string[], options: PageOptions & { who?: string } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 820 }, locale: 'en-US', acceptDownloads: options.acceptDownloads ?? false });
  const page = await context.newPage();
  watchProblems(page, options.allowed, problems, options.who);
  return page;
}

/** A suite's Chromium and its one page; `problems` is what went wrong on it so far. */
export interface BrowserPage {
  browser: Browser;
  page: Page;
  problems: string[];
}

/**
 * Launches Chromium with one page (see `openPage`) before the suite's tests, after the hooks
 * declared before it, and closes it after them, before the hooks declared before it (so the
 * service a suite starts first is still there while its pages close).
 * @example const b = useBrowserPage({ viewport: { width: 1280, height: 900 } }); it('…', () => b.page.goto(url));
 */
export function useBrowserPage(options: PageOptions = {}): BrowserPage {
  const held = { problems: [] as string[] } as BrowserPage;
  beforeAll(async () => {
    held.browser = await launchChromium();
    held.page = await openPage(held.browser, held.problems, options);
  });
  afterAll(() => held.browser?.close());
  return held;
}

/** A first visit greets with the tour (a modal dialog): skipped once it shows. */
export async function skipTour(page: Page): Promise<void> {
  const tour = page.locator('customer-portal dialog[part=tour]');
  await tour.waitFor({ timeout: 15_000 });
  await tour.getByRole('button', { name: 'Skip the tour' }).click();
  await tour.waitFor({ state: 'hidden' });
}

/** The code an authenticator app shows for `secret`, `steps` periods of 30 s from now. */
export const codeFor = (secret: string, steps = 0) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + steps * 30_000 });

/** Where a suite's screenshots go: docs/screenshots/ with UPDATE_SCREENSHOTS=1, else a folder removed after it. */
export const screenshotDir = (): string =>
  process.env.UPDATE_SCREENSHOTS ? fileURLToPath(new URL('../docs/screenshots/', import.meta.url)) : mkdtempSync(join(tmpdir(), 'cp-shots-'));

/** The real service a browser suite runs against, with its mail catcher and one tenant. */
export interface E2eService {
  url: string;
  /** The tenant's API key. */
  apiKey: string;
  mail: MailCatcher;
  /** Stops the service and the catcher, removes its data (and the screenshots unless kept). */
  close(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });

/**
 * Builds the bundles and starts the service on a free port of its own (SQLite in a fresh data
 * folder, its email through SMTP to a catcher), with one tenant; `env` adds to its settings.
 * @example const service = await startService('cp-admin-e2e-', screenshots, { name: 'Northwind Software', slug: 'northwind' });
 */
export async function startService(prefix: string, screenshots: string, tenant: { name: string; slug: string }, env: Record<string, string> = {}): Promise<E2eService> {
  buildBundle();
  mkdirSync(screenshots, { recursive: true });
  const mail = await startMailCatcher();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const url = `http://127.0.0.1:${port}`;
  const config = loadConfig({ DATABASE_URL: `sqlite:${join(dataDir, 'portal.db')}`, SMTP_URL: mail.url, PUBLIC_URL: url, ...env }, { port, host: '127.0.0.1', dataDir });
  const server = await startServer(config);
  const { api_key: apiKey } = await createTenant(server.deps.db, tenant);
  return {
    url,
    apiKey,
    mail,
    close: async () => {
      await server.close();
      await mail.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (!process.env.UPDATE_SCREENSHOTS) rmSync(screenshots, { recursive: true, force: true });
    },
  };
}

/** The example vendor app that e2e suites embed the widget in. */
export type VendorPage = Awaited<ReturnType<typeof startExampleVendor>>;

/**
 * The example vendor app on another origin (localhost against the service's 127.0.0.1), on a
 * free port, signing in as `users` (the first one until the page switches).
 * @example vendor = await startVendorPage(real, { contact: contactOf(s) });
 */
export const startVendorPage = (real: RealServer, users: Record<string, DemoUser>): Promise<VendorPage> =>
  startExampleVendor({ port: 0, host: 'localhost', apiBase: real.url, apiKey: real.apiKey, users });

/** A seeded scenario's contact (Ana) as a user of the vendor app. */
export const contactOf = (s: Scenario, label = 'Ana'): DemoUser => ({ label, user: { external_id: s.contact.externalId, name: s.contact.name, role: 'contact' }, customer: { external_id: s.customerExternalId } });
