import { beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../test/harness.js';
import { useWorld } from '../test/suite.js';

describe.each(databases)('settings on $name', (database) => {
  const env = useWorld(database);
  let tenantName: string;
  /** The sign-in settings' defaults, which every answer carries too. */
  const sessionDefaults = { session_idle_minutes: 43_200, session_max_days: 90, mfa_required: 'none', sso: { oidc: null, required_for: 'none', allowed_domains: [], verified_at: null }, self_registration: 'off' };
  /** The tenant's default permission sets, which every answer carries. */
  let sets: { default_permission_set_id: string | null; default_partner_permission_set_id: string | null };
  const patch = (auth: string, body: object, headers: Record<string, string> = {}) => env.t.request('PATCH', '/v1/settings', { auth, body, headers });

  beforeAll(async () => {
    const tenant = await env.t.deps.db.selectFrom('tenants').selectAll().where('id', '=', env.w.tenantId).executeTakeFirstOrThrow();
    tenantName = tenant.name;
    sets = { default_permission_set_id: tenant.default_permission_set_id, default_partner_permission_set_id: tenant.default_partner_permission_set_id };
  });

  it('answers the defaults to API keys and staff only', async () => {
    const r = await env.t.request('GET', '/v1/settings', { auth: env.w.key });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ allowed_origins: [], email_from: tenantName, app_url: null, ...sets, ...sessionDefaults });
    expect((await env.t.request('GET', '/v1/settings', { auth: env.w.staff })).body).toEqual(r.body);
    expect((await env.t.request('GET', '/v1/settings', { auth: env.w.contactA })).status).toBe(403);
    expect((await patch(env.w.contactA, { email_from: 'Acme' })).status).toBe(403);
    expect((await env.t.request('GET', '/v1/settings', { auth: env.w.deactivated })).status).toBe(401);
    expect((await env.t.request('GET', '/v1/settings')).status).toBe(401);
  });

  it('answers every kind of caller as the contract says, on branding and settings alike', async () => {
    const expected: [string | null, number][] = [
      [env.w.key, 200],
      [env.w.staff, 200],
      [env.w.contactA, 403],
      [env.w.contactB, 403],
      [env.w.deactivated, 401],
      [null, 401],
    ];
    for (const path of ['/v1/settings', '/v1/branding']) {
      for (const [auth, status] of expected) {
        expect([path, 'GET', (await env.t.request('GET', path, { auth })).status]).toEqual([path, 'GET', status]);
        const body = path === '/v1/settings' ? { email_from: tenantName } : { preset: 'default' };
        expect([path, 'PATCH', (await env.t.request('PATCH', path, { auth, body })).status]).toEqual([path, 'PATCH', status]);
      }
      // Another tenant's key reads and writes its own tenant's, never this one's.
      expect((await env.t.request('PATCH', path, { auth: env.w.otherTenantKey, body: path === '/v1/settings' ? { email_from: 'Other' } : { preset: 'graphite' } })).status).toBe(200);
    }
    expect((await env.t.request('GET', '/v1/settings', { auth: env.w.key })).body.email_from).toBe(tenantName);
    expect((await env.t.request('GET', '/v1/branding', { auth: env.w.key })).body.preset).toBe('default');
  });

  it('normalises origins and refuses what is not an origin, a URL or one line of text', async () => {
    const r = await patch(env.w.key, { allowed_origins: ['https://App.Vendor.test:443', 'http://localhost:3000', 'https://app.vendor.test'], email_from: 'Northwind Success', app_url: 'https://app.vendor.test/portal', ...sets });
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
      const bad = await patch(env.w.key, body);
      expect([JSON.stringify(body), bad.status]).toEqual([JSON.stringify(body), 400]);
    }
    const reset = await patch(env.w.staff, { email_from: null, app_url: null, allowed_origins: [] });
    expect(reset.body).toEqual({ allowed_origins: [], email_from: tenantName, app_url: null, ...sets, ...sessionDefaults });
    const event = await env.t.deps.db.selectFrom('events').selectAll().where('type', '=', 'settings.updated').where('tenant_id', '=', env.w.tenantId).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(event.visibility).toBe('internal');
    expect(JSON.parse(event.data)).toMatchObject({ settings: reset.body, changes: ['allowed_origins', 'email_from', 'app_url'] });
  });

  it('refuses embed tokens from origins not listed, at once, and allows any again when emptied', async () => {
    const call = (auth: string, origin?: string) => env.t.request('GET', '/v1/tasks', { auth, headers: origin ? { origin } : {} });
    expect((await call(env.w.contactA, 'https://evil.test')).status).toBe(200);

    expect((await patch(env.w.staff, { allowed_origins: ['https://app.vendor.test'] })).status).toBe(200);
    const refused = await call(env.w.contactA, 'https://evil.test');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('origin_not_allowed');
    expect((await call(env.w.staff, 'https://evil.test')).status).toBe(403);
    expect((await patch(env.w.staff, { allowed_origins: [] }, { origin: 'https://evil.test' })).status).toBe(403);
    expect((await call(env.w.contactA, 'https://app.vendor.test')).status).toBe(200);
    expect((await call(env.w.contactA)).status).toBe(200);
    expect((await call(env.w.contactA, 'http://portal.test')).status).toBe(200);
    expect((await call(env.w.key, 'https://evil.test')).status).toBe(200);
    expect((await call(env.w.contactB, 'https://evil.test')).status).toBe(403);

    const preflight = await env.t.app.request('/v1/tasks', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.test', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');

    const otherTenant = await env.t.request('GET', '/v1/settings', { auth: env.w.otherTenantKey });
    expect(otherTenant.body.allowed_origins).toEqual([]);

    expect((await patch(env.w.key, { allowed_origins: [] })).status).toBe(200);
    expect((await call(env.w.contactA, 'https://evil.test')).status).toBe(200);
  });
});
