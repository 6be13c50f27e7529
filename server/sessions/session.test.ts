import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { cutAccess, databases } from '../test/harness.js';
import { OWN_ORIGIN, requestLink, sessionCookie, signIn, startWithMail, useMailWorld } from '../test/sign-in.js';

describe.each(databases)('sessions on $name', (database) => {
  const env = useMailWorld(database);

  const exchange = (cookie: string | null, origin: string | null = OWN_ORIGIN) =>
    env.t.request('POST', '/v1/auth/session/token', { headers: { ...(cookie ? { cookie } : {}), ...(origin ? { origin } : {}) } });

  /** Marks a session row as last used `ms` ago (idle expiry moving with it). */
  const age = async (ms: number) => {
    const at = Date.now() - ms;
    await env.t.deps.db.updateTable('sessions').set({ last_used_at: new Date(at).toISOString(), expires_at: new Date(at + 30 * 86_400_000).toISOString() }).execute();
  };

  it('exchanges the cookie for a 15-minute embed token of the session user', async () => {
    const { cookie } = await signIn(env.t, env.mail, env.slug, 'ana@acme.test');
    const r = await exchange(cookie);
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(['token']);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const claims = decodeJwt(r.body.token);
    expect(claims).toMatchObject({ sub: env.w.contactAId, aud: env.w.tenantId, role: 'contact', cid: env.w.customerA });
    expect(claims.exp! - claims.iat!).toBe(900);

    const internal = await env.t.request('POST', '/v1/tasks', { auth: env.w.key, body: { title: 'Renewal risk', customer_id: env.w.customerA, visibility: 'internal' } });
    const tasks = await env.t.request('GET', '/v1/tasks', { auth: r.body.token });
    expect(tasks.status).toBe(200);
    expect(tasks.body.data.map((x: { id: string }) => x.id)).not.toContain(internal.body.id);
  });

  it('refuses the exchange without our Origin or without a session', async () => {
    const { cookie } = await signIn(env.t, env.mail, env.slug, 'ana@acme.test');
    for (const origin of [null, 'https://evil.test', 'http://portal.test.evil.test']) {
      const r = await exchange(cookie, origin);
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('origin_not_allowed');
    }
    const none = await exchange(null);
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('unauthenticated');
    expect((await exchange('cp_session=forged')).status).toBe(401);
    // A Bearer credential is no substitute for the cookie.
    expect((await env.t.request('POST', '/v1/auth/session/token', { auth: env.w.key, headers: { origin: OWN_ORIGIN } })).status).toBe(401);
  });

  it('ends the session at once when access is deactivated, for good', async () => {
    const { cookie } = await signIn(env.t, env.mail, env.slug, 'bob@globex.test');
    expect((await exchange(cookie)).status).toBe(200);
    await cutAccess(env.t, env.w.key, { userId: env.w.contactBId });
    const revoked = await exchange(cookie);
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('access_revoked');
    expect(revoked.headers.getSetCookie().some((c) => /^cp_session=;/.test(c) && /Max-Age=0/i.test(c))).toBe(true);
    const page = await env.t.request('GET', `/p/${env.slug}`, { headers: { cookie } });
    expect(page.body).not.toContain('<customer-portal');

    expect((await env.t.request('PATCH', `/v1/users/${env.w.contactBId}`, { auth: env.w.key, body: { portal_access: 'active' } })).status).toBe(200);
    expect((await exchange(cookie)).status).toBe(401);
  });

  it('never revives a session that was not used while its person was deactivated', async () => {
    const { cookie } = await signIn(env.t, env.mail, env.slug, 'bob@globex.test');
    for (const portal_access of ['deactivated', 'active']) {
      expect((await env.t.request('PATCH', `/v1/users/${env.w.contactBId}`, { auth: env.w.key, body: { portal_access } })).status).toBe(200);
    }
    const revived = await exchange(cookie);
    expect([revived.status, revived.body.error?.code]).toEqual([401, 'access_revoked']);
    // Signing in again, even within the same second, opens a session whose tokens work.
    const fresh = await signIn(env.t, env.mail, env.slug, 'bob@globex.test');
    const token = await exchange(fresh.cookie);
    expect(token.status).toBe(200);
    expect((await env.t.request('GET', '/v1/me', { auth: token.body.token })).status).toBe(200);
  });

  it("ends a contact's session when its customer's portal is disabled", async () => {
    const { cookie } = await signIn(env.t, env.mail, env.slug, 'ana@acme.test');
    await cutAccess(env.t, env.w.key, { customerId: env.w.customerA });
    try {
      const r = await exchange(cookie);
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('access_revoked');
    } finally {
      expect((await env.t.request('PATCH', `/v1/customers/${env.w.customerA}`, { auth: env.w.key, body: { portal_enabled: true } })).status).toBe(200);
    }
  });

  it('slides on use, at most once a minute, and ends after 30 idle days', async () => {
    const { cookie } = await signIn(env.t, env.mail, env.slug, 'sam@vendor.test');
    await env.t.deps.db.deleteFrom('sessions').where('user_id', '!=', env.w.staffId).execute();
    const read = () => env.t.deps.db.selectFrom('sessions').select(['last_used_at', 'expires_at']).executeTakeFirstOrThrow();

    const fresh = await read();
    const quiet = await exchange(cookie);
    expect(quiet.headers.getSetCookie()).toEqual([]);
    expect(await read()).toEqual(fresh);

    await age(2 * 60_000);
    const before = await read();
    const slid = await exchange(cookie);
    expect(slid.status).toBe(200);
    const after = await read();
    expect(Date.parse(after.last_used_at)).toBeGreaterThan(Date.parse(before.last_used_at));
    expect(Date.parse(after.expires_at)).toBeGreaterThan(Date.parse(before.expires_at));
    expect(slid.headers.getSetCookie().find((c) => c.startsWith('cp_session='))).toMatch(/Max-Age=2592000/);

    await age(30 * 86_400_000 + 1000);
    expect((await exchange(cookie)).status).toBe(401);
  });

  it('signs out: by API with 204, by form with a redirect back', async () => {
    const first = await signIn(env.t, env.mail, env.slug, 'ana@acme.test');
    const out = await env.t.request('POST', '/v1/auth/logout', { headers: { cookie: first.cookie, origin: OWN_ORIGIN } });
    expect(out.status).toBe(204);
    expect(sessionCookie(out.headers)).toBe('cp_session=');
    expect((await exchange(first.cookie)).status).toBe(401);

    const second = await signIn(env.t, env.mail, env.slug, 'ana@acme.test');
    const form = await env.t.request('POST', '/v1/auth/logout', {
      body: `return_to=${encodeURIComponent(`/p/${env.slug}`)}`,
      headers: { cookie: second.cookie, origin: OWN_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe(`/p/${env.slug}`);
    expect((await exchange(second.cookie)).status).toBe(401);

    const elsewhere = await env.t.request('POST', '/v1/auth/logout', {
      body: 'return_to=https%3A%2F%2Fevil.test',
      headers: { origin: OWN_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(elsewhere.headers.get('location')).toBe('/admin');
    expect((await env.t.request('POST', '/v1/auth/logout', { headers: { origin: 'https://evil.test' } })).status).toBe(403);
  });

  it('marks the cookie Secure when PUBLIC_URL is https', async () => {
    const secure = await startWithMail(database, { publicUrl: 'https://portal.test' });
    try {
      const link = await requestLink(secure.t, secure.mail, secure.slug, 'ana@acme.test');
      expect(secure.mail.messages.at(-1)!.links[0]).toMatch(/^https:\/\/portal\.test\/auth\/magic\//);
      const r = await secure.t.request('POST', link, { headers: { origin: 'https://portal.test' } });
      expect(r.headers.getSetCookie().find((c) => c.startsWith('cp_session='))).toMatch(/; Secure/);
    } finally {
      await secure.close();
    }
  });
});
