import { describe, expect, it } from 'vitest';
import { databases, embedToken } from '../test/harness.js';
import { useWorld } from '../test/suite.js';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const ids = (body: { data: { id: string }[] }) => body.data.map((x) => x.id);

describe.each(databases)('customers on $name', (database) => {
  const env = useWorld(database);

  it('lists the tenant’s customers to API keys and staff only', async () => {
    for (const auth of [env.w.key, env.w.staff]) {
      const list = await env.t.request('GET', '/v1/customers', { auth });
      expect(list.status).toBe(200);
      expect(ids(list.body)).toEqual(expect.arrayContaining([env.w.customerA, env.w.customerB]));
      expect(list.body.data[0]).toMatchObject({ external_id: 'acme', name: 'Acme Ltd', portal_enabled: true });
      expect(list.body.data[0].summary).toEqual({ open_tasks: 0, overdue_tasks: 0, blocked_tasks: 0, last_activity_at: null });
    }
    for (const auth of [env.w.contactA, env.w.contactB]) {
      expect((await env.t.request('GET', '/v1/customers', { auth })).status).toBe(403);
      expect((await env.t.request('GET', `/v1/customers/${env.w.customerA}`, { auth })).status).toBe(403);
      expect((await env.t.request('POST', '/v1/customers', { auth, body: { name: 'Mine' } })).status).toBe(403);
      expect((await env.t.request('PATCH', `/v1/customers/${env.w.customerA}`, { auth, body: { name: 'Mine' } })).status).toBe(403);
    }
    for (const auth of [env.w.deactivated, undefined]) {
      expect((await env.t.request('GET', '/v1/customers', { auth })).status).toBe(401);
      expect((await env.t.request('GET', `/v1/customers/${env.w.customerA}`, { auth })).status).toBe(401);
    }
    const other = await env.t.request('GET', '/v1/customers', { auth: env.w.otherTenantKey });
    expect(other.body).toEqual({ data: [], next_cursor: null });
    expect((await env.t.request('GET', `/v1/customers/${env.w.customerA}`, { auth: env.w.otherTenantKey })).status).toBe(404);
    expect((await env.t.request('PATCH', `/v1/customers/${env.w.customerA}`, { auth: env.w.otherTenantKey, body: { name: 'Taken' } })).status).toBe(404);
  });

  it('creates customers with an external id unique within the tenant', async () => {
    const created = await env.t.request('POST', '/v1/customers', { auth: env.w.key, body: { name: 'Initech', external_id: 'initech' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Initech', external_id: 'initech', portal_enabled: true });
    expect(created.body.id).toMatch(/^cus_[0-9A-Za-z]{22}$/);
    expect((await env.t.request('GET', `/v1/customers/${created.body.id}`, { auth: env.w.staff })).body).toEqual(created.body);

    const clash = await env.t.request('POST', '/v1/customers', { auth: env.w.staff, body: { name: 'Initech again', external_id: 'initech' } });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('external_id_taken');
    const renameClash = await env.t.request('PATCH', `/v1/customers/${created.body.id}`, { auth: env.w.key, body: { external_id: 'acme' } });
    expect(renameClash.status).toBe(409);
    const elsewhere = await env.t.request('POST', '/v1/customers', { auth: env.w.otherTenantKey, body: { name: 'Initech', external_id: 'initech' } });
    expect(elsewhere.status).toBe(201);
    const noExternal = await env.t.request('POST', '/v1/customers', { auth: env.w.staff, body: { name: 'Walk-in', portal_enabled: false } });
    expect(noExternal.body).toMatchObject({ external_id: null, portal_enabled: false });

    const bad = await env.t.request('POST', '/v1/customers', { auth: env.w.key, body: { name: ' ', portal_enabled: 'yes' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['name', 'portal_enabled']);
  });

  it('switching the portal off signs the customer’s contacts out at once, and back on lets them in', async () => {
    expect((await env.t.request('GET', '/v1/tasks', { auth: env.w.contactA })).status).toBe(200);
    const off = await env.t.request('PATCH', `/v1/customers/${env.w.customerA}`, { auth: env.w.staff, body: { portal_enabled: false } });
    expect(off.status).toBe(200);
    expect(off.body.portal_enabled).toBe(false);
    const refused = await env.t.request('GET', '/v1/tasks', { auth: env.w.contactA });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('access_revoked');
    expect((await env.t.request('GET', '/v1/tasks', { auth: env.w.contactB })).status).toBe(200);
    const reissue = await env.t.request('POST', '/v1/embed-tokens', { auth: env.w.key, body: { user: { external_id: 'ana', name: 'Ana Silva', role: 'contact' }, customer: { external_id: 'acme' } } });
    expect(reissue.status).toBe(403);

    const event = await env.t.deps.db.selectFrom('events').selectAll().where('type', '=', 'customer.updated').where('subject_id', '=', env.w.customerA).executeTakeFirstOrThrow();
    expect(event.visibility).toBe('internal');
    expect(JSON.parse(event.data)).toMatchObject({ changes: ['portal_enabled'], previous: { portal_enabled: true }, customer: { portal_enabled: false } });

    const on = await env.t.request('PATCH', `/v1/customers/${env.w.customerA}`, { auth: env.w.key, body: { portal_enabled: true, name: 'Acme Ltd' } });
    expect(on.status).toBe(200);
    // Back on, contacts need new tokens: those from before stay refused for good.
    expect((await env.t.request('GET', '/v1/tasks', { auth: env.w.contactA })).status).toBe(401);
    env.w.contactA = (await embedToken(env.t, env.w.key, { external_id: 'ana', name: 'Ana Silva', role: 'contact' }, { external_id: 'acme' })).token;
    expect((await env.t.request('GET', '/v1/tasks', { auth: env.w.contactA })).status).toBe(200);
    const disabledOnly = await env.t.request('GET', '/v1/customers?portal_enabled=false', { auth: env.w.key });
    expect(disabledOnly.body.data.map((c: { name: string }) => c.name)).toEqual(['Walk-in']);
  });

  it('summarizes each customer’s portal tasks and its contacts’ last activity, never internal work', async () => {
    const acme = (await env.t.request('POST', '/v1/customers', { auth: env.w.key, body: { name: 'Summary Co', external_id: 'summary' } })).body.id;
    const cleo = await embedToken(env.t, env.w.key, { external_id: 'cleo', name: 'Cleo Park', role: 'contact' }, { external_id: 'summary' });
    const hidden = (await env.t.request('POST', '/v1/projects', { auth: env.w.staff, body: { customer_id: acme, name: 'Draft', visibility: 'internal' } })).body.id;
    const task = async (body: object) => (await env.t.request('POST', '/v1/tasks', { auth: env.w.key, body: { customer_id: acme, title: 'x', ...body } })).body.id as string;
    const open = await task({});
    await task({ status: 'in_progress', due_date: day(-1) });
    await task({ status: 'blocked', due_date: day(1) });
    await task({ status: 'done', due_date: day(-1) });
    await task({ status: 'blocked', due_date: day(-3), visibility: 'internal' });
    await task({ status: 'blocked', due_date: day(-3), project_id: hidden });
    const gone = await task({ due_date: day(-3) });
    expect((await env.t.request('DELETE', `/v1/tasks/${gone}`, { auth: env.w.key })).status).toBe(204);

    const summaryOf = async (id: string) => {
      const list = await env.t.request('GET', '/v1/customers?q=summary', { auth: env.w.staff });
      return list.body.data.find((c: { id: string }) => c.id === id).summary;
    };
    expect(await summaryOf(acme)).toEqual({ open_tasks: 3, overdue_tasks: 1, blocked_tasks: 1, last_activity_at: null });

    const before = new Date().toISOString();
    expect((await env.t.request('PATCH', `/v1/tasks/${open}`, { auth: cleo.token, body: { status: 'in_progress' } })).status).toBe(200);
    const after = new Date().toISOString();
    const seen = (await summaryOf(acme)).last_activity_at;
    expect(seen >= before && seen <= after).toBe(true);
    // Work done by the team is not the customer's activity.
    await env.t.request('PATCH', `/v1/tasks/${open}`, { auth: env.w.staff, body: { status: 'done' } });
    expect(await summaryOf(acme)).toEqual({ open_tasks: 2, overdue_tasks: 1, blocked_tasks: 1, last_activity_at: seen });
  });

  it('records a rename that arrives with an embed token', async () => {
    await embedToken(env.t, env.w.key, { external_id: 'bob', name: 'Bob Stone', role: 'contact' }, { external_id: 'globex', name: 'Globex Corporation' });
    expect((await env.t.request('GET', `/v1/customers/${env.w.customerB}`, { auth: env.w.key })).body.name).toBe('Globex Corporation');
    const event = await env.t.deps.db.selectFrom('events').selectAll().where('type', '=', 'customer.updated').where('subject_id', '=', env.w.customerB).executeTakeFirstOrThrow();
    expect(event.visibility).toBe('internal');
    expect(JSON.parse(event.data)).toMatchObject({ customer: { name: 'Globex Corporation' }, changes: ['name'], previous: { name: 'Globex' } });
  });

  it('searches and pages through customers', async () => {
    const found = await env.t.request('GET', '/v1/customers?q=ACM', { auth: env.w.key });
    expect(ids(found.body)).toEqual([env.w.customerA]);
    const byExternal = await env.t.request('GET', '/v1/customers?q=globex', { auth: env.w.key });
    expect(ids(byExternal.body)).toEqual([env.w.customerB]);

    const all = ids((await env.t.request('GET', '/v1/customers', { auth: env.w.key })).body);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { id: string }[]; next_cursor: string | null } } = await env.t.request('GET', `/v1/customers?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { auth: env.w.key });
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page.body));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect((await env.t.request('GET', '/v1/customers?portal_enabled=maybe', { auth: env.w.key })).status).toBe(400);
  });

  it('finds the one customer a vendor knows by its own id, exactly, in its own tenant only', async () => {
    const exact = await env.t.request('GET', '/v1/customers?external_id=acme', { auth: env.w.key });
    expect(exact.status).toBe(200);
    expect(ids(exact.body)).toEqual([env.w.customerA]);
    expect(ids((await env.t.request('GET', '/v1/customers?external_id=acme', { auth: env.w.staff })).body)).toEqual([env.w.customerA]);
    // Exact: neither a prefix, another case, nor another tenant's customer of that id.
    for (const near of ['acm', 'ACME', 'acme-2']) expect(ids((await env.t.request('GET', `/v1/customers?external_id=${near}`, { auth: env.w.key })).body)).toEqual([]);
    expect((await env.t.request('GET', '/v1/customers?external_id=acme', { auth: env.w.otherTenantKey })).body).toEqual({ data: [], next_cursor: null });
    expect((await env.t.request('GET', '/v1/customers?external_id=acme', { auth: env.w.contactA })).status).toBe(403);
    const empty = await env.t.request('GET', '/v1/customers?external_id=', { auth: env.w.key });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0].path).toBe('external_id');
    expect((await env.t.request('GET', '/v1/customers?cursor=nonsense', { auth: env.w.key })).status).toBe(400);
  });
});
