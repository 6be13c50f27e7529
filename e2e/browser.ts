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
