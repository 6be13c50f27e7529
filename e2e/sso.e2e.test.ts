/**
 * Company sign-in end to end: the real service, a real OpenID provider (`oidc-provider`, started
 * here on 127.0.0.1), and Chromium. A contact with an authenticator signs in on the hosted page
 * through the provider, then enters the TOTP code; a CSM signs in on the admin page through the
 * provider. The codes come from `otpauth`, as an authenticator app computes them.
 * With UPDATE_SCREENSHOTS=1 the screenshots go to docs/screenshots/.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeFor, launchChromium, screenshotDir, startService, type E2eService } from './browser.js';
import { startOidcProvider, type TestProvider } from '../server/test/oidc-provider.js';

const SLUG = 'northwind';
const ANA = 'ana@acme.test';
const CSM = 'sam@northwind.test';
const CLIENT = { client_id: 'customer-portal', client_secret: 'e2e-secret-0123456789abcdef' };
const screenshots = screenshotDir();

describe('company sign-in (OIDC) in the browser, then the TOTP code', () => {
  let service: E2eService;
  let idp: TestProvider;
  let url: string;
  let browser: Browser;
  let page: Page;
  let secret: string;
  const problems: string[] = [];

  beforeAll(async () => {
    service = await startService('cp-sso-e2e-', screenshots, { name: 'Northwind Software', slug: SLUG });
    url = service.url;
    idp = await startOidcProvider([{ ...CLIENT, redirect_uris: [`${url}/p/${SLUG}/sso/callback`] }]);
    const api = async (method: string, path: string, body: unknown, token = service.apiKey) => {
      const r = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const text = await r.text();
      if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${text}`);
      return text ? JSON.parse(text) : null;
    };
    await api('PATCH', '/v1/settings', { sso: { oidc: { issuer: idp.issuer, ...CLIENT }, allowed_domains: ['acme.test', 'northwind.test'] } });
    await api('POST', '/v1/embed-tokens', { user: { external_id: 'sam', name: 'Sam Carter', email: CSM, role: 'staff', staff_role: 'admin' } });
    const ana = await api('POST', '/v1/embed-tokens', { user: { external_id: 'ana', name: 'Ana Silva', email: ANA, role: 'contact' }, customer: { external_id: 'acme', name: 'Acme' } });
    secret = (await api('POST', '/v1/me/mfa/totp', undefined, ana.token)).secret;
    await api('POST', '/v1/me/mfa/totp/confirm', { code: codeFor(secret) }, ana.token);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 820 }, locale: 'en-US' });
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await idp?.close();
  });

  it('signs a contact in on the hosted page through the provider, then asks for the code before the session', async () => {
    await page.goto(`${url}/p/${SLUG}`);
    await page.getByRole('heading', { name: 'Sign in to Northwind Software' }).waitFor();
    await page.screenshot({ path: join(screenshots, 'sso-sign-in.png') });
    idp.signInAs({ email: ANA, email_verified: true, name: 'Ana Silva' });
    await page.getByRole('link', { name: 'Sign in with your company account' }).click();
    await page.getByRole('heading', { name: 'Enter your code' }).waitFor({ timeout: 20_000 });
    expect(page.url()).toBe(`${url}/auth/mfa`);
    expect((await page.context().cookies()).some((c) => c.name === 'cp_session')).toBe(false);
    await page.getByLabel('Code').fill(codeFor(secret, 1));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${url}/p/${SLUG}`);
    await page.locator('customer-portal').waitFor();
    const session = (await page.context().cookies()).find((c) => c.name === 'cp_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    await page.context().clearCookies();
  });

  it('signs a CSM in on the admin page through the provider', async () => {
    await page.goto(`${url}/admin`);
    await page.screenshot({ path: join(screenshots, 'sso-admin-sign-in.png') });
    idp.signInAs({ email: CSM, email_verified: true, name: 'Sam Carter' });
    await page.getByLabel('Portal to sign in to').fill(SLUG);
    await page.getByRole('button', { name: 'Sign in with your company account' }).click();
    await page.waitForURL(`${url}/admin`, { timeout: 20_000 });
    await page.locator('cp-admin [role=tab]', { hasText: 'Settings' }).first().waitFor();
    expect(problems).toEqual([]);
  });

  it('says so, and opens no session, for a company account that is no one here', async () => {
    await page.context().clearCookies();
    idp.signInAs({ email: 'stranger@acme.test', email_verified: true });
    await page.goto(`${url}/p/${SLUG}`);
    await page.getByRole('link', { name: 'Sign in with your company account' }).click();
    await page.getByRole('heading', { name: 'No account for this company sign-in' }).waitFor({ timeout: 20_000 });
    expect((await page.context().cookies()).some((c) => c.name === 'cp_session')).toBe(false);
  });
});
