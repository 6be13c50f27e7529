import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases, embedToken } from '../test/harness.js';
import { followToCallback, issueIdToken, startOidcProvider, type ProviderAccount, type TestProvider } from '../test/oidc-provider.js';
import { OWN_ORIGIN, requestLink, sessionCookie, someIp, useMailWorld } from '../test/sign-in.js';

const cookieNamed = (headers: Headers, name: string) => {
  const set = headers.getSetCookie().find((c) => c.startsWith(`${name}=`) && !c.startsWith(`${name}=;`));
  return set ? set.split(';')[0]! : null;
};

const CLIENT = { client_id: 'customer-portal', client_secret: 'portal-secret-0123456789' };
const verified = (email: string): ProviderAccount => ({ email, email_verified: true });

describe.each(databases)('company sign-in (OpenID Connect) on $name', (database) => {
  const env = useMailWorld(database);
  /** The tenant's provider; it also knows another app, whose id_tokens are not for us. */
  let idp: TestProvider;
  /** A second provider, the same client id registered there. */
  let stranger: TestProvider;
  let redirectUri: string;
  const otherApp = { client_id: 'another-app', client_secret: 'another-secret-0123456789', redirect_uris: ['http://another.test/cb'] };

  const settings = (body: object, auth = env.w.key) => env.t.request('PATCH', '/v1/settings', { auth, body });

  beforeAll(async () => {
    redirectUri = `http://portal.test/p/${env.slug}/sso/callback`;
    idp = await startOidcProvider([{ ...CLIENT, redirect_uris: [redirectUri] }, otherApp]);
    stranger = await startOidcProvider([{ ...CLIENT, redirect_uris: [redirectUri] }]);
    const r = await settings({ sso: { oidc: { issuer: idp.issuer, ...CLIENT } } });
    expect(r.status).toBe(200);
  });
  afterAll(async () => {
    await idp?.close();
    await stranger?.close();
  });

  const start = async (query = '') => {
    const r = await env.t.request('GET', `/p/${env.slug}/sso${query}`, { headers: { 'x-forwarded-for': someIp() } });
    expect(r.status).toBe(303);
    return { authUrl: r.headers.get('location')!, browser: cookieNamed(r.headers, 'cp_sso')! };
  };
  const callback = (back: URL, browser: string | null) => env.t.request('GET', `${back.pathname}${back.search}`, { headers: browser ? { cookie: browser } : {} });
  /** The whole way, as a browser goes: our start, the provider's login, back to our callback. */
  const signInAs = async (account: ProviderAccount, query = '') => {
    const { authUrl, browser } = await start(query);
    idp.signInAs(account);
    const back = await followToCallback(authUrl, redirectUri);
    return { r: await callback(back, browser), back, browser };
  };
  const sessionsOf = (userId: string) => env.t.deps.db.selectFrom('sessions').select(['id']).where('user_id', '=', userId).execute();
  const signIns = (userId: string) => env.t.deps.db.selectFrom('events').selectAll().where('type', '=', 'user.signed_in').where('subject_id', '=', userId).execute();
  const expectNoSession = (r: { headers: Headers }) => expect(sessionCookie(r.headers)).toBeNull();

  it('answers the settings without the secret, and refuses a bad issuer, domain or field', async () => {
    const r = await env.t.request('GET', '/v1/settings', { auth: env.w.staff });
    expect(r.body.sso).toEqual({ oidc: { issuer: idp.issuer, client_id: CLIENT.client_id, client_secret_set: true }, required_for: 'none', allowed_domains: [], verified_at: null });
    expect(JSON.stringify(r.body)).not.toContain(CLIENT.client_secret);
    const events = await env.t.deps.db.selectFrom('events').select('data').where('tenant_id', '=', env.w.tenantId).where('type', '=', 'settings.updated').execute();
    for (const e of events) expect(String(e.data)).not.toContain(CLIENT.client_secret);
    const bad = [
      { sso: { oidc: { issuer: 'ftp://login.acme.test', ...CLIENT } } },
      { sso: { oidc: { issuer: 'http://login.acme.test', ...CLIENT } } },
      { sso: { oidc: { issuer: 'https://login.acme.test?x=1', ...CLIENT } } },
      { sso: { oidc: { issuer: 'https://user:pw@login.acme.test', ...CLIENT } } },
      { sso: { oidc: { issuer: 'not a url', ...CLIENT } } },
      { sso: { oidc: { issuer: 'https://login.acme.test', client_id: '' , client_secret: 'x' } } },
      { sso: { oidc: { issuer: 'https://new.acme.test', client_id: 'new' } } },
      { sso: { allowed_domains: ['@acme.test'] } },
      { sso: { required_for: 'everyone' } },
      { sso: { saml: {} } },
    ];
    for (const body of bad) {
      const res = await settings(body);
      expect([JSON.stringify(body), res.status, res.body.error.code]).toEqual([JSON.stringify(body), 400, 'validation_failed']);
    }
    // Staff members and contacts do not change it.
    const member = await embedToken(env.t, env.w.key, { external_id: 'mia', name: 'Mia Member', role: 'staff', email: 'mia@vendor.test', staff_role: 'member' });
    expect((await settings({ sso: { required_for: 'none' } }, member.token)).status).toBe(403);
    expect((await settings({ sso: { required_for: 'none' } }, env.w.contactA)).status).toBe(403);
    expect((await env.t.request('GET', '/v1/settings', { auth: env.w.staff })).body.sso.oidc.issuer).toBe(idp.issuer);
  });

  it('refuses to require SSO before anyone signed in through the provider', async () => {
    const r = await settings({ sso: { required_for: 'staff' } });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('sso_not_verified');
  });

  it('shows the button on the sign-in pages and starts with PKCE, state and nonce', async () => {
    const page = await env.t.request('GET', `/p/${env.slug}`);
    expect(page.body).toContain('Sign in with your company account');
    expect(page.body).toContain('Email me a sign-in link');
    const { authUrl, browser } = await start();
    const url = new URL(authUrl);
    expect(url.origin).toBe(idp.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ client_id: CLIENT.client_id, redirect_uri: redirectUri, response_type: 'code', code_challenge_method: 'S256' });
    for (const p of ['state', 'nonce', 'code_challenge']) expect(url.searchParams.get(p)!.length).toBeGreaterThanOrEqual(32);
    expect(browser).toMatch(/^cp_sso=/);
    const nowhere = await env.t.request('GET', '/p/no-such-portal/sso');
    expect(nowhere.status).toBe(404);
    const unconfigured = await env.t.request('GET', `/p/${(await env.t.deps.db.selectFrom('tenants').select('slug').where('id', '=', env.w.otherTenantId).executeTakeFirstOrThrow()).slug}/sso`);
    expect(unconfigured.status).toBe(404);
  });

  it('signs a verified, known person in with a session like a link, with its activity row', async () => {
    const { r } = await signInAs(verified('Ana@Acme.test'));
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe(`/p/${env.slug}`);
    const cookie = sessionCookie(r.headers)!;
    expect(cookie).toMatch(/^cp_session=/);
    const portal = await env.t.request('GET', `/p/${env.slug}`, { headers: { cookie } });
    expect(portal.body).toContain('<customer-portal');
    expect((await sessionsOf(env.w.contactAId)).length).toBeGreaterThan(0);
    const rows = await signIns(env.w.contactAId);
    expect(rows.some((e) => JSON.parse(String(e.data)).method === 'sso')).toBe(true);
    const activity = await env.t.request('GET', `/v1/activity?type=user.signed_in`, { auth: env.w.staff });
    expect(activity.status).toBe(200);
    // The first success verifies the provider: now SSO may be required.
    expect((await env.t.request('GET', '/v1/settings', { auth: env.w.key })).body.sso.verified_at).not.toBeNull();
  });

  it('lands staff on the admin page they came from', async () => {
    const signInPage = await env.t.request('GET', '/admin');
    expect(signInPage.body).toContain('Sign in with your company account');
    const onward = await env.t.request('GET', `/admin/sso?tenant=${env.slug.toUpperCase()}`);
    expect(onward.status).toBe(200);
    expect(onward.body).toContain(`<meta http-equiv="refresh" content="0;url=/p/${env.slug}/sso?return_to=%2Fadmin">`);
    const none = await env.t.request('GET', '/admin/sso?tenant=no-such-portal');
    expect(none.status).toBe(400);
    expect(none.body).toContain('no company sign-in set up');
    const { r } = await signInAs(verified('sam@vendor.test'), '?return_to=/admin');
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/admin');
    const admin = await env.t.request('GET', '/admin', { headers: { cookie: sessionCookie(r.headers)! } });
    expect(admin.body).toContain('<cp-admin');
  });

  it('refuses a wrong, missing or foreign-browser state, and a state used twice', async () => {
    const { authUrl, browser } = await start();
    idp.signInAs(verified('ana@acme.test'));
    const back = await followToCallback(authUrl, redirectUri);
    const before = (await sessionsOf(env.w.contactAId)).length;

    const wrong = new URL(back);
    wrong.searchParams.set('state', 'x'.repeat(43));
    for (const [url, cookie] of [[wrong, browser], [back, null], [back, 'cp_sso=someone-elses-browser']] as const) {
      const r = await callback(url, cookie);
      expect(r.status).toBe(400);
      expect(r.body).toContain('could not be completed');
      expectNoSession(r);
    }
    expect((await callback(back, browser)).status).toBe(303);
    const replay = await callback(back, browser);
    expect(replay.status).toBe(400);
    expectNoSession(replay);
    expect((await sessionsOf(env.w.contactAId)).length).toBe(before + 1);
  });

  it('limits the sign-ins one client starts', async () => {
    const ip = '203.0.113.201';
    const statuses = [];
    for (let i = 0; i < 31; i++) statuses.push((await env.t.request('GET', `/p/${env.slug}/sso`, { headers: { 'x-forwarded-for': ip } })).status);
    expect(statuses.slice(0, 30).every((s) => s === 303)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it('refuses a replayed code with a fresh state', async () => {
    const first = await signInAs(verified('ana@acme.test'));
    expect(first.r.status).toBe(303);
    const { authUrl, browser } = await start();
    const state = new URL(authUrl).searchParams.get('state')!;
    const replayed = new URL(first.back);
    replayed.searchParams.set('state', state);
    const r = await callback(replayed, browser);
    expect(r.status).toBe(400);
    expect(r.body).toContain('could not be confirmed');
    expectNoSession(r);
  });

  it('refuses an id_token for another audience, or from another issuer', async () => {
    const foreignAudience = await issueIdToken(idp, otherApp, verified('ana@acme.test'));
    const foreignIssuer = await issueIdToken(stranger, { ...CLIENT, redirect_uris: [redirectUri] }, verified('ana@acme.test'));
    const before = (await sessionsOf(env.w.contactAId)).length;
    for (const idToken of [foreignAudience, foreignIssuer]) {
      const { authUrl, browser } = await start();
      idp.signInAs(verified('ana@acme.test'));
      const back = await followToCallback(authUrl, redirectUri);
      idp.answerIdToken(idToken);
      try {
        const r = await callback(back, browser);
        expect(r.status).toBe(400);
        expect(r.body).toContain('could not be confirmed');
        expectNoSession(r);
      } finally {
        idp.answerIdToken(null);
      }
    }
    expect((await sessionsOf(env.w.contactAId)).length).toBe(before);
  });

  it('signs nobody in for an unverified email, a domain not allowed, an unknown or a deactivated person', async () => {
    const unverified = await signInAs({ email: 'ana@acme.test', email_verified: false });
    expect(unverified.r.status).toBe(403);
    expect(unverified.r.body).toContain('has not verified');
    expectNoSession(unverified.r);

    const unknown = await signInAs(verified('nobody@acme.test'));
    expect(unknown.r.status).toBe(403);
    expect(unknown.r.body).toContain('No one with this email address');
    expectNoSession(unknown.r);

    const gone = await signInAs(verified('dan@acme.test'));
    expect(gone.r.status).toBe(403);
    expect(gone.r.body).toContain('Your access has ended');
    expectNoSession(gone.r);
    expect(await sessionsOf(env.w.deactivatedId)).toHaveLength(0);

    expect((await settings({ sso: { allowed_domains: ['Vendor.test'] } })).body.sso.allowed_domains).toEqual(['vendor.test']);
    try {
      const other = await signInAs(verified('bob@globex.test'));
      expect(other.r.status).toBe(403);
      expect(other.r.body).toContain('does not take company sign-ins from the domain');
      expectNoSession(other.r);
      expect(await sessionsOf(env.w.contactBId)).toHaveLength(0);
      expect((await signInAs(verified('sam@vendor.test'))).r.status).toBe(303);
    } finally {
      await settings({ sso: { allowed_domains: [] } });
    }
  });

  it('asks for the code of a person with TOTP before the session exists', async () => {
    const p = await embedToken(env.t, env.w.key, { external_id: 'tia', name: 'Tia Totp', role: 'contact', email: 'tia@acme.test' }, { external_id: 'acme' });
    const started = await env.t.request('POST', '/v1/me/mfa/totp', { auth: p.token });
    const secret = started.body.secret as string;
    const code = (steps = 0) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + steps * 30_000 });
    expect((await env.t.request('POST', '/v1/me/mfa/totp/confirm', { auth: p.token, body: { code: code() } })).status).toBe(200);

    const { r } = await signInAs(verified('tia@acme.test'));
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/auth/mfa');
    expectNoSession(r);
    const challenge = cookieNamed(r.headers, 'cp_mfa')!;
    const done = await env.t.request('POST', '/auth/mfa', {
      body: new URLSearchParams({ code: code(1) }).toString(),
      headers: { origin: OWN_ORIGIN, cookie: challenge, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(done.status).toBe(303);
    expect(sessionCookie(done.headers)).not.toBeNull();
    expect(await sessionsOf(p.user_id)).toHaveLength(1);
    expect((await signIns(p.user_id)).map((e) => JSON.parse(String(e.data)).method)).toEqual(['sso']);
  });

  it('required for staff: no link for the team, the link page says why; contacts keep links; removing the provider lifts it', async () => {
    expect((await settings({ sso: { required_for: 'staff' } })).body.sso.required_for).toBe('staff');
    const since = env.mail.messages.length;
    const r = await env.t.request('POST', '/v1/auth/magic-link', { body: { tenant: env.slug, email: 'sam@vendor.test' }, headers: { 'x-forwarded-for': '198.51.100.77' } });
    expect(r.status).toBe(202);
    // A contact still gets one (and, after it, the staff address provably got none).
    await requestLink(env.t, env.mail, env.slug, 'ana@acme.test');
    expect(env.mail.messages.slice(since).some((m) => m.to.includes('sam@vendor.test'))).toBe(false);

    expect((await settings({ sso: { required_for: 'all' } })).status).toBe(200);
    const page = await env.t.request('GET', `/p/${env.slug}`);
    expect(page.body).toContain('Sign in with your company account');
    expect(page.body).not.toContain('Email me a sign-in link');
    expect((await signInAs(verified('ana@acme.test'))).r.status).toBe(303);

    // A link sent before the requirement signs nobody in now.
    await settings({ sso: { required_for: 'none' } });
    const path = await requestLink(env.t, env.mail, env.slug, 'ana@acme.test');
    await settings({ sso: { required_for: 'all' } });
    const used = await env.t.request('POST', path, { headers: { origin: OWN_ORIGIN } });
    expect(used.status).toBe(403);
    expect(used.body).toContain('asks you to sign in with your company account');
    expectNoSession(used);

    // The API key is the break-glass: it removes the provider, and with it the requirement.
    const removed = await settings({ sso: { oidc: null } });
    expect(removed.body.sso).toEqual({ oidc: null, required_for: 'none', allowed_domains: [], verified_at: null });
    expect((await env.t.request('GET', `/p/${env.slug}`)).body).not.toContain('company account');
    await settings({ sso: { oidc: { issuer: idp.issuer, ...CLIENT } } });
  });
});
