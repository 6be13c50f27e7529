import { describe, expect, it } from 'vitest';
import { databases } from '../test/harness.js';
import { useWorld } from '../test/suite.js';
import { CAPABILITIES, CUSTOMER_CAPABILITIES } from '../auth/capabilities.js';
import { PRESETS } from '../tenants/branding.schema.js';
import { DEFAULT_PREFERENCES } from '../users/preferences.js';

describe.each(databases)('me on $name', (database) => {
  const env = useWorld(database);
  const prefs = (auth: string | null, body: unknown) => env.t.request('PATCH', '/v1/me/preferences', { auth, body });

  it('tells a contact who it is, its customer, and its tenant\'s branding', async () => {
    const r = await env.t.request('GET', '/v1/me', { auth: env.w.contactA });
    expect(r.status).toBe(200);
    expect(r.body.user).toEqual({ id: env.w.contactAId, name: 'Ana Silva', email: 'ana@acme.test', role: 'contact', staff_role: null, customer_id: env.w.customerA, preferences: DEFAULT_PREFERENCES });
    expect(r.body.capabilities).toEqual([...CUSTOMER_CAPABILITIES]);
    expect(r.body.customer).toEqual({ id: env.w.customerA, name: 'Acme Ltd', portal_type: 'customer' });
    expect(r.body.tenant).toMatchObject({ id: env.w.tenantId, branding: { preset: 'default', colors: PRESETS.default.colors, logo_url: null } });
    expect(r.body.tenant.slug).toMatch(/^v-/);

    const staff = await env.t.request('GET', '/v1/me', { auth: env.w.staff });
    expect(staff.body.user).toMatchObject({ id: env.w.staffId, role: 'staff', staff_role: 'admin', customer_id: null });
    expect(staff.body.capabilities).toEqual([...CAPABILITIES]);
    expect(staff.body.customer).toBeNull();
  });

  it('is for embed tokens only', async () => {
    expect((await env.t.request('GET', '/v1/me', { auth: env.w.key })).status).toBe(403);
    expect((await env.t.request('GET', '/v1/me', { auth: env.w.otherTenantKey })).status).toBe(403);
    expect((await prefs(env.w.key, { theme: 'dark' })).status).toBe(403);
    expect((await env.t.request('GET', '/v1/me', { auth: env.w.deactivated })).status).toBe(401);
    expect((await prefs(env.w.deactivated, { theme: 'dark' })).status).toBe(401);
    expect((await env.t.request('GET', '/v1/me')).status).toBe(401);
    expect((await prefs(null, { theme: 'dark' })).status).toBe(401);
    expect((await env.t.request('GET', '/v1/me', { auth: env.w.contactA })).body.user.preferences).toEqual(DEFAULT_PREFERENCES);
  });

  it('answers the tenant\'s branding as the team set it', async () => {
    await env.t.request('PATCH', '/v1/branding', { auth: env.w.key, body: { preset: 'forest', colors: { primary: '#123456' } } });
    const r = await env.t.request('GET', '/v1/me', { auth: env.w.contactB });
    expect(r.body.tenant.branding).toMatchObject({ preset: 'forest', colors: { ...PRESETS.forest.colors, primary: '#123456' }, radius: PRESETS.forest.radius });
  });

  it('changes only the preferences sent, and answers them all', async () => {
    const first = await prefs(env.w.contactA, { theme: 'dark', notifications: { mention: { email: false } } });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      ...DEFAULT_PREFERENCES,
      theme: 'dark',
      notifications: { ...DEFAULT_PREFERENCES.notifications, mention: { in_app: true, email: false } },
    });
    const second = await prefs(env.w.contactA, { locale: 'fr-FR', date_format: 'DD/MM/YYYY', notifications: { mention: { in_app: false } } });
    expect(second.body).toMatchObject({ theme: 'dark', locale: 'fr-FR', date_format: 'DD/MM/YYYY' });
    expect(second.body.notifications.mention).toEqual({ in_app: false, email: false });
    expect((await env.t.request('GET', '/v1/me', { auth: env.w.contactA })).body.user.preferences).toEqual(second.body);
    expect((await env.t.request('GET', '/v1/me', { auth: env.w.contactB })).body.user.preferences).toEqual(DEFAULT_PREFERENCES);
    expect((await prefs(env.w.staff, { theme: 'light' })).body.theme).toBe('light');
  });

  it('refuses preferences that do not exist', async () => {
    for (const body of [{ theme: 'neon' }, { locale: 'french' }, { font_size: 14 }, { notifications: { birthdays: { email: true } } }, { notifications: { mention: { sms: true } } }, { notifications: { mention: { email: 'yes' } } }]) {
      const r = await prefs(env.w.contactA, body);
      expect([JSON.stringify(body), r.status, r.body.error.code]).toEqual([JSON.stringify(body), 400, 'validation_failed']);
    }
  });
});
