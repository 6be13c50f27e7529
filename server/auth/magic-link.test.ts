import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { databases } from '../test/harness.js';
import { OWN_ORIGIN, requestLink, sessionCookie, someIp, useMailWorld } from '../test/sign-in.js';
import { insertUser } from '../users/user.repository.js';

describe.each(databases)('magic links on $name', (database) => {
  const env = useMailWorld(database);

  const ask = (body: unknown, ip = someIp()) => env.t.request('POST', '/v1/auth/magic-link', { body, headers: { 'x-forwarded-for': ip } });

  it('answers known and unknown addresses identically, and emails only a person with access', async () => {
    const since = env.mail.messages.length;
    const unknown = await ask({ tenant: env.slug, email: 'nobody@acme.test' });
    const deactivated = await ask({ tenant: env.slug, email: 'dan@acme.test' });
    const otherTenant = await ask({ tenant: 'no-such-portal', email: 'ana@acme.test' });
    const known = await ask({ tenant: env.slug, email: '  ANA@acme.test ' });
    for (const r of [unknown, deactivated, otherTenant, known]) {
      expect(r.status).toBe(202);
      expect(r.body).toEqual(known.body);
      expect(r.headers.get('set-cookie')).toBeNull();
    }
    const message = await env.mail.waitFor((m) => m.to.includes('ana@acme.test'), since);
    expect(message.subject).toMatch(/^Sign in to Vendor .+ portal$/);
    expect(message.links).toHaveLength(1);
    expect(message.text).toContain('expires in 10 minutes');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const recipients = env.mail.messages.slice(since).flatMap((m) => m.to);
    expect(recipients).toEqual(['ana@acme.test']);

    // Only the token's hash is stored.
    const token = message.links[0]!.split('/').pop()!;
    const stored = await env.t.deps.db.selectFrom('magic_links').select('token_hash').execute();
    expect(stored.map((r) => r.token_hash)).not.toContain(token);
  });

  it('lets a mail scanner open the link without using it; only the confirm POST signs in, once', async () => {
    const path = await requestLink(env.t, env.mail, env.slug, 'ana@acme.test');
    for (let i = 0; i < 2; i++) {
      const scanned = await env.t.request('GET', path);
      expect(scanned.status).toBe(200);
      expect(scanned.headers.get('content-type')).toMatch(/^text\/html/);
      expect(scanned.body).toContain(`<form method="post" action="${path}">`);
      expect(scanned.headers.get('set-cookie')).toBeNull();
    }
    const used = await env.t.request('POST', path, { headers: { origin: OWN_ORIGIN } });
    expect(used.status).toBe(303);
    expect(used.headers.get('location')).toBe(`/p/${env.slug}`);
    const cookie = used.headers.getSetCookie().find((c) => c.startsWith('cp_session='))!;
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/; Secure/i);

    const again = await env.t.request('POST', path, { headers: { origin: OWN_ORIGIN } });
    expect(again.status).toBe(410);
    expect(again.body).toContain('already been used');
    expect(again.body).toContain(`action="/p/${env.slug}/sign-in"`);
    expect(sessionCookie(again.headers)).toBeNull();
    expect((await env.t.request('GET', path)).status).toBe(410);
  });

  it('refuses an expired link and offers a new one', async () => {
    const path = await requestLink(env.t, env.mail, env.slug, 'bob@globex.test');
    await env.t.deps.db.updateTable('magic_links').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('used_at', 'is', null).execute();
    const page = await env.t.request('GET', path);
    expect(page.status).toBe(410);
    expect(page.body).toContain('expired');
    expect(page.body).toContain('Email me a new link');
    const post = await env.t.request('POST', path, { headers: { origin: OWN_ORIGIN } });
    expect(post.status).toBe(410);
    expect(sessionCookie(post.headers)).toBeNull();
    const unknown = await env.t.request('GET', '/auth/magic/NotARealToken0000000000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain('not valid');
  });

  it('refuses a confirm POST from another site, leaving the link usable', async () => {
    const path = await requestLink(env.t, env.mail, env.slug, 'ana@acme.test');
    const forged = await env.t.request('POST', path, { headers: { origin: 'https://evil.test' } });
    expect(forged.status).toBe(403);
    expect(sessionCookie(forged.headers)).toBeNull();
    expect((await env.t.request('GET', path)).status).toBe(200);
  });

  it('lands staff on /admin and turns an invited person active', async () => {
    const staff = await requestLink(env.t, env.mail, env.slug, 'sam@vendor.test');
    const landed = await env.t.request('POST', staff, { headers: { origin: OWN_ORIGIN } });
    expect(landed.headers.get('location')).toBe('/admin');

    const invited = await env.t.deps.db.transaction().execute((trx) =>
      insertUser(trx, { kind: 'api_key', tenantId: env.w.tenantId, keyId: '' }, { role: 'contact', customer_id: env.w.customerA, name: 'Ivy New', email: 'ivy@acme.test', portal_access: 'invited' }),
    );
    const path = await requestLink(env.t, env.mail, env.slug, 'ivy@acme.test');
    expect((await env.t.request('POST', path, { headers: { origin: OWN_ORIGIN } })).status).toBe(303);
    const user = await env.t.deps.db.selectFrom('users').selectAll().where('id', '=', invited.id).executeTakeFirstOrThrow();
    expect(user.portal_access).toBe('active');
    expect(user.last_seen_at).toBeTruthy();
    const event = await env.t.deps.db.selectFrom('events').selectAll().where('subject_id', '=', invited.id).where('type', '=', 'user.updated').executeTakeFirstOrThrow();
    expect(event.visibility).toBe('internal');
    expect(JSON.parse(event.data).changes).toEqual(['portal_access']);
  });

  it('limits requests per address and per client with 429 and Retry-After, in the database', async () => {
    const address = { tenant: env.slug, email: 'limit-me@acme.test' };
    for (let i = 0; i < 5; i++) expect((await ask(address)).status).toBe(202);
    const limited = await ask(address);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);

    const ip = '203.0.113.7';
    for (let i = 0; i < 20; i++) expect((await ask({ tenant: env.slug, email: `walker${i}@acme.test` }, ip)).status).toBe(202);
    expect((await ask({ tenant: env.slug, email: 'walker-last@acme.test' }, ip)).status).toBe(429);

    // Another instance over the same database keeps counting.
    const sibling = createApp(env.t.deps);
    const res = await sibling.request('/v1/auth/magic-link', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': someIp() },
      body: JSON.stringify(address),
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBeTruthy();
  });

  it('validates the request in the contract shape', async () => {
    const bad = await ask({ tenant: env.slug, email: 'not-an-email' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('email');
    const keyed = await env.t.request('POST', '/v1/auth/magic-link', { body: { tenant: env.slug, email: 'x@acme.test' }, headers: { 'idempotency-key': 'k1', 'x-forwarded-for': someIp() } });
    expect(keyed.status).toBe(202);
  });
});
