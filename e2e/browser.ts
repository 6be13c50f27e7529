import { chromium, type Browser, type Page } from 'playwright-core';

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
