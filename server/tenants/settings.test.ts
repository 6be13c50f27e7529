import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, databases, startTestApp, type TestApp, type World } from '../test/harness.js';

describe.each(databases)('settings on $name', (database) => {
  let t: TestApp;
  let w: World;
  let tenantName: string;
  /** The sign-in settings' defaults, which every answer carries too. */
  const sessionDefaults = { session_idle_minutes: 43_200, session_max_days: 90, mfa_required: 'none', sso: { oidc: null, required_for: 'none', allowed_domains: [], verified_at: null }, self_registration: 'off' };
  /** The tenant's default permission sets, which every answer carries. */
  let sets: { default_permission_set_id: string | null; default_partner_permission_set_id: string | null };
  const patch = (auth: string, body: object, headers: Record<string, string> = {}) => t.request('PATCH', '/v1/settings', { auth, body, headers });

  beforeAll(async () => {
    t = await startTestApp(database);
    w = await buildWorld(t);
    const tenant = await t.deps.db.selectFrom('tenants').selectAll().where('id', '=', w.tenantId).executeTakeFirstOrThrow();
    tenantName = tenant.name;
    sets = { default_permission_set_id: tenant.default_permission_set_id, default_partner_permission_set_id: tenant.default_partner_permission_set_id };
  });
  afterAll(() => t.close());

  it('answers the defaults to API keys and staff only', async () => {
    const r = await t.request('GET', '/v1/settings', { auth: w.key });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ allowed_origins: [], email_from: tenantName, app_url: null, ...sets, ...sessionDefaults });
    expect((await t.request('GET', '/v1/settings', { auth: w.staff })).body).toEqual(r.body);
    expect((await t.request('GET', '/v1/settings', { auth: w.contactA })).status).toBe(403);
    expect((await patch(w.contactA, { email_from: 'Acme' })).status).toBe(403);
    expect((await t.request('GET', '/v1/settings', { auth: w.deactivated })).status).toBe(401);
    expect((await t.request('GET', '/v1/settings')).status).toBe(401);
  });

  it('answers every kind of caller as the contract says, on branding and settings alike', async () => {
    const expected: [string | null, number][] = [
      [w.key, 200],
      [w.staff, 200],
      [w.contactA, 403],
      [w.contactB, 403],
      [w.deactivated, 401],
      [null, 401],
    ];
    for (const path of ['/v1/settings', '/v1/branding']) {
      for (const [auth, status] of expected) {
        expect([path, 'GET', (await t.request('GET', path, { auth })).status]).toEqual([path, 'GET', status]);
        const body = path === '/v1/settings' ? { email_from: tenantName } : { preset: 'default' };
        expect([path, 'PATCH', (await t.request('PATCH', path, { auth, body })).status]).toEqual([path, 'PATCH', status]);
      }
      // Another tenant's key reads and writes its own tenant's, never this one's.
      expect((await t.request('PATCH', path, { auth: w.otherTenantKey, body: path === '/v1/settings' ? { email_from: 'Other' } : { preset: 'graphite' } })).status).toBe(200);
    }
    expect((await t.request('GET', '/v1/settings', { auth: w.key })).body.email_from).toBe(tenantName);
    expect((await t.request('GET', '/v1/branding', { auth: w.key })).body.preset).toBe('default');
  });

  it('normalises origins and refuses what is not an origin, a URL or one line of text', async () => {
    const r = await patch(w.key, { allowed_origins: ['https://App.Vendor.test:443', 'http://localhost:3000', 'https://app.vendor.test'], email_from: 'Northwind Success', app_url: 'https://app.vendor.test/portal', ...sets });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ allowed_origins: ['https://app.vendor.test', 'http://localhost:3000'], email_from: 'Northwind Success', app_url: 'https://app.vendor.test/portal', ...sets, ...sessionDefaults });
    for (const body of [
      { allowed_origins: ['https://app.vendor.test/'] },
      { allowed_origins: ['https://app.vendor.test/path'] },
      { allowed_origins: ['ftp://app.vendor.test'] },
      { allowed_origins: ['https://user@app.vendor.test'] },
      { allowed_origins: ['*'] },
      { allowed_origins: 'https://app.vendor.test' },
      { app_url: 'javascript:alert(1)' },
      { app_url: 'app.vendor.test' },
      { email_from: 'Support\r\nBcc: all@victims.test' },
      { email_from: 'Support <ceo@bank.test>' },
      { email_from: '' },
      { colour: 'blue' },
    ]) {
      const bad = await patch(w.key, body);
      expect([JSON.stringify(body), bad.status]).toEqual([JSON.stringify(body), 400]);
    }
    const reset = await patch(w.staff, { email_from: null, app_url: null, allowed_origins: [] });
    expect(reset.body).toEqual({ allowed_origins: [], email_from: tenantName, app_url: null, ...sets, ...sessionDefaults });
    const event = await t.deps.db.selectFrom('events').selectAll().where('type', '=', 'settings.updated').where('tenant_id', '=', w.tenantId).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(event.visibility).toBe('internal');
    expect(JSON.parse(event.data)).toMatchObject({ settings: reset.body, changes: ['allowed_origins', 'email_from', 'app_url'] });
  });

  it('refuses embed tokens from origins not listed, at once, and allows any again when emptied', async () => {
    const call = (auth: string, origin?: string) => t.request('GET', '/v1/tasks', { auth, headers: origin ? { origin } : {} });
    expect((await call(w.contactA, 'https://evil.test')).status).toBe(200);

    expect((await patch(w.staff, { allowed_origins: ['https://app.vendor.test'] })).status).toBe(200);
    const refused = await call(w.contactA, 'https://evil.test');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('origin_not_allowed');
    expect((await call(w.staff, 'https://evil.test')).status).toBe(403);
    expect((await patch(w.staff, { allowed_origins: [] }, { origin: 'https://evil.test' })).status).toBe(403);
    expect((await call(w.contactA, 'https://app.vendor.test')).status).toBe(200);
    expect((await call(w.contactA)).status).toBe(200);
    expect((await call(w.contactA, 'http://portal.test')).status).toBe(200);
    expect((await call(w.key, 'https://evil.test')).status).toBe(200);
    expect((await call(w.contactB, 'https://evil.test')).status).toBe(403);

    const preflight = await t.app.request('/v1/tasks', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.test', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');

    const otherTenant = await t.request('GET', '/v1/settings', { auth: w.otherTenantKey });
    expect(otherTenant.body.allowed_origins).toEqual([]);

    expect((await patch(w.key, { allowed_origins: [] })).status).toBe(200);
    expect((await call(w.contactA, 'https://evil.test')).status).toBe(200);
  });
});
