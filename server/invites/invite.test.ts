import { describe, expect, it } from 'vitest';
import { databases } from '../test/harness.js';
import { OWN_ORIGIN, useMailWorld } from '../test/sign-in.js';
import { insertUser } from '../users/user.repository.js';

describe.each(databases)('invitations on $name', (database) => {
  const env = useMailWorld(database);

  const newContact = (email: string | null, customerId = env.w.customerA) =>
    env.t.deps.db.transaction().execute((trx) =>
      insertUser(trx, { kind: 'api_key', tenantId: env.w.tenantId, keyId: '' }, { role: 'contact', customer_id: customerId, name: 'Nia New', email, portal_access: 'invited' }),
    );

  it('emails an invitation whose link signs the person in and makes them active', async () => {
    const nia = await newContact('nia@acme.test');
    const since = env.mail.messages.length;
    const r = await env.t.request('POST', `/v1/users/${nia.id}/invite`, { auth: env.w.staff });
    expect(r.status).toBe(202);
    expect(r.body.user).toMatchObject({ id: nia.id, portal_access: 'invited', email: 'nia@acme.test' });
    const hours = (Date.parse(r.body.expires_at) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(71);
    expect(hours).toBeLessThanOrEqual(72);

    const message = await env.mail.waitFor((m) => m.to.includes('nia@acme.test'), since);
    expect(message.subject).toMatch(/^You're invited to Vendor .+ portal$/);
    expect(message.raw).toContain('expires in 3 days');
    expect(message.raw).toContain(`/p/${env.slug}`);
    const landed = await env.t.request('POST', new URL(message.links[0]!).pathname, { headers: { origin: OWN_ORIGIN } });
    expect(landed.status).toBe(303);
    const user = await env.t.deps.db.selectFrom('users').select('portal_access').where('id', '=', nia.id).executeTakeFirstOrThrow();
    expect(user.portal_access).toBe('active');

    const event = await env.t.deps.db.selectFrom('events').selectAll().where('type', '=', 'user.invited').where('subject_id', '=', nia.id).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ visibility: 'internal', actor_id: env.w.staffId, customer_id: env.w.customerA });
  });

  it('resends to an active person and invites staff too', async () => {
    const since = env.mail.messages.length;
    expect((await env.t.request('POST', `/v1/users/${env.w.contactAId}/invite`, { auth: env.w.key })).status).toBe(202);
    expect((await env.t.request('POST', `/v1/users/${env.w.staffId}/invite`, { auth: env.w.key })).status).toBe(202);
    await env.mail.waitFor((m) => m.to.includes('ana@acme.test'), since);
    const staffMail = await env.mail.waitFor((m) => m.to.includes('sam@vendor.test'), since);
    const landed = await env.t.request('POST', new URL(staffMail.links[0]!).pathname, { headers: { origin: OWN_ORIGIN } });
    expect(landed.headers.get('location')).toBe('/admin');
  });

  it('refuses deactivated people, people without email and contacts whose portal is off', async () => {
    const gone = await env.t.request('POST', `/v1/users/${env.w.deactivatedId}/invite`, { auth: env.w.key });
    expect(gone.status).toBe(409);
    expect(gone.body.error.code).toBe('access_deactivated');
    const silent = await newContact(null);
    expect((await env.t.request('POST', `/v1/users/${silent.id}/invite`, { auth: env.w.key })).body.error.code).toBe('no_email');
    const bobs = await newContact('bob2@globex.test', env.w.customerB);
    const portal = (portal_enabled: boolean) => env.t.request('PATCH', `/v1/customers/${env.w.customerB}`, { auth: env.w.key, body: { portal_enabled } });
    expect((await portal(false)).status).toBe(200);
    try {
      expect((await env.t.request('POST', `/v1/users/${bobs.id}/invite`, { auth: env.w.key })).body.error.code).toBe('portal_disabled');
    } finally {
      await portal(true);
    }
  });

  it('is for API keys and staff of the same tenant only', async () => {
    expect((await env.t.request('POST', `/v1/users/${env.w.contactAId}/invite`, { auth: env.w.contactA })).status).toBe(403);
    expect((await env.t.request('POST', `/v1/users/${env.w.contactAId}/invite`, { auth: env.w.otherTenantKey })).status).toBe(404);
    expect((await env.t.request('POST', '/v1/users/usr_nope/invite', { auth: env.w.key })).status).toBe(404);
  });
});
