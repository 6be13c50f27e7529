import { beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../test/harness.js';
import { useWorld } from '../test/suite.js';

describe.each(databases)('people on $name', (database) => {
  const env = useWorld(database);

  beforeAll(async () => {
    // Invited (never signed in) people cannot be assigned yet.
    await env.t.request('POST', `/v1/customers/${env.w.customerA}/contacts`, { auth: env.w.key, body: { name: 'Ivy Invited', email: 'ivy@acme.test' } });
  });

  const people = async (auth: string | undefined, query = '') => {
    const r = await env.t.request('GET', `/v1/people${query}`, { auth });
    return r.status === 200 ? r.body : r.status;
  };

  it("gives API keys and staff a customer's active contacts and the staff, with emails", async () => {
    for (const auth of [env.w.key, env.w.staff]) {
      const body = await people(auth, `?customer_id=${env.w.customerA}`);
      expect(body).toEqual({
        data: [
          { id: env.w.contactAId, name: 'Ana Silva', role: 'contact', customer_id: env.w.customerA, email: 'ana@acme.test' },
          { id: env.w.staffId, name: 'Sam Staff', role: 'staff', customer_id: null, email: 'sam@vendor.test' },
        ],
        next_cursor: null,
      });
      expect((await people(auth)).data).toEqual([expect.objectContaining({ id: env.w.staffId })]);
    }
  });

  it('gives a contact its own customer’s people, without emails, and nothing of another customer', async () => {
    const own = await people(env.w.contactA);
    expect(own.data).toEqual([
      { id: env.w.contactAId, name: 'Ana Silva', role: 'contact', customer_id: env.w.customerA },
      { id: env.w.staffId, name: 'Sam Staff', role: 'staff', customer_id: null },
    ]);
    expect(JSON.stringify(own)).not.toContain('@');
    expect(await people(env.w.contactA, `?customer_id=${env.w.customerA}`)).toEqual(own);
    expect(await people(env.w.contactA, `?customer_id=${env.w.customerB}`)).toBe(404);
    expect((await people(env.w.contactB)).data.map((p: { id: string }) => p.id)).toEqual([env.w.contactBId, env.w.staffId]);
  });

  it('refuses the deactivated, the anonymous and another tenant', async () => {
    expect(await people(env.w.deactivated)).toBe(401);
    expect(await people(undefined)).toBe(401);
    expect(await people(env.w.otherTenantKey, `?customer_id=${env.w.customerA}`)).toBe(404);
    expect(await people(env.w.otherTenantKey)).toEqual({ data: [], next_cursor: null });
  });
});
