import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { databases, embedToken } from '../test/harness.js';
import { signIn, useMailWorld } from '../test/sign-in.js';

describe.each(databases)("an admin's reset of a lost authenticator on $name", (database) => {
  const env = useMailWorld(database);
  let n = 0;

  /** A contact of customer A with a confirmed authenticator. */
  const withTotp = async () => {
    const id = `lost${++n}`;
    const email = `${id}-${database.name}@acme.test`;
    const p = await embedToken(env.t, env.w.key, { external_id: id, name: `Lia ${id}`, role: 'contact', email }, { external_id: 'acme' });
    const started = await env.t.request('POST', '/v1/me/mfa/totp', { auth: p.token });
    const code = new TOTP({ secret: Secret.fromBase32(started.body.secret) }).generate();
    expect((await env.t.request('POST', '/v1/me/mfa/totp/confirm', { auth: p.token, body: { code } })).status).toBe(200);
    return { ...p, email };
  };
  const reset = (id: string, auth: string) => env.t.request('DELETE', `/v1/users/${id}/mfa`, { auth });

  it('removes the TOTP and recovery codes, writes the row naming the admin, emails the person; the next sign-in needs no code', async () => {
    const p = await withTotp();
    const since = env.mail.messages.length;
    expect((await reset(p.user_id, env.w.staff)).status).toBe(204);
    expect((await env.t.request('GET', '/v1/me/mfa', { auth: p.token })).body).toEqual({ totp: 'off', required: false, recovery_codes_left: 0 });
    expect(await env.t.deps.db.selectFrom('mfa_recovery_codes').select('code_hash').where('user_id', '=', p.user_id).execute()).toHaveLength(0);
    const row = await env.t.deps.db.selectFrom('events').selectAll().where('type', '=', 'user.mfa_disabled').where('subject_id', '=', p.user_id).executeTakeFirstOrThrow();
    expect(row.actor_id).toBe(env.w.staffId);
    expect(row.visibility).toBe('internal');
    expect(JSON.parse(String(row.data))).toMatchObject({ reset: true, method: 'totp' });
    const activity = await env.t.request('GET', '/v1/activity', { auth: env.w.staff });
    expect(JSON.stringify(activity.body)).toContain('Reset the two-step sign-in of');
    const mail = await env.mail.waitFor((m) => m.to.includes(p.email), since);
    expect(mail.subject).toContain('two-step sign-in');
    expect(mail.text).toContain('removed the authenticator app');

    const { location } = await signIn(env.t, env.mail, env.slug, p.email);
    expect(location).toBe(`/p/${env.slug}`);
    // Nothing left to reset.
    expect((await reset(p.user_id, env.w.key)).status).toBe(404);
  });

  it('is for admins of the tenant only', async () => {
    const p = await withTotp();
    const member = await embedToken(env.t, env.w.key, { external_id: `m${n}`, name: 'Max Member', role: 'staff', email: `max${n}@vendor.test`, staff_role: 'member' });
    const refused = await reset(p.user_id, member.token);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'admin_required']);
    expect((await reset(p.user_id, p.token)).status).toBe(403);
    expect((await reset(p.user_id, env.w.contactA)).status).toBe(403);
    expect((await reset(p.user_id, env.w.otherTenantKey)).status).toBe(404);
    expect((await reset('usr_nobody', env.w.key)).status).toBe(404);
    expect((await env.t.request('GET', '/v1/me/mfa', { auth: p.token })).body.totp).toBe('on');
    expect((await reset(p.user_id, env.w.key)).status).toBe(204);
  });
});
