import { describe, expect, it } from 'vitest';
import { consumeBatch } from '../events/consumer.js';
import { notificationFanOut } from '../notifications/notification-fanout.js';
import { databases, embedToken } from '../test/harness.js';
import { OWN_ORIGIN, someIp, useMailWorld } from '../test/sign-in.js';

describe.each(databases)('access requests on $name', (database) => {
  const env = useMailWorld(database);
  let n = 0;
  const ask = (body: object, ip = someIp()) => env.t.request('POST', '/v1/auth/access-request', { body, headers: { 'x-forwarded-for': ip } });
  const person = () => {
    const id = `${++n}-${database.name}`;
    return { tenant: env.slug, email: `Lee${id}@Initech.test`, name: `Lee ${id}`, company: 'Initech' };
  };
  const list = (auth = env.w.staff, query = '') => env.t.request('GET', `/v1/access-requests${query}`, { auth });
  /** Requests are filed after the 202: wait for the row. */
  const filed = async (email: string) => {
    for (let i = 0; i < 200; i++) {
      const row = await env.t.deps.db.selectFrom('access_requests').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
      if (row) return row;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no request for ${email}`);
  };
  const settle = async () => {
    await new Promise((r) => setTimeout(r, 300));
  };
  const enable = (mode: 'off' | 'approval') => env.t.request('PATCH', '/v1/settings', { auth: env.w.key, body: { self_registration: mode } });

  it('answers 202 and files nothing while the portal takes no requests; its page is a 404', async () => {
    const p = person();
    const r = await ask(p);
    expect(r.status).toBe(202);
    expect((await env.t.request('GET', `/p/${env.slug}/request-access`)).status).toBe(404);
    expect((await env.t.request('GET', `/p/${env.slug}`)).body).not.toContain('Ask for access');
    expect((await ask({ ...p, tenant: 'no-such-portal' })).status).toBe(202);
    await settle();
    expect(await env.t.deps.db.selectFrom('access_requests').select('id').where('email', '=', p.email.toLowerCase()).execute()).toHaveLength(0);
  });

  it('files a request (the same answer), notifies the admins, writes the event; staff list it, contacts cannot', async () => {
    expect((await enable('approval')).body.self_registration).toBe('approval');
    const p = person();
    const r = await ask(p);
    expect(r.status).toBe(202);
    const row = await filed(p.email);
    expect(row).toMatchObject({ email: p.email.toLowerCase(), name: p.name, company: 'Initech', status: 'pending' });

    const listed = await list();
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((x: { id: string }) => x.id)).toContain(row.id);
    expect((await list(env.w.key, '?status=pending')).body.data.every((x: { status: string }) => x.status === 'pending')).toBe(true);
    expect((await list(env.w.contactA)).status).toBe(403);
    expect((await list(env.w.otherTenantKey)).body.data).toEqual([]);

    const event = await env.t.deps.db.selectFrom('events').selectAll().where('type', '=', 'access_request.created').where('subject_id', '=', row.id).executeTakeFirstOrThrow();
    expect(event.visibility).toBe('internal');
    while ((await consumeBatch(env.t.deps, notificationFanOut, 500)) > 0);
    const notes = await env.t.request('GET', '/v1/notifications', { auth: env.w.staff });
    expect(JSON.stringify(notes.body)).toContain(`${p.name} (Initech) asks for access`);
    const contactNotes = await env.t.request('GET', '/v1/notifications', { auth: env.w.contactA });
    expect(JSON.stringify(contactNotes.body)).not.toContain(p.name);

    // A second request of the same address while one waits, and one of someone who already has an account, file nothing.
    expect((await ask(p)).status).toBe(202);
    expect((await ask({ ...p, email: 'ana@acme.test' })).status).toBe(202);
    await settle();
    expect(await env.t.deps.db.selectFrom('access_requests').select('id').where('email', 'in', [p.email.toLowerCase(), 'ana@acme.test']).execute()).toHaveLength(1);
  });

  it('refuses bad input with a 400 and rate-limits per client', async () => {
    for (const body of [{ tenant: env.slug, email: 'not-an-email', name: 'X', company: 'Y' }, { tenant: env.slug, email: 'a@b.test', name: '', company: 'Y' }, { tenant: env.slug, email: 'a@b.test', name: 'X' }, { ...person(), admin: true }]) {
      const r = await ask(body);
      expect([r.status, r.body.error.code]).toEqual([400, 'validation_failed']);
    }
    // An address no other request of this file uses (someIp draws from 254, which earlier asks share).
    const ip = `203.0.113.${database.name === 'sqlite' ? 1 : 2}`;
    const answers = [];
    for (let i = 0; i < 11; i++) answers.push((await ask(person(), ip)).status);
    expect(answers).toEqual([...Array<number>(10).fill(202), 429]);
  });

  it('approves into a customer: the contact is created and invited; a second decision is a 409', async () => {
    const p = person();
    await ask(p);
    const row = await filed(p.email);
    const member = await embedToken(env.t, env.w.key, { external_id: `m-${n}`, name: 'Mo Member', role: 'staff', email: `mo${n}@vendor.test`, staff_role: 'member' });
    expect((await env.t.request('POST', `/v1/access-requests/${row.id}/decision`, { auth: env.w.contactA, body: { approve: true, customer_id: env.w.customerA } })).status).toBe(403);
    const missing = await env.t.request('POST', `/v1/access-requests/${row.id}/decision`, { auth: member.token, body: { approve: true } });
    expect([missing.status, missing.body.error.details[0].path]).toEqual([400, 'customer_id']);
    expect((await env.t.request('POST', `/v1/access-requests/${row.id}/decision`, { auth: member.token, body: { approve: true, customer_id: 'cus_nobody' } })).status).toBe(404);
    expect((await env.t.request('POST', `/v1/access-requests/${row.id}/decision`, { auth: env.w.otherTenantKey, body: { approve: false } })).status).toBe(404);

    const since = env.mail.messages.length;
    const approved = await env.t.request('POST', `/v1/access-requests/${row.id}/decision`, { auth: member.token, body: { approve: true, customer_id: env.w.customerA } });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', customer_id: env.w.customerA, decided_by: member.user_id });
    const contact = await env.t.deps.db.selectFrom('users').selectAll().where('id', '=', approved.body.user_id).executeTakeFirstOrThrow();
    expect(contact).toMatchObject({ role: 'contact', customer_id: env.w.customerA, email: p.email.toLowerCase(), name: p.name, portal_access: 'invited' });
    const invitation = await env.mail.waitFor((m) => m.to.includes(p.email.toLowerCase()), since);
    expect(invitation.subject).toContain('invited');
    const again = await env.t.request('POST', `/v1/access-requests/${row.id}/decision`, { auth: member.token, body: { approve: false } });
    expect([again.status, again.body.error.code]).toEqual([409, 'already_decided']);
    const decided = await env.t.deps.db.selectFrom('events').selectAll().where('type', '=', 'access_request.decided').where('subject_id', '=', row.id).execute();
    expect(decided).toHaveLength(1);
  });

  it('rejects: nobody is created; the hosted page takes the form', async () => {
    const page = await env.t.request('GET', `/p/${env.slug}/request-access`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Ask for access');
    expect((await env.t.request('GET', `/p/${env.slug}`)).body).toContain(`/p/${env.slug}/request-access`);
    const p = person();
    const form = (body: Record<string, string>, origin = OWN_ORIGIN) =>
      env.t.request('POST', `/p/${env.slug}/request-access`, { body: new URLSearchParams(body).toString(), headers: { origin, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': someIp() } });
    expect((await form({ name: p.name, email: 'nope', company: 'Initech' })).status).toBe(400);
    expect((await form({ name: p.name, email: p.email, company: 'Initech' }, 'https://evil.test')).status).toBe(403);
    const sent = await form({ name: p.name, email: p.email, company: 'Initech' });
    expect(sent.status).toBe(200);
    expect(sent.body).toContain('will review your request');
    const row = await filed(p.email);
    const rejected = await env.t.request('POST', `/v1/access-requests/${row.id}/decision`, { auth: env.w.staff, body: { approve: false } });
    expect(rejected.body).toMatchObject({ status: 'rejected', user_id: null, customer_id: null });
    expect(await env.t.deps.db.selectFrom('users').select('id').where('email', '=', p.email.toLowerCase()).execute()).toHaveLength(0);
    await enable('off');
  });
});
