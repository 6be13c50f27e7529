/**
 * The React 19 example as a vendor runs it: its token provider is set in an effect, after the
 * element is in the page, and the portal must open without a false `cp-error`.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.js';
import { startReactExample } from '../examples/react/server.js';
import { startRealServer, type RealServer } from '../server/test/real-server.js';
import { buildBundle } from '../widget/test/build-bundle.js';

describe('the React example', () => {
  let real: RealServer;
  let react: Awaited<ReturnType<typeof startReactExample>>;
  let browser: Browser;

  beforeAll(async () => {
    buildBundle();
    real = await startRealServer();
    react = await startReactExample({ port: 0, apiBase: real.url, apiKey: real.apiKey });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await react?.close();
    await real?.close();
  });

  it('opens the portal with no cp-error, its credential given in an effect', async () => {
    const page = await browser.newPage();
    // The widget's events reach the document (they bubble and are composed): recorded from the start.
    await page.addInitScript(() => {
      const seen: unknown[] = ((window as unknown as { portalEvents: unknown[] }).portalEvents = []);
      for (const name of ['cp-ready', 'cp-error']) document.addEventListener(name, (e) => seen.push([name, (e as CustomEvent).detail?.code ?? null]));
    });
    await page.goto(react.url);
    await page.waitForFunction(() => (window as unknown as { portalEvents: unknown[] }).portalEvents.length > 0);
    await page.locator('customer-portal [role=tab]', { hasText: 'Dashboard' }).waitFor();
    await page.waitForTimeout(1_000);
    expect(await page.evaluate(() => (window as unknown as { portalEvents: unknown[] }).portalEvents)).toEqual([['cp-ready', null]]);
    await page.close();
  });
});
