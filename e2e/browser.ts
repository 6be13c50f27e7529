import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Secret, TOTP } from 'otpauth';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../server/config.js';
import { startServer } from '../server/serve.js';
import { startMailCatcher, type MailCatcher } from '../server/test/mail-catcher.js';
import { createTenant } from '../server/tenants/tenant.repository.js';
import { buildBundle } from '../widget/test/build-bundle.js';

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
 * failed requests), except those `allowed` says were provoked on purpose.
 * @example const problems = watchProblems(page); …; expect(problems).toEqual([]);
 */
export function watchProblems(page: Page, allowed: (status: number, url: string) => boolean = () => false): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico') && !allowed(response.status(), response.url())) problems.push(`${response.status()} ${response.url()}`);
  });
  return problems;
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
