/**
 * Company sign-in end to end: the real service, a real OpenID provider (`oidc-provider`, started
 * here on 127.0.0.1), and Chromium. A contact with an authenticator signs in on the hosted page
 * through the provider, then enters the TOTP code; a CSM signs in on the admin page through the
 * provider. The codes come from `otpauth`, as an authenticator app computes them.
 * With UPDATE_SCREENSHOTS=1 the screenshots go to docs/screenshots/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeFor, freePort, openPage, screenshotDir } from './browser.js';
import { loadConfig } from '../server/config.js';
import { startServer, type RunningServer } from '../server/serve.js';
import { startOidcProvider, type TestProvider } from '../server/test/oidc-provider.js';
import { createTenant } from '../server/tenants/tenant.repository.js';
import { buildBundle } from '../widget/test/build-bundle.js';

const SLUG = 'northwind';
const ANA = 'ana@acme.test';
const CSM = 'sam@northwind.test';
const CLIENT = { client_id: 'customer-portal', client_secret: 'e2e-secret-0123456789abcdef' };
const screenshots = screenshotDir();



describe('company sign-in (OIDC) in the browser, then the TOTP code', () => {
  let server: RunningServer;
  let idp: TestProvider;
  let dataDir: string;
  let url: string;
  let browser: Browser;
  let page: Page;
  let secret: string;
  let problems: string[] = [];

  beforeAll(async () => {
    buildBundle();
    mkdirSync(screenshots, { recursive: true });
    const port = await freePort();
    dataDir = mkdtempSync(join(tmpdir(), 'cp-sso-e2e-'));
    url = `http://127.0.0.1:${port}`;
    idp = await startOidcProvider([{ ...CLIENT, redirect_uris: [`${url}/p/${SLUG}/sso/callback`] }]);
    const config = loadConfig({ DATABASE_URL: `sqlite:${join(dataDir, 'portal.db')}`, PUBLIC_URL: url }, { port, host: '127.0.0.1', dataDir });
    server = await startServer(config);
    const { api_key: apiKey } = await createTenant(server.deps.db, { name: 'Northwind Software', slug: SLUG });
    const api = async (method: string, path: string, body: unknown, token = apiKey) => {
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
    ({ browser, page, problems } = await openPage());
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await idp?.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (!process.env.UPDATE_SCREENSHOTS) rmSync(screenshots, { recursive: true, force: true });
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
