import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { chromium, type Browser, type Page } from 'playwright-core';

/** A port free on 127.0.0.1 right now, for a service the test starts. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });

/** Where a test's screenshots go: docs/screenshots/ with UPDATE_SCREENSHOTS=1, else a temporary folder. */
export const screenshotDir = () => (process.env.UPDATE_SCREENSHOTS ? fileURLToPath(new URL('../docs/screenshots/', import.meta.url)) : mkdtempSync(join(tmpdir(), 'cp-shots-')));

/** The code an authenticator app shows for `secret`, `steps` periods of 30 s from now. */
export const codeFor = (secret: string, steps = 0) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + steps * 30_000 });

/** The machine's Chromium, never a downloaded one, with the flags every run here uses. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });

/**
 * Chromium with one page at the desktop size the screenshots use, and the page's uncaught errors (a test expects none).
 * @example const { browser, page, problems } = await openPage();
 */
export async function openPage(): Promise<{ browser: Browser; page: Page; problems: string[] }> {
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 820 }, locale: 'en-US' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  return { browser, page, problems };
}

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
