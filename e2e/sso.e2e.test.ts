/**
 * Company sign-in end to end: the real service, a real OpenID provider (`oidc-provider`, started
 * here on 127.0.0.1), and Chromium. A contact with an authenticator signs in on the hosted page
 * through the provider, then enters the TOTP code; a CSM signs in on the admin page through the
 * provider. The codes come from `otpauth`, as an authenticator app computes them.
 * With UPDATE_SCREENSHOTS=1 the screenshots go to docs/screenshots/.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeFor, screenshotDir, startService, useBrowserPage, type E2eService } from './browser.js';
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
  let secret: string;

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
  });

  afterAll(async () => {
    await service?.close();
    await idp?.close();
  });

  const b = useBrowserPage();

  it('signs a contact in on the hosted page through the provider, then asks for the code before the session', async () => {
    await b.page.goto(`${url}/p/${SLUG}`);
    await b.page.getByRole('heading', { name: 'Sign in to Northwind Software' }).waitFor();
    await b.page.screenshot({ path: join(screenshots, 'sso-sign-in.png') });
    idp.signInAs({ email: ANA, email_verified: true, name: 'Ana Silva' });
    await b.page.getByRole('link', { name: 'Sign in with your company account' }).click();
    await b.page.getByRole('heading', { name: 'Enter your code' }).waitFor({ timeout: 20_000 });
    expect(b.page.url()).toBe(`${url}/auth/mfa`);
    expect((await b.page.context().cookies()).some((c) => c.name === 'cp_session')).toBe(false);
    await b.page.getByLabel('Code').fill(codeFor(secret, 1));
    await b.page.getByRole('button', { name: 'Continue' }).click();
    await b.page.waitForURL(`${url}/p/${SLUG}`);
    await b.page.locator('customer-portal').waitFor();
    const session = (await b.page.context().cookies()).find((c) => c.name === 'cp_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    await b.page.context().clearCookies();
  });

  it('signs a CSM in on the admin page through the provider', async () => {
    await b.page.goto(`${url}/admin`);
    await b.page.screenshot({ path: join(screenshots, 'sso-admin-sign-in.png') });
    idp.signInAs({ email: CSM, email_verified: true, name: 'Sam Carter' });
    await b.page.getByLabel('Portal to sign in to').fill(SLUG);
    await b.page.getByRole('button', { name: 'Sign in with your company account' }).click();
    await b.page.waitForURL(`${url}/admin`, { timeout: 20_000 });
    await b.page.locator('cp-admin [role=tab]', { hasText: 'Settings' }).first().waitFor();
    expect(b.problems).toEqual([]);
  });

  it('says so, and opens no session, for a company account that is no one here', async () => {
    await b.page.context().clearCookies();
    idp.signInAs({ email: 'stranger@acme.test', email_verified: true });
    await b.page.goto(`${url}/p/${SLUG}`);
    await b.page.getByRole('link', { name: 'Sign in with your company account' }).click();
    await b.page.getByRole('heading', { name: 'No account for this company sign-in' }).waitFor({ timeout: 20_000 });
    expect((await b.page.context().cookies()).some((c) => c.name === 'cp_session')).toBe(false);
  });
});
