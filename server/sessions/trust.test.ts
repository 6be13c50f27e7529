import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../lib/csv.js';
import { buildWorld, databases, startTestApp } from '../test/harness.js';
import { OWN_ORIGIN, requestLink, sessionCookie, signIn, useMailWorld } from '../test/sign-in.js';
import { download, upload } from '../test/uploads.js';

const UA = 'Mozilla/5.0 (X11; Linux x86_64) TrustTest/1.0';

describe.each(databases)('trust: audit rows and sessions on $name', (database) => {
  const env = useMailWorld(database);

  const exchange = (cookie: string) => env.t.request('POST', '/v1/auth/session/token', { headers: { cookie, origin: OWN_ORIGIN } });
  const lastEvent = (type: string) =>
    env.t.deps.db.selectFrom('events').selectAll().where('type', '=', type).where('tenant_id', '=', env.w.tenantId).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const activity = async (type: string) => (await env.t.request('GET', `/v1/activity?type=${type}&limit=5`, { auth: env.w.key })).body.data;

  /** Signs in from `ip` with the test user agent; answers the cookie and an embed token exchanged from it. */
  async function signInFrom(email: string, ip: string) {
    const path = await requestLink(env.t, env.mail, env.slug, email);
    const r = await env.t.request('POST', path, { headers: { origin: OWN_ORIGIN, 'x-forwarded-for': `10.9.9.9, ${ip}`, 'user-agent': UA } });
    const cookie = sessionCookie(r.headers)!;
    const token = (await env.t.request('POST', '/v1/auth/session/token', { headers: { cookie, origin: OWN_ORIGIN } })).body.token as string;
    return { cookie, token };
  }

  it('stamps every change with the client address (the proxy\'s last hop) and the user agent', async () => {
    const r = await env.t.request('POST', '/v1/tasks', {
      auth: env.w.staff,
      body: { title: 'Audit me', customer_id: env.w.customerA },
      headers: { 'x-forwarded-for': '203.0.113.50, 198.51.100.7', 'user-agent': UA },
    });
    expect(r.status).toBe(201);
    const [row] = await activity('task.created');
    expect(row).toMatchObject({ subject_id: r.body.id, ip: '198.51.100.7', user_agent: UA });
    const csv = await env.t.request('GET', '/v1/activity.csv?type=task.created', { auth: env.w.key });
    const [header, ...rows] = parseCsv(csv.body as string, ',').map((x) => x.fields);
    const line = rows.find((x) => x[header!.indexOf('subject_id')] === r.body.id)!;
    expect([line[header!.indexOf('ip')], line[header!.indexOf('user_agent')]]).toEqual(['198.51.100.7', UA]);
  });

  it('writes a sign-in row, and a sign-out row when the session ends', async () => {
    const { cookie } = await signInFrom('ana@acme.test', '198.51.100.21');
    const signedIn = await lastEvent('user.signed_in');
    expect(signedIn).toMatchObject({ subject_id: env.w.contactAId, actor_id: env.w.contactAId, customer_id: env.w.customerA, visibility: 'internal', ip: '198.51.100.21', user_agent: UA });
    expect(JSON.parse(signedIn.data)).toMatchObject({ method: 'magic_link', user: { id: env.w.contactAId, name: 'Ana Silva' } });
    const [row] = await activity('user.signed_in');
    expect(row.summary).toBe('Signed in with an email link');

    const out = await env.t.request('POST', '/v1/auth/logout', { headers: { cookie, origin: OWN_ORIGIN, 'user-agent': UA } });
    expect(out.status).toBe(204);
    const signedOut = await lastEvent('user.signed_out');
    expect(JSON.parse(signedOut.data)).toMatchObject({ reason: 'logout', session_ids: [JSON.parse(signedIn.data).session_id] });
  });

  it('writes a download row for the bytes served, never for a revalidation, and tells no contact', async () => {
    const doc = await upload(env.t, env.w.staff, { name: 'contract.txt', bytes: 'terms' }, { customer_id: env.w.customerA });
    expect(doc.status).toBe(201);
    const before = await env.t.deps.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).where('type', '=', 'document.downloaded').executeTakeFirstOrThrow();
    const got = await download(env.t, env.w.contactA, `/v1/documents/${doc.body.id}/content`, { 'user-agent': UA, 'x-forwarded-for': '198.51.100.30' });
    expect(got.status).toBe(200);
    const again = await download(env.t, env.w.contactA, `/v1/documents/${doc.body.id}/content`, { 'if-none-match': got.headers.get('etag')! });
    expect(again.status).toBe(304);
    const after = await env.t.deps.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).where('type', '=', 'document.downloaded').executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(1);
    const row = await lastEvent('document.downloaded');
    expect(row).toMatchObject({ subject_id: doc.body.id, actor_id: env.w.contactAId, visibility: 'internal', ip: '198.51.100.30', user_agent: UA });
    const [trail] = await activity('document.downloaded');
    expect(trail.summary).toBe('Downloaded “contract.txt”');
    // Another's download is none of a contact's business: it is not in their event stream.
    const seen = await env.t.deps.db.selectFrom('events').select('id').where('id', '=', row.id).where('visibility', '=', 'portal').execute();
    expect(seen).toEqual([]);
  });

  it('lists one\'s sessions, ends one (its tokens with it) and signs out everywhere', async () => {
    const first = await signInFrom('bob@globex.test', '198.51.100.41');
    const second = await signInFrom('bob@globex.test', '198.51.100.42');
    const list = await env.t.request('GET', '/v1/me/sessions', { auth: second.token });
    expect(list.status).toBe(200);
    expect(list.headers.get('cache-control')).toBe('no-store');
    const mine = list.body.data as { id: string; ip: string; user_agent: string; current: boolean }[];
    expect(mine.map((s) => [s.ip, s.user_agent, s.current]).sort()).toEqual([
      ['198.51.100.41', UA, false],
      ['198.51.100.42', UA, true],
    ]);
    expect(mine.every((s) => /^ses_/.test(s.id))).toBe(true);
    expect(decodeJwt(second.token).sid).toBe(mine.find((s) => s.current)!.id);

    // Nobody else's session can be ended, nor even found.
    const other = await signInFrom('ana@acme.test', '198.51.100.43');
    const ana = (await env.t.request('GET', '/v1/me/sessions', { auth: other.token })).body.data[0].id;
    const foreign = await env.t.request('DELETE', `/v1/me/sessions/${ana}`, { auth: second.token });
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'not_found']);
    expect((await env.t.request('DELETE', '/v1/me/sessions/ses_nope', { auth: second.token })).status).toBe(404);
    expect((await env.t.request('GET', '/v1/me/sessions', { auth: env.w.key })).status).toBe(403);

    const firstId = mine.find((s) => !s.current)!.id;
    expect((await env.t.request('DELETE', `/v1/me/sessions/${firstId}`, { auth: second.token })).status).toBe(204);
    const refused = await env.t.request('GET', '/v1/me', { auth: first.token });
    expect([refused.status, refused.body.error.code]).toEqual([401, 'session_ended']);
    expect((await exchange(first.cookie)).status).toBe(401);
    expect((await env.t.request('GET', '/v1/me', { auth: second.token })).status).toBe(200);

    expect((await env.t.request('DELETE', '/v1/me/sessions', { auth: second.token })).status).toBe(204);
    expect((await env.t.request('GET', '/v1/me', { auth: second.token })).status).toBe(401);
    expect((await exchange(second.cookie)).status).toBe(401);
    expect(JSON.parse((await lastEvent('user.signed_out')).data)).toMatchObject({ reason: 'everywhere', session_ids: [mine.find((s) => s.current)!.id] });
    // Ana's session is untouched.
    expect((await env.t.request('GET', '/v1/me', { auth: other.token })).status).toBe(200);
    // A vendor's embed token belongs to no session: it lists none and is not ended with them.
    const vendor = await env.t.request('GET', '/v1/me/sessions', { auth: env.w.contactB });
    expect([vendor.status, vendor.body.data]).toEqual([200, []]);
  });

  it('ends a session after the tenant\'s idle time and at its maximum age; tokens never outlive it', async () => {
    const bad = await env.t.request('PATCH', '/v1/settings', { auth: env.w.key, body: { session_idle_minutes: 4 } });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'validation_failed']);
    expect((await env.t.request('PATCH', '/v1/settings', { auth: env.w.key, body: { session_max_days: 0 } })).status).toBe(400);
    const member = await env.t.request('PATCH', '/v1/settings', { auth: env.w.staff, body: { session_idle_minutes: 10 } });
    expect(member.status === 200 || member.body.error?.code === 'admin_required').toBe(true);
    const set = await env.t.request('PATCH', '/v1/settings', { auth: env.w.key, body: { session_idle_minutes: 10, session_max_days: 2 } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ session_idle_minutes: 10, session_max_days: 2 });
    try {
      const { cookie } = await signIn(env.t, env.mail, env.slug, 'sam@vendor.test');
      const first = await exchange(cookie);
      const claims = decodeJwt(first.body.token);
      expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(600);
      expect(claims.exp! - claims.iat!).toBeGreaterThan(590);

      const session = () => env.t.deps.db.selectFrom('sessions').selectAll().where('user_id', '=', env.w.staffId).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
      const shift = async (createdAgoMs: number, usedAgoMs: number) => {
        const { id } = await session();
        const now = Date.now();
        await env.t.deps.db.updateTable('sessions').set({ created_at: new Date(now - createdAgoMs).toISOString(), last_used_at: new Date(now - usedAgoMs).toISOString(), expires_at: new Date(now + 86_400_000).toISOString() }).where('id', '=', id).execute();
      };
      // Used 9 minutes ago: alive, and it slides.
      await shift(9 * 60_000, 9 * 60_000);
      expect((await exchange(cookie)).status).toBe(200);
      // Nearly two days old and used a minute ago: its token ends with the maximum age.
      await shift(2 * 86_400_000 - 120_000, 61_000);
      const late = decodeJwt((await exchange(cookie)).body.token);
      expect(late.exp! - late.iat!).toBeLessThanOrEqual(120);
      // Past the maximum age, however busy.
      await shift(2 * 86_400_000 + 1000, 0);
      expect((await exchange(cookie)).status).toBe(401);

      const again = await signIn(env.t, env.mail, env.slug, 'sam@vendor.test');
      await shift(60_000, 9 * 60_000);
      const listed = (await env.t.request('GET', '/v1/me/sessions', { auth: env.w.staff })).body.data;
      expect(listed).toHaveLength(1);
      // Its end as the tenant's idle time puts it, not the day the row says.
      expect(Date.parse(listed[0].expires_at) - Date.now()).toBeLessThanOrEqual(60_000);
      await shift(60_000, 11 * 60_000);
      expect((await env.t.request('GET', '/v1/me/sessions', { auth: env.w.staff })).body.data).toEqual([]);
      expect((await exchange(again.cookie)).status).toBe(401);
      const page = await env.t.request('GET', '/admin', { headers: { cookie: again.cookie } });
      expect(page.headers.getSetCookie().some((c) => /^cp_session=;/.test(c))).toBe(true);
    } finally {
      await env.t.request('PATCH', '/v1/settings', { auth: env.w.key, body: { session_idle_minutes: null, session_max_days: null } });
    }
  });
});

describe.each(databases)('trust without TRUST_PROXY on $name', (database) => {
  it('ignores X-Forwarded-For: a client cannot choose the address the trail records', async () => {
    const t = await startTestApp(database, { trustProxy: false });
    try {
      const w = await buildWorld(t);
      const r = await t.request('POST', '/v1/tasks', { auth: w.staff, body: { title: 'Spoof', customer_id: w.customerA }, headers: { 'x-forwarded-for': '6.6.6.6', 'user-agent': UA } });
      const row = await t.deps.db.selectFrom('events').select(['ip', 'user_agent']).where('subject_id', '=', r.body.id).executeTakeFirstOrThrow();
      // In-process requests have no socket: the address is unknown rather than the forged one.
      expect(row).toEqual({ ip: null, user_agent: UA });
    } finally {
      await t.close();
    }
  });

  it('keeps each request\'s own origin when SQLite commits writes together', async () => {
    const t = await startTestApp(database, { trustProxy: true });
    try {
      const w = await buildWorld(t);
      const replies = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          t.request('POST', '/v1/tasks', { auth: w.staff, body: { title: `Burst ${i}`, customer_id: w.customerA }, headers: { 'x-forwarded-for': `198.51.100.${i + 1}`, 'user-agent': `agent-${i}` } }),
        ),
      );
      const rows = await t.deps.db.selectFrom('events').select(['subject_id', 'ip', 'user_agent']).where('type', '=', 'task.created').where('subject_id', 'in', replies.map((r) => r.body.id)).execute();
      for (const [i, reply] of replies.entries()) {
        expect(rows.find((row) => row.subject_id === reply.body.id)).toMatchObject({ ip: `198.51.100.${i + 1}`, user_agent: `agent-${i}` });
      }
    } finally {
      await t.close();
    }
  });
});
