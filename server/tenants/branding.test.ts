import { describe, expect, it } from 'vitest';
import { databases } from '../test/harness.js';
import { useWorld } from '../test/suite.js';
import { PNG_1PX, download, upload } from '../test/uploads.js';
import { PRESETS } from './branding.schema.js';

describe.each(databases)('branding on $name', (database) => {
  const env = useWorld(database);
  const patch = (auth: string, body: object) => env.t.request('PATCH', '/v1/branding', { auth, body });

  it('answers the default preset until the tenant chooses, to API keys and staff only', async () => {
    const r = await env.t.request('GET', '/v1/branding', { auth: env.w.staff });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ preset: 'default', ...PRESETS.default, logo_document_id: null, logo_url: null });
    expect((await env.t.request('GET', '/v1/branding', { auth: env.w.key })).body).toEqual(r.body);
    expect((await env.t.request('GET', '/v1/branding', { auth: env.w.contactA })).status).toBe(403);
    expect((await patch(env.w.contactA, { preset: 'ocean' })).status).toBe(403);
    expect((await env.t.request('GET', '/v1/branding', { auth: env.w.deactivated })).status).toBe(401);
    expect((await env.t.request('GET', '/v1/branding')).status).toBe(401);
  });

  it('fills what the tenant did not set from its preset, and null returns a colour to it', async () => {
    const chosen = await patch(env.w.staff, { preset: 'ocean', colors: { primary: '#0A7', danger: '#B00020' }, radius: '4px', font: '"Inter", sans-serif' });
    expect(chosen.status).toBe(200);
    expect(chosen.body.colors).toEqual({ ...PRESETS.ocean.colors, primary: '#0a7', danger: '#b00020' });
    expect(chosen.body).toMatchObject({ preset: 'ocean', radius: '4px', font: '"Inter", sans-serif' });

    const switched = await patch(env.w.key, { preset: 'sunset', colors: { danger: null }, font: null });
    expect(switched.body.colors).toEqual({ ...PRESETS.sunset.colors, primary: '#0a7' });
    expect(switched.body).toMatchObject({ preset: 'sunset', radius: '4px', font: PRESETS.sunset.font });
    expect((await env.t.request('GET', '/v1/branding', { auth: env.w.staff })).body).toEqual(switched.body);

    const other = await env.t.request('GET', '/v1/branding', { auth: env.w.otherTenantKey });
    expect(other.body.preset).toBe('default');

    const event = await env.t.deps.db.selectFrom('events').selectAll().where('type', '=', 'branding.updated').where('tenant_id', '=', env.w.tenantId).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ visibility: 'internal', customer_id: null, subject_id: env.w.tenantId, actor_id: null });
    expect(JSON.parse(event.data)).toMatchObject({ branding: switched.body, changes: ['preset', 'colors', 'font'] });
  });

  it('refuses colours, lengths and fonts that are not what they say', async () => {
    const bad: object[] = [
      { colors: { primary: '#abcd' } },
      { colors: { primary: 'red' } },
      { colors: { primary: '#abc;background:url(x)' } },
      { colors: { accent: '#abc' } },
      { preset: 'neon' },
      { radius: '8px; color: red' },
      { radius: '1000px' },
      { font: 'Inter; } body { display: none' },
      { font: 'x", url(https://evil.test)' },
      {},
    ];
    for (const body of bad) {
      const r = await patch(env.w.staff, body);
      expect([JSON.stringify(body), r.status, r.body.error.code]).toEqual([JSON.stringify(body), 400, 'validation_failed']);
    }
  });

  it('takes a tenant image as logo and serves it publicly, cacheable and inert', async () => {
    const logo = (await upload(env.t, env.w.staff, { name: 'logo.png', bytes: PNG_1PX }, { purpose: 'logo' })).body;
    const r = await patch(env.w.staff, { logo_document_id: logo.id });
    expect(r.status).toBe(200);
    expect(r.body.logo_document_id).toBe(logo.id);
    expect(r.body.logo_url).toBe(`http://portal.test/branding/${env.w.tenantId}/logo?v=${logo.sha256.slice(0, 16)}`);

    const path = r.body.logo_url.replace('http://portal.test', '');
    const served = await download(env.t, null, path, { origin: 'https://any.site.test' });
    expect(served.status).toBe(200);
    expect(served.bytes.equals(PNG_1PX)).toBe(true);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(served.headers.get('access-control-allow-origin')).toBe('*');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('etag')).toBe(`"${logo.sha256}"`);
    const bare = await download(env.t, null, `/branding/${env.w.tenantId}/logo`);
    expect(bare.headers.get('cache-control')).toBe('public, max-age=300');
    expect((await download(env.t, null, path, { 'if-none-match': `"${logo.sha256}"` })).status).toBe(304);
    expect((await download(env.t, null, `/branding/${env.w.otherTenantId}/logo`)).status).toBe(404);
    expect((await download(env.t, null, '/branding/ten_nobody/logo')).status).toBe(404);
  });

  it('refuses a logo that is not a tenant image, and forgets one that is deleted', async () => {
    const customerDoc = (await upload(env.t, env.w.staff, { name: 'logo.png', bytes: PNG_1PX }, { customer_id: env.w.customerA })).body;
    const notLogo = await patch(env.w.staff, { logo_document_id: customerDoc.id });
    expect(notLogo.status).toBe(400);
    expect(notLogo.body.error.details[0].path).toBe('logo_document_id');
    const foreign = (await upload(env.t, env.w.otherTenantKey, { name: 'logo.png', bytes: PNG_1PX }, { purpose: 'logo' })).body;
    expect((await patch(env.w.staff, { logo_document_id: foreign.id })).status).toBe(404);
    expect((await patch(env.w.staff, { logo_document_id: 'doc_missing' })).status).toBe(404);

    const current = (await env.t.request('GET', '/v1/branding', { auth: env.w.key })).body;
    expect(current.logo_document_id).not.toBeNull();
    expect((await env.t.request('DELETE', `/v1/documents/${current.logo_document_id}`, { auth: env.w.key })).status).toBe(204);
    const after = (await env.t.request('GET', '/v1/branding', { auth: env.w.key })).body;
    expect(after).toMatchObject({ logo_document_id: null, logo_url: null });
    expect((await download(env.t, null, `/branding/${env.w.tenantId}/logo`)).status).toBe(404);
  });
});
