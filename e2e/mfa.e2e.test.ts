/**
 * Two-step sign-in end to end: the real service (mail through SMTP to a catcher), the real admin
 * bundle, and Chromium. A CSM signs in by the emailed link, sets up an authenticator in
 * Settings, signs out, and signs in again through the code page. The codes come from `otpauth`,
 * as an authenticator app computes them. With UPDATE_SCREENSHOTS=1 the screenshots go to docs/screenshots/.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeFor, screenshotDir, startService, useBrowserPage, type E2eService } from './browser.js';
import type { MailCatcher } from '../server/test/mail-catcher.js';

const SLUG = 'northwind';
const CSM = 'sam@northwind.test';
const screenshots = screenshotDir();


describe('two-step sign-in in the browser: set up in Settings, then the code page after the link', () => {
  let service: E2eService;
  let mail: MailCatcher;
  let url: string;
  let secret: string;

  const signInByLink = async () => {
    const since = mail.messages.length;
    await b.page.goto(`${url}/admin`);
    await b.page.getByLabel('Portal name').fill(SLUG);
    await b.page.getByLabel('Email address').fill(CSM);
    await b.page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await b.page.getByRole('heading', { name: 'Check your email' }).waitFor();
    const message = await mail.waitFor((m) => m.to.includes(CSM), since, 10_000);
    await b.page.goto(message.links[0]!);
    await b.page.getByRole('button', { name: 'Sign in' }).click();
  };

  beforeAll(async () => {
    service = await startService('cp-mfa-e2e-', screenshots, { name: 'Northwind Software', slug: SLUG });
    ({ url, mail } = service);
    const { apiKey } = service;
    const issued = await fetch(`${url}/v1/embed-tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ user: { external_id: 'sam', name: 'Sam Carter', email: CSM, role: 'staff', staff_role: 'admin' } }),
    });
    expect(issued.status).toBe(201);
  });

  afterAll(async () => {
    await service?.close();
  });

  // The wrong code is the one refusal this run provokes on purpose.
  const b = useBrowserPage({ allowed: (status, url) => status === 400 && new URL(url).pathname === '/auth/mfa' });

  it('sets up an authenticator in the Settings tab and shows the recovery codes once', async () => {
    await signInByLink();
    await b.page.waitForURL(`${url}/admin`);
    await b.page.locator('cp-admin [role=tab]', { hasText: 'Settings' }).first().click();
    const mfa = b.page.locator('cp-mfa');
    await mfa.getByRole('button', { name: 'Set up an authenticator app' }).click();
    secret = (await mfa.locator('code').first().textContent())!.replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await expect(mfa.getByRole('link', { name: 'Open in an authenticator app on this device' }).getAttribute('href')).resolves.toMatch(/^otpauth:\/\/totp\//);
    await mfa.getByLabel('Code').fill(codeFor(secret));
    await mfa.getByRole('button', { name: 'Turn on' }).click();
    await mfa.locator('.codes li').nth(9).waitFor();
    expect(await mfa.locator('.codes li').count()).toBe(10);
    await mfa.screenshot({ path: join(screenshots, 'mfa-recovery-codes.png') });
    await mfa.getByRole('button', { name: 'I have saved them' }).click();
    await mfa.getByText('10 recovery codes left').waitFor();
  });

  it('asks for the code after the link; a wrong one opens nothing, the right one signs in', async () => {
    await b.page.getByRole('button', { name: 'Sign out' }).first().click();
    await b.page.getByRole('heading', { name: 'Sign in to the admin page' }).waitFor();
    await signInByLink();
    await b.page.getByRole('heading', { name: 'Enter your code' }).waitFor();
    expect((await b.page.context().cookies()).some((c) => c.name === 'cp_session')).toBe(false);
    await b.page.screenshot({ path: join(screenshots, 'mfa-code-b.page.png') });
    await b.page.getByLabel('Code').fill(codeFor(secret) === '000000' ? '111111' : '000000');
    await b.page.getByRole('button', { name: 'Continue' }).click();
    await b.page.getByRole('alert').filter({ hasText: 'not right' }).waitFor();
    expect((await b.page.context().cookies()).some((c) => c.name === 'cp_session')).toBe(false);
    await b.page.getByLabel('Code').fill(codeFor(secret, 1));
    await b.page.getByRole('button', { name: 'Continue' }).click();
    await b.page.waitForURL(`${url}/admin`);
    await b.page.locator('cp-admin [role=tab]', { hasText: 'Settings' }).first().waitFor();
    const session = (await b.page.context().cookies()).find((c) => c.name === 'cp_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(b.problems).toEqual([]);
  });
});
