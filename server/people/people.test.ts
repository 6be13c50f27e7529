import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, databases, startTestApp, type TestApp, type World } from '../test/harness.js';

describe.each(databases)('people on $name', (database) => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp(database);
    w = await buildWorld(t);
    // Invited (never signed in) people cannot be assigned yet.
    await t.request('POST', `/v1/customers/${w.customerA}/contacts`, { auth: w.key, body: { name: 'Ivy Invited', email: 'ivy@acme.test' } });
  });
  afterAll(() => t.close());

  const people = async (auth: string | undefined, query = '') => {
    const r = await t.request('GET', `/v1/people${query}`, { auth });
    return r.status === 200 ? r.body : r.status;
  };

  it("gives API keys and staff a customer's active contacts and the staff, with emails", async () => {
    for (const auth of [w.key, w.staff]) {
      const body = await people(auth, `?customer_id=${w.customerA}`);
      expect(body).toEqual({
        data: [
          { id: w.contactAId, name: 'Ana Silva', role: 'contact', customer_id: w.customerA, email: 'ana@acme.test' },
          { id: w.staffId, name: 'Sam Staff', role: 'staff', customer_id: null, email: 'sam@vendor.test' },
        ],
        next_cursor: null,
      });
      expect((await people(auth)).data).toEqual([expect.objectContaining({ id: w.staffId })]);
    }
  });

  it('gives a contact its own customer’s people, without emails, and nothing of another customer', async () => {
    const own = await people(w.contactA);
    expect(own.data).toEqual([
      { id: w.contactAId, name: 'Ana Silva', role: 'contact', customer_id: w.customerA },
      { id: w.staffId, name: 'Sam Staff', role: 'staff', customer_id: null },
    ]);
    expect(JSON.stringify(own)).not.toContain('@');
    expect(await people(w.contactA, `?customer_id=${w.customerA}`)).toEqual(own);
    expect(await people(w.contactA, `?customer_id=${w.customerB}`)).toBe(404);
    expect((await people(w.contactB)).data.map((p: { id: string }) => p.id)).toEqual([w.contactBId, w.staffId]);
  });

  it('refuses the deactivated, the anonymous and another tenant', async () => {
    expect(await people(w.deactivated)).toBe(401);
    expect(await people(undefined)).toBe(401);
    expect(await people(w.otherTenantKey, `?customer_id=${w.customerA}`)).toBe(404);
    expect(await people(w.otherTenantKey)).toEqual({ data: [], next_cursor: null });
  });
});
