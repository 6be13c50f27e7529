import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { databases, embedToken } from '../test/harness.js';
import { OWN_ORIGIN, requestLink, sessionCookie, useMailWorld } from '../test/sign-in.js';

/** The code an authenticator app shows for `secret`, `steps` periods from now. */
const codeFor = (secret: string, steps = 0) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + steps * 30_000 });

const dataOf = (row: { data: unknown }) => (typeof row.data === 'string' ? JSON.parse(row.data) : row.data);

const challengeCookie = (headers: Headers) => {
  const set = headers.getSetCookie().find((c) => c.startsWith('cp_mfa='));
  return set && !/cp_mfa=;/.test(set) ? set.split(';')[0]! : null;
};

describe.each(databases)('two-step sign-in (TOTP) on $name', (database) => {
  const env = useMailWorld(database);
  let n = 0;

  /** A fresh contact of customer A with an email address, signed in by the vendor's app (an embed token). */
  const newPerson = async (role: 'contact' | 'staff' = 'contact') => {
    const id = `p${++n}`;
    const email = `${id}-${database.name}@acme.test`;
    const person = await embedToken(env.t, env.w.key, { external_id: id, name: `Person ${id}`, role, email, ...(role === 'staff' ? { staff_role: 'member' as const } : {}) }, role === 'contact' ? { external_id: 'acme' } : undefined);
    return { ...person, email };
  };

  const api = (method: string, path: string, auth: string, body?: unknown) => env.t.request(method, path, { auth, body });

  const enrol = async (token: string) => {
    const started = await api('POST', '/v1/me/mfa/totp', token);
    expect(started.status).toBe(200);
    const used = codeFor(started.body.secret);
    const confirmed = await api('POST', '/v1/me/mfa/totp/confirm', token, { code: used });
    expect(confirmed.status).toBe(200);
    return { secret: started.body.secret as string, used, recoveryCodes: confirmed.body.recovery_codes as string[] };
  };

  /** Uses a sign-in link the way a browser does; answers the response and the code page's cookie. */
  const openLink = async (email: string) => {
    const path = await requestLink(env.t, env.mail, env.slug, email);
    const r = await env.t.request('POST', path, { headers: { origin: OWN_ORIGIN } });
    return { r, challenge: challengeCookie(r.headers) };
  };

  const postCode = (challenge: string, code: string) =>
    env.t.request('POST', '/auth/mfa', { body: new URLSearchParams({ code }).toString(), headers: { origin: OWN_ORIGIN, cookie: challenge, 'content-type': 'application/x-www-form-urlencoded' } });

  const events = (type: string, userId: string) => env.t.deps.db.selectFrom('events').selectAll().where('type', '=', type).where('subject_id', '=', userId).execute();

  it('enrols with a secret and otpauth URL, confirms with a code, and answers hashed recovery codes once', async () => {
    const p = await newPerson();
    expect((await api('GET', '/v1/me/mfa', p.token)).body).toEqual({ totp: 'off', required: false, recovery_codes_left: 0 });
    const started = await api('POST', '/v1/me/mfa/totp', p.token);
    expect(started.status).toBe(200);
    expect(started.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(started.body.otpauth_url).toMatch(/^otpauth:\/\/totp\/.+\?.*secret=[A-Z2-7]{32}/);
    expect(started.body.otpauth_url).toContain(encodeURIComponent(p.email));
    expect((await api('GET', '/v1/me/mfa', p.token)).body.totp).toBe('pending');

    const wrong = await api('POST', '/v1/me/mfa/totp/confirm', p.token, { code: '000000' === codeFor(started.body.secret) ? '111111' : '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('invalid_code');
    expect((await api('POST', '/v1/me/mfa/totp/confirm', p.token, { code: 'abc' })).status).toBe(400);
    expect((await events('user.mfa_enabled', p.user_id))).toHaveLength(0);

    const confirmed = await api('POST', '/v1/me/mfa/totp/confirm', p.token, { code: codeFor(started.body.secret) });
    expect(confirmed.status).toBe(200);
    const codes = confirmed.body.recovery_codes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect((await api('GET', '/v1/me/mfa', p.token)).body).toEqual({ totp: 'on', required: false, recovery_codes_left: 10 });
    // Once: neither confirming again nor starting again answers codes or a secret.
    expect((await api('POST', '/v1/me/mfa/totp/confirm', p.token, { code: codeFor(started.body.secret, 1) })).status).toBe(409);
    expect((await api('POST', '/v1/me/mfa/totp', p.token)).body.error.code).toBe('mfa_already_enabled');
    const stored = await env.t.deps.db.selectFrom('mfa_recovery_codes').select('code_hash').where('user_id', '=', p.user_id).execute();
    expect(stored).toHaveLength(10);
    for (const { code_hash } of stored) expect(codes.map((c) => c.replace('-', ''))).not.toContain(code_hash);
    const [enabled] = await events('user.mfa_enabled', p.user_id);
    expect(enabled).toMatchObject({ visibility: 'internal', actor_id: p.user_id });
    // An API key is nobody.
    expect((await api('POST', '/v1/me/mfa/totp', env.w.key)).status).toBe(403);
  });

  it('asks a person with TOTP for a code after the link: no session before it, each code accepted once', async () => {
    const p = await newPerson();
    const { secret, recoveryCodes } = await enrol(p.token);

    const { r, challenge } = await openLink(p.email);
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe('/auth/mfa');
    expect(sessionCookie(r.headers)).toBeNull();
    expect(challenge).not.toBeNull();
    const set = r.headers.getSetCookie().find((c) => c.startsWith('cp_mfa='))!;
    expect(set).toMatch(/; HttpOnly/i);
    expect(set).toMatch(/; Path=\/auth\/mfa/);
    const page = await env.t.request('GET', '/auth/mfa', { headers: { cookie: challenge! } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Enter your code');
    expect(page.body).toContain('autocomplete="one-time-code"');
    expect((await env.t.request('GET', '/auth/mfa')).status).toBe(410);

    // Another site cannot post the code page.
    const forged = await env.t.request('POST', '/auth/mfa', { body: 'code=123456', headers: { origin: 'http://evil.test', cookie: challenge!, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(forged.status).toBe(403);

    const wrong = await postCode(challenge!, codeFor(secret, 0) === '000000' ? '111111' : '000000');
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('not right');
    expect(sessionCookie(wrong.headers)).toBeNull();

    const code = codeFor(secret, 1); // the confirm used the current step
    const right = await postCode(challenge!, code);
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe(`/p/${env.slug}`);
    const cookie = sessionCookie(right.headers);
    expect(cookie).not.toBeNull();
    const [signedIn] = await events('user.signed_in', p.user_id);
    expect(dataOf(signedIn!)).toMatchObject({ method: 'magic_link', second_factor: 'totp' });
    // The spent challenge signs nobody in again.
    expect((await postCode(challenge!, code)).status).toBe(410);

    // The same code in a new sign-in (a replay within its 30 seconds) is refused; so is an older one.
    const second = await openLink(p.email);
    expect((await postCode(second.challenge!, code)).status).toBe(400);
    expect((await postCode(second.challenge!, codeFor(secret, 0))).status).toBe(400);
    // A recovery code works, once.
    const recovered = await postCode(second.challenge!, recoveryCodes[0]!.toUpperCase());
    expect(recovered.status).toBe(303);
    expect((await api('GET', '/v1/me/mfa', p.token)).body.recovery_codes_left).toBe(9);
    const third = await openLink(p.email);
    expect((await postCode(third.challenge!, recoveryCodes[0]!)).status).toBe(400);
    const [latest] = (await events('user.signed_in', p.user_id)).sort((a, b) => Number(b.id) - Number(a.id));
    expect(dataOf(latest!).second_factor).toBe('recovery_code');
  });

  it('locks code entry after five wrong codes, even for the right one, with one user.mfa_locked row', async () => {
    const p = await newPerson();
    const { secret } = await enrol(p.token);
    const { challenge } = await openLink(p.email);
    const bad = codeFor(secret, 1) === '999999' || codeFor(secret, 0) === '999999' ? '888888' : '999999';
    for (let i = 0; i < 4; i++) expect((await postCode(challenge!, bad)).status).toBe(400);
    const fifth = await postCode(challenge!, bad);
    expect(fifth.status).toBe(429);
    expect(fifth.body).toContain('Too many wrong codes');
    expect(Number(fifth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(sessionCookie(fifth.headers)).toBeNull();
    // The challenge is gone, and a new link's code page stays locked for the right code too.
    expect((await postCode(challenge!, codeFor(secret, 1))).status).toBe(410);
    const again = await openLink(p.email);
    const right = await postCode(again.challenge!, codeFor(secret, 1));
    expect(right.status).toBe(429);
    expect(sessionCookie(right.headers)).toBeNull();
    // The API's code checks share the lock.
    const removal = await api('DELETE', '/v1/me/mfa/totp', p.token, { code: codeFor(secret, 1) });
    expect(removal.status).toBe(429);
    expect(removal.body.error.code).toBe('rate_limited');
    expect(await events('user.mfa_locked', p.user_id)).toHaveLength(1);
    expect(await events('user.signed_in', p.user_id)).toHaveLength(0);
    expect((await api('GET', '/v1/me/mfa', p.token)).body.totp).toBe('on');
  });

  it('removes TOTP only with a current code; then the link signs in directly', async () => {
    const p = await newPerson();
    const { secret, used } = await enrol(p.token);
    const missing = await api('DELETE', '/v1/me/mfa/totp', p.token);
    expect(missing.status).toBe(400);
    expect((await api('DELETE', '/v1/me/mfa/totp', p.token, { code: used })).status).toBe(400); // spent by the confirm
    expect(await events('user.mfa_disabled', p.user_id)).toHaveLength(0);
    expect((await api('DELETE', '/v1/me/mfa/totp', p.token, { code: codeFor(secret, 1) })).status).toBe(204);
    expect((await api('GET', '/v1/me/mfa', p.token)).body).toEqual({ totp: 'off', required: false, recovery_codes_left: 0 });
    expect(await env.t.deps.db.selectFrom('mfa_recovery_codes').select('code_hash').where('user_id', '=', p.user_id).execute()).toHaveLength(0);
    expect(await events('user.mfa_disabled', p.user_id)).toHaveLength(1);
    expect((await api('DELETE', '/v1/me/mfa/totp', p.token)).status).toBe(404);
    const { r } = await openLink(p.email);
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe(`/p/${env.slug}`);
    expect(sessionCookie(r.headers)).not.toBeNull();
  });

  it('mfa_required: staff enrol on the code page before their session; contacts are not asked; it cannot be removed', async () => {
    const invalid = await env.t.request('PATCH', '/v1/settings', { auth: env.w.key, body: { mfa_required: 'everyone' } });
    expect(invalid.status).toBe(400);
    const set = await env.t.request('PATCH', '/v1/settings', { auth: env.w.key, body: { mfa_required: 'staff' } });
    expect(set.status).toBe(200);
    expect(set.body.mfa_required).toBe('staff');
    try {
      const staff = await newPerson('staff');
      expect((await api('GET', '/v1/me/mfa', staff.token)).body).toMatchObject({ totp: 'off', required: true });
      const { r, challenge } = await openLink(staff.email);
      expect(r.headers.get('location')).toBe('/auth/mfa');
      expect(sessionCookie(r.headers)).toBeNull();
      const page = await env.t.request('GET', '/auth/mfa', { headers: { cookie: challenge! } });
      expect(page.body).toContain('Set up two-step sign-in');
      const { secret } = await env.t.deps.db.selectFrom('mfa_totp').select('secret').where('user_id', '=', staff.user_id).executeTakeFirstOrThrow();
      expect(page.body).toContain(secret.slice(0, 4));
      const done = await postCode(challenge!, codeFor(secret));
      expect(done.status).toBe(200);
      expect(done.body).toContain('Save your recovery codes');
      expect((done.body.match(/<li><code>/g) ?? []).length).toBe(10);
      expect(sessionCookie(done.headers)).not.toBeNull();
      expect((await api('GET', '/v1/me/mfa', staff.token)).body).toMatchObject({ totp: 'on', required: true, recovery_codes_left: 10 });
      const removal = await api('DELETE', '/v1/me/mfa/totp', staff.token, { code: codeFor(secret, 1) });
      expect(removal.status).toBe(409);
      expect(removal.body.error.code).toBe('mfa_required');

      const contact = await newPerson();
      const direct = await openLink(contact.email);
      expect(direct.r.headers.get('location')).toBe(`/p/${env.slug}`);
      expect(sessionCookie(direct.r.headers)).not.toBeNull();
    } finally {
      await env.t.request('PATCH', '/v1/settings', { auth: env.w.key, body: { mfa_required: null } });
    }
    expect((await env.t.request('GET', '/v1/settings', { auth: env.w.key })).body.mfa_required).toBe('none');
  });
});
