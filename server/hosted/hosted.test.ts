import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../tenants/tenant.repository.js';
import { databases } from '../test/harness.js';
import { OWN_ORIGIN, someIp, signIn, useMailWorld } from '../test/sign-in.js';

const REQUIRED_CSP = ["default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'"];

/** No inline script, no inline style: what the CSP would block anyway, so the page must not need it. */
function expectNoInlineCode(page: string) {
  expect(page).not.toMatch(/<style/i);
  expect(page).not.toMatch(/\sstyle=/i);
  expect(page).not.toMatch(/\son[a-z]+=/i);
  for (const tag of page.match(/<script[^>]*>/gi) ?? []) expect(tag).toMatch(/\ssrc="\//);
}

describe.each(databases)('hosted pages on $name', (database) => {
  const env = useMailWorld(database);

  beforeAll(async () => {
    await env.t.deps.db
      .updateTable('tenants')
      .set({ branding: JSON.stringify({ preset: 'ocean', colors: { primary: '#0b5fff', background: '#f0f4ff', evil: 'red;}body{display:none', 'bad name': '#000' }, logo_document_id: 'doc_logo1' }) })
      .where('id', '=', env.w.tenantId)
      .execute();
  });

  it('shows a branded sign-in form under a strict CSP when there is no session', async () => {
    const r = await env.t.request('GET', `/p/${env.slug}`);
    expect(r.status).toBe(200);
    const csp = r.headers.get('content-security-policy')!;
    for (const directive of REQUIRED_CSP) expect(csp).toContain(directive);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.body).toContain(`<form method="post" action="/p/${env.slug}/sign-in">`);
    expect(r.body).toContain('<link rel="stylesheet" href="/assets/hosted.css">');
    expect(r.body).toContain(`<link rel="stylesheet" href="/p/${env.slug}/theme.css">`);
    expect(r.body).toContain(`<img class="logo" src="/branding/${env.w.tenantId}/logo" alt="">`);
    expect(r.body).not.toContain('<customer-portal');
    expectNoInlineCode(r.body);
  });

  it('serves the page CSS and the tenant theme, keeping only safe colours', async () => {
    const css = await env.t.request('GET', '/assets/hosted.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(css.body).toContain('var(--brand-primary');
    const theme = await env.t.request('GET', `/p/${env.slug}/theme.css`);
    expect(theme.headers.get('content-type')).toMatch(/^text\/css/);
    expect(theme.body).toContain('--brand-primary: #0b5fff;');
    expect(theme.body).toContain('--brand-background: #f0f4ff;');
    expect(theme.body).not.toContain('display:none');
    expect(theme.body).not.toContain('bad name');
    expect((await env.t.request('GET', '/p/nope/theme.css')).status).toBe(404);
  });

  it('has an icon on every page, so no browser meets a 404 for it', async () => {
    const page = await env.t.request('GET', `/p/${env.slug}`);
    expect(page.body).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml">');
    for (const path of ['/favicon.svg', '/favicon.ico']) {
      const icon = await env.t.request('GET', path);
      expect(icon.status).toBe(200);
      expect(icon.headers.get('content-type')).toBe('image/svg+xml');
      expect(icon.body).toContain('<svg');
    }
  });

  it('answers an unknown portal with a 404 page', async () => {
    const r = await env.t.request('GET', '/p/no-such-portal');
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(r.body).toContain('Portal not found');
  });

  it('signs in through the plain form and shows the same page for any address', async () => {
    const since = env.mail.messages.length;
    const post = (email: string, extra = '') =>
      env.t.request('POST', `/p/${env.slug}/sign-in`, {
        body: `email=${encodeURIComponent(email)}${extra}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': someIp() },
      });
    const known = await post('ana@acme.test', '&task=tsk_Deep1');
    const unknown = await post('stranger@acme.test');
    expect(known.status).toBe(200);
    expect(known.body).toContain('Check your email');
    expect(unknown.body.replace('stranger@acme.test', 'ana@acme.test')).toBe(known.body);
    const message = await env.mail.waitFor((m) => m.to.includes('ana@acme.test'), since);
    const landed = await env.t.request('POST', new URL(message.links[0]!).pathname, { headers: { origin: OWN_ORIGIN } });
    expect(landed.headers.get('location')).toBe(`/p/${env.slug}?task=tsk_Deep1`);

    const invalid = await post('not an email');
    expect(invalid.status).toBe(400);
    expect(invalid.body).toContain('Enter a valid email address.');
    expect(invalid.body).toContain('value="not an email"');
  });

  it('shows the widget to a signed-in contact, with the task and a sign-out button', async () => {
    const { cookie } = await signIn(env.t, env.mail, env.slug, 'ana@acme.test');
    const r = await env.t.request('GET', `/p/${env.slug}?task=tsk_Abc123`, { headers: { cookie } });
    expect(r.status).toBe(200);
    expect(r.body).toContain('<script type="module" src="/customer-portal.js"></script>');
    expect(r.body).toMatch(/<customer-portal [^>]*api-base="" token-url="\/v1\/auth\/session\/token" task="tsk_Abc123"><\/customer-portal>/);
    expect(r.body).toContain('<form class="sign-out" method="post" action="/v1/auth/logout">');
    expectNoInlineCode(r.body);

    const hostile = await env.t.request('GET', `/p/${env.slug}?task=${encodeURIComponent('"><script>alert(1)</script>')}`, { headers: { cookie } });
    expect(hostile.body).not.toContain('alert(1)');
    expect(hostile.body).not.toContain(' task=');

    const other = await createTenant(env.t.deps.db, { name: 'Elsewhere', slug: `e-${env.slug}` });
    const elsewhere = await env.t.request('GET', `/p/${other.tenant.slug}`, { headers: { cookie } });
    expect(elsewhere.body).not.toContain('<customer-portal');
    expect(elsewhere.body).toContain('Sign in to Elsewhere');
  });

  it('keeps /admin for staff', async () => {
    const anonymous = await env.t.request('GET', '/admin');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toContain('<form method="post" action="/admin/sign-in">');
    expect(anonymous.body).toContain('name="tenant"');
    expectNoInlineCode(anonymous.body);

    const contact = await signIn(env.t, env.mail, env.slug, 'ana@acme.test');
    const refused = await env.t.request('GET', '/admin', { headers: { cookie: contact.cookie } });
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('This page is for the team');
    expect(refused.body).not.toContain('<cp-admin');

    const staff = await signIn(env.t, env.mail, env.slug, 'sam@vendor.test');
    const admin = await env.t.request('GET', '/admin', { headers: { cookie: staff.cookie } });
    expect(admin.status).toBe(200);
    expect(admin.body).toContain('<script type="module" src="/customer-portal-admin.js"></script>');
    expect(admin.body).toMatch(/<cp-admin [^>]*api-base="" token-url="\/v1\/auth\/session\/token"><\/cp-admin>/);
    for (const directive of REQUIRED_CSP) expect(admin.headers.get('content-security-policy')).toContain(directive);
    expectNoInlineCode(admin.body);
  });

  it('sends the admin sign-in link to staff through the form', async () => {
    const since = env.mail.messages.length;
    const r = await env.t.request('POST', '/admin/sign-in', {
      body: `tenant=${env.slug}&email=sam%40vendor.test`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': someIp() },
    });
    expect(r.status).toBe(200);
    expect(r.body).toContain('Check your email');
    const message = await env.mail.waitFor((m) => m.to.includes('sam@vendor.test'), since);
    const landed = await env.t.request('POST', new URL(message.links[0]!).pathname, { headers: { origin: OWN_ORIGIN } });
    expect(landed.headers.get('location')).toBe('/admin');
    const bad = await env.t.request('POST', '/admin/sign-in', { body: 'tenant=Not+A+Slug&email=sam%40vendor.test', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(bad.status).toBe(400);
  });

  it('shows a rate-limited page with Retry-After', async () => {
    const ip = '192.0.2.44';
    let last = await env.t.request('POST', `/p/${env.slug}/sign-in`, { body: 'email=r0%40acme.test', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip } });
    for (let i = 1; i <= 20; i++) {
      last = await env.t.request('POST', `/p/${env.slug}/sign-in`, { body: `email=r${i}%40acme.test`, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip } });
    }
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last.body).toContain('Too many sign-in requests');
  });
});
