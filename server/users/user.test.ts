import { describe, expect, it } from 'vitest';
import { databases, embedToken } from '../test/harness.js';
import { useWorld } from '../test/suite.js';

describe.each(databases)('contacts and users on $name', (database) => {
  const env = useWorld(database);

  it("lists a customer's contacts with their portal access, to API keys and staff only", async () => {
    for (const auth of [env.w.key, env.w.staff]) {
      const list = await env.t.request('GET', `/v1/customers/${env.w.customerA}/contacts`, { auth });
      expect(list.status).toBe(200);
      expect(list.body.next_cursor).toBeNull();
      expect(list.body.data).toEqual([
        expect.objectContaining({ id: env.w.contactAId, name: 'Ana Silva', email: 'ana@acme.test', external_id: 'ana', role: 'contact', customer_id: env.w.customerA, portal_access: 'active' }),
        expect.objectContaining({ id: env.w.deactivatedId, name: 'Dan Gone', portal_access: 'deactivated' }),
      ]);
      expect(list.body.data[0].last_seen_at).toEqual(expect.any(String));
    }
    const active = await env.t.request('GET', `/v1/customers/${env.w.customerA}/contacts?portal_access=active,invited`, { auth: env.w.key });
    expect(active.body.data.map((u: { id: string }) => u.id)).toEqual([env.w.contactAId]);
    const search = await env.t.request('GET', `/v1/customers/${env.w.customerA}/contacts?q=dan@`, { auth: env.w.key });
    expect(search.body.data.map((u: { id: string }) => u.id)).toEqual([env.w.deactivatedId]);

    for (const auth of [env.w.contactA, env.w.contactB]) {
      expect((await env.t.request('GET', `/v1/customers/${env.w.customerA}/contacts`, { auth })).status).toBe(403);
      expect((await env.t.request('POST', `/v1/customers/${env.w.customerA}/contacts`, { auth, body: { name: 'X', email: 'x@acme.test' } })).status).toBe(403);
      expect((await env.t.request('PATCH', `/v1/users/${env.w.contactAId}`, { auth, body: { name: 'X' } })).status).toBe(403);
    }
    for (const auth of [env.w.deactivated, undefined]) {
      expect((await env.t.request('GET', `/v1/customers/${env.w.customerA}/contacts`, { auth })).status).toBe(401);
      expect((await env.t.request('PATCH', `/v1/users/${env.w.contactAId}`, { auth, body: { name: 'X' } })).status).toBe(401);
    }
    expect((await env.t.request('GET', `/v1/customers/${env.w.customerA}/contacts`, { auth: env.w.otherTenantKey })).status).toBe(404);
    expect((await env.t.request('POST', `/v1/customers/${env.w.customerA}/contacts`, { auth: env.w.otherTenantKey, body: { name: 'X', email: 'x@acme.test' } })).status).toBe(404);
    expect((await env.t.request('PATCH', `/v1/users/${env.w.contactAId}`, { auth: env.w.otherTenantKey, body: { name: 'X' } })).status).toBe(404);
    expect((await env.t.request('GET', '/v1/customers/cus_nobody/contacts', { auth: env.w.key })).status).toBe(404);
  });

  it('adds contacts as invited, with an email unique among the customer’s contacts', async () => {
    const ok = await env.t.request('POST', `/v1/customers/${env.w.customerA}/contacts`, { auth: env.w.staff, body: { name: 'Eve Adams', email: ' Eve@Acme.test ' } });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ name: 'Eve Adams', email: 'eve@acme.test', external_id: null, role: 'contact', customer_id: env.w.customerA, portal_access: 'invited', last_seen_at: null });
    expect(ok.body.id).toMatch(/^usr_[0-9A-Za-z]{22}$/);

    const again = await env.t.request('POST', `/v1/customers/${env.w.customerA}/contacts`, { auth: env.w.key, body: { name: 'Eve Again', email: 'EVE@acme.test' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('email_taken');
    const elsewhere = await env.t.request('POST', `/v1/customers/${env.w.customerB}/contacts`, { auth: env.w.key, body: { name: 'Eve at Globex', email: 'eve@acme.test', external_id: 'eve-b', portal_access: 'active' } });
    expect(elsewhere.status).toBe(201);
    expect(elsewhere.body.portal_access).toBe('active');
    const externalClash = await env.t.request('POST', `/v1/customers/${env.w.customerA}/contacts`, { auth: env.w.key, body: { name: 'Copy', email: 'copy@acme.test', external_id: 'ana' } });
    expect(externalClash.status).toBe(409);
    expect(externalClash.body.error.code).toBe('external_id_taken');
    const racing = await Promise.all(
      ['Zoe 1', 'Zoe 2', 'Zoe 3', 'Zoe 4', 'Zoe 5', 'Zoe 6'].map((name) => env.t.request('POST', `/v1/customers/${env.w.customerA}/contacts`, { auth: env.w.key, body: { name, email: 'zoe@acme.test' } })),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const bad = await env.t.request('POST', `/v1/customers/${env.w.customerA}/contacts`, { auth: env.w.key, body: { name: '', email: 'not-an-email', portal_access: 'maybe' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['email', 'name', 'portal_access']);

    // The vendor's first embed token for that person links to the invited contact and activates it.
    const signedIn = await embedToken(env.t, env.w.key, { external_id: 'eve', name: 'Eve Adams', email: 'eve@acme.test', role: 'contact' }, { external_id: 'acme' });
    expect(signedIn.user_id).toBe(ok.body.id);
    const list = await env.t.request('GET', `/v1/customers/${env.w.customerA}/contacts?q=eve`, { auth: env.w.key });
    expect(list.body.data).toEqual([expect.objectContaining({ id: ok.body.id, external_id: 'eve', portal_access: 'active' })]);
    const linked = await env.t.deps.db.selectFrom('events').selectAll().where('type', '=', 'user.updated').where('subject_id', '=', ok.body.id).executeTakeFirstOrThrow();
    expect(JSON.parse(linked.data)).toMatchObject({ changes: ['external_id'], previous: { external_id: null }, user: { external_id: 'eve' } });
  });

  it('deactivating a contact refuses its token at once and takes it off the people list', async () => {
    const people = async () => (await env.t.request('GET', `/v1/people?customer_id=${env.w.customerA}`, { auth: env.w.staff })).body.data.map((p: { id: string }) => p.id);
    expect(await people()).toContain(env.w.contactAId);

    const off = await env.t.request('PATCH', `/v1/users/${env.w.contactAId}`, { auth: env.w.staff, body: { portal_access: 'deactivated' } });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ id: env.w.contactAId, portal_access: 'deactivated' });
    const refused = await env.t.request('GET', '/v1/tasks', { auth: env.w.contactA });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('access_revoked');
    expect(await people()).not.toContain(env.w.contactAId);
    const reissue = await env.t.request('POST', '/v1/embed-tokens', { auth: env.w.key, body: { user: { external_id: 'ana', name: 'Ana Silva', role: 'contact' }, customer: { external_id: 'acme' } } });
    expect(reissue.status).toBe(403);
    expect(reissue.body.error.code).toBe('access_revoked');

    const event = await env.t.deps.db.selectFrom('events').selectAll().where('type', '=', 'user.updated').where('subject_id', '=', env.w.contactAId).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ visibility: 'internal', customer_id: env.w.customerA, actor_id: env.w.staffId });
    expect(JSON.parse(event.data)).toMatchObject({ user: { portal_access: 'deactivated' }, changes: ['portal_access'], previous: { portal_access: 'active' } });

    // Reactivated, the person needs a new token: the one from before stays refused for good.
    const on = await env.t.request('PATCH', `/v1/users/${env.w.contactAId}`, { auth: env.w.key, body: { portal_access: 'active' } });
    expect(on.status).toBe(200);
    expect((await env.t.request('GET', '/v1/tasks', { auth: env.w.contactA })).status).toBe(401);
    env.w.contactA = (await embedToken(env.t, env.w.key, { external_id: 'ana', name: 'Ana Silva', role: 'contact' }, { external_id: 'acme' })).token;
    expect((await env.t.request('GET', '/v1/tasks', { auth: env.w.contactA })).status).toBe(200);
  });

  it('deactivates staff too, but never the caller itself', async () => {
    const self = await env.t.request('PATCH', `/v1/users/${env.w.staffId}`, { auth: env.w.staff, body: { portal_access: 'deactivated' } });
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('cannot_deactivate_self');
    const rename = await env.t.request('PATCH', `/v1/users/${env.w.staffId}`, { auth: env.w.staff, body: { name: 'Sam Carter' } });
    expect(rename.body).toMatchObject({ name: 'Sam Carter', role: 'staff', customer_id: null });

    const off = await env.t.request('PATCH', `/v1/users/${env.w.staffId}`, { auth: env.w.key, body: { portal_access: 'deactivated' } });
    expect(off.status).toBe(200);
    expect((await env.t.request('GET', '/v1/customers', { auth: env.w.staff })).status).toBe(401);
    await env.t.request('PATCH', `/v1/users/${env.w.staffId}`, { auth: env.w.key, body: { portal_access: 'active' } });
    expect((await env.t.request('GET', '/v1/customers', { auth: env.w.staff })).status).toBe(401);
    env.w.staff = (await embedToken(env.t, env.w.key, { external_id: 'sam', name: 'Sam Carter', role: 'staff' })).token;
    expect((await env.t.request('GET', '/v1/customers', { auth: env.w.staff })).status).toBe(200);
  });

  it('changes names and emails, keeping emails unique and refusing what is not a change', async () => {
    const clash = await env.t.request('PATCH', `/v1/users/${env.w.deactivatedId}`, { auth: env.w.key, body: { email: 'ANA@acme.test' } });
    expect(clash.status).toBe(409);
    const moved = await env.t.request('PATCH', `/v1/users/${env.w.contactBId}`, { auth: env.w.key, body: { email: 'ana@acme.test', name: 'Bob S.' } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ email: 'ana@acme.test', name: 'Bob S.' });
    expect((await env.t.request('PATCH', `/v1/users/${env.w.contactBId}`, { auth: env.w.key, body: {} })).status).toBe(400);
    expect((await env.t.request('PATCH', `/v1/users/${env.w.contactBId}`, { auth: env.w.key, body: { role: 'staff' } })).status).toBe(400);
    expect((await env.t.request('PATCH', `/v1/users/${env.w.contactBId}`, { auth: env.w.key, body: { email: 'nope' } })).status).toBe(400);
    expect((await env.t.request('PATCH', '/v1/users/usr_nobody', { auth: env.w.key, body: { name: 'X' } })).status).toBe(404);
  });
});
