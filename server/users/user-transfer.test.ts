import { describe, expect, it } from 'vitest';
import { databases, embedToken } from '../test/harness.js';
import { useWorld } from '../test/suite.js';

describe.each(databases)('moving a contact to another customer on $name', (database) => {
  const env = useWorld(database);

  it("moves a contact: the old customer's items stop reaching them at once, the new one's reach them", async () => {
    const { t, w } = env;
    const kim = await embedToken(t, w.key, { external_id: 'kim-moves', name: 'Kim Mover', role: 'contact', email: 'kim@acme.test' }, { external_id: 'acme' });
    const atA = await t.request('POST', '/v1/tasks', { auth: w.staff, body: { title: 'Acme only', customer_id: w.customerA } });
    const atB = await t.request('POST', '/v1/tasks', { auth: w.staff, body: { title: 'Globex only', customer_id: w.customerB } });
    expect((await t.request('GET', `/v1/tasks/${atA.body.id}`, { auth: kim.token })).status).toBe(200);

    const moved = await t.request('POST', `/v1/users/${kim.user_id}/transfer`, { auth: w.staff, body: { customer_id: w.customerB } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: kim.user_id, customer_id: w.customerB, name: 'Kim Mover' });
    // The token from before carries the old customer: refused from now on.
    expect((await t.request('GET', `/v1/tasks/${atA.body.id}`, { auth: kim.token })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 1100));
    const fresh = await embedToken(t, w.key, { external_id: 'kim-moves', name: 'Kim Mover', role: 'contact' }, { external_id: 'globex' });
    expect(fresh.customer_id).toBe(w.customerB);
    expect((await t.request('GET', `/v1/tasks/${atA.body.id}`, { auth: fresh.token })).status).toBe(404);
    expect((await t.request('GET', `/v1/tasks/${atB.body.id}`, { auth: fresh.token })).status).toBe(200);
    const contacts = await t.request('GET', `/v1/customers/${w.customerB}/contacts`, { auth: w.key });
    expect(contacts.body.data.map((u: { id: string }) => u.id)).toContain(kim.user_id);
    const log = await t.request('GET', '/v1/activity?type=user.transferred', { auth: w.key });
    expect(log.body.data).toEqual([expect.objectContaining({ subject_id: kim.user_id, summary: 'Moved “Kim Mover” to another customer' })]);

    // Moving to where they are writes nothing.
    expect((await t.request('POST', `/v1/users/${kim.user_id}/transfer`, { auth: w.key, body: { customer_id: w.customerB } })).status).toBe(200);
    expect((await t.request('GET', '/v1/activity?type=user.transferred', { auth: w.key })).body.data).toHaveLength(1);
  });

  it('refuses what cannot be moved, with nothing written', async () => {
    const { t, w } = env;
    const bad = async (auth: string, id: string, body: unknown) => (await t.request('POST', `/v1/users/${id}/transfer`, { auth, body })).status;
    expect(await bad(w.otherTenantKey, w.contactAId, { customer_id: w.customerB })).toBe(404);
    expect(await bad(w.key, w.contactAId, { customer_id: 'cus_nobody' })).toBe(404);
    expect(await bad(w.key, w.staffId, { customer_id: w.customerB })).toBe(400);
    expect(await bad(w.key, w.contactAId, {})).toBe(400);
    expect(await bad(w.contactA, w.contactAId, { customer_id: w.customerB })).toBe(403);
    // An address already used by a contact there.
    await t.request('POST', `/v1/customers/${w.customerB}/contacts`, { auth: w.key, body: { name: 'Ana at Globex', email: 'ana@acme.test' } });
    const clash = await t.request('POST', `/v1/users/${w.contactAId}/transfer`, { auth: w.key, body: { customer_id: w.customerB } });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('email_taken');
    expect((await t.request('GET', '/v1/me', { auth: w.contactA })).body.customer.id).toBe(w.customerA);
  });
});
