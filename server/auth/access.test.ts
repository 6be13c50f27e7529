import { beforeAll, describe, expect, it } from 'vitest';
import { databases, embedToken } from '../test/harness.js';
import { useWorld } from '../test/suite.js';
import { upload } from '../test/uploads.js';
import { CUSTOMER_CAPABILITIES } from './capabilities.js';

/*
 * Who may do what, through the public API: the three levels of permission sets, the
 * capabilities they gate, staff roles, and the bad input that must write nothing.
 */
describe.each(databases)('who may do what on $name', (database) => {
  const env = useWorld(database);
  let member: string;
  let sets: { full: string; limited: string; partnerFull: string; partnerLimited: string };

  const me = async (auth: string) => (await env.t.request('GET', '/v1/me', { auth })).body.capabilities as string[];
  const patch = (auth: string, path: string, body: object) => env.t.request('PATCH', path, { auth, body });
  const createSet = async (body: object) => {
    const r = await env.t.request('POST', '/v1/permission-sets', { auth: env.w.key, body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { id: string };
  };

  beforeAll(async () => {
    member = (await embedToken(env.t, env.w.key, { external_id: 'mia', name: 'Mia Member', role: 'staff' })).token;
    const list = (await env.t.request('GET', '/v1/permission-sets', { auth: env.w.staff })).body.data as { id: string; name: string; portal_type: string; built_in: boolean }[];
    const find = (name: string, type: string) => list.find((s) => s.name === name && s.portal_type === type && s.built_in)!.id;
    sets = { full: find('Full access', 'customer'), limited: find('Limited access', 'customer'), partnerFull: find('Full access', 'partner'), partnerLimited: find('Limited access', 'partner') };
  });

  it('starts every tenant with Full and Limited access per portal type, Full access the default, so contacts keep what they could do', async () => {
    const full = await env.t.request('GET', `/v1/permission-sets/${sets.full}`, { auth: env.w.key });
    expect(full.body).toMatchObject({ name: 'Full access', portal_type: 'customer', built_in: true, capabilities: [...CUSTOMER_CAPABILITIES] });
    const limited = await env.t.request('GET', `/v1/permission-sets/${sets.limited}`, { auth: env.w.key });
    expect(limited.body.capabilities).toEqual(['tasks.view', 'comments.post', 'documents.view', 'documents.upload', 'messages.view', 'messages.post']);
    expect((await env.t.request('GET', `/v1/permission-sets/${sets.partnerLimited}`, { auth: env.w.key })).body.capabilities).toContain('partner.library');
    expect((await env.t.request('GET', `/v1/permission-sets/${sets.partnerFull}`, { auth: env.w.key })).body.capabilities).toContain('partner.view_commissions');
    const settings = await env.t.request('GET', '/v1/settings', { auth: env.w.key });
    expect(settings.body).toMatchObject({ default_permission_set_id: sets.full, default_partner_permission_set_id: sets.partnerFull });
    expect(await me(env.w.contactA)).toEqual([...CUSTOMER_CAPABILITIES]);
    // Another tenant's set is not there for this one.
    expect((await env.t.request('GET', `/v1/permission-sets/${sets.full}`, { auth: env.w.otherTenantKey })).status).toBe(404);
  });

  it('applies the most specific set, then the account overrides, then the person overrides', async () => {
    const c = await embedToken(env.t, env.w.key, { external_id: 'lev-c', name: 'Lev Contact', role: 'contact' }, { external_id: 'levels', name: 'Levels Ltd' });
    const tasksOnly = await createSet({ name: 'Tasks only', capabilities: ['tasks.view'] });
    const docsOnly = await createSet({ name: 'Documents only', capabilities: ['documents.view'] });

    // Tenant default.
    expect((await patch(env.w.key, '/v1/settings', { default_permission_set_id: sets.limited })).status).toBe(200);
    expect(await me(c.token)).toEqual(['tasks.view', 'comments.post', 'documents.view', 'documents.upload', 'messages.view', 'messages.post']);
    // The account's set wins over the default.
    expect((await patch(env.w.key, `/v1/customers/${c.customer_id}`, { permission_set_id: tasksOnly.id })).status).toBe(200);
    expect(await me(c.token)).toEqual(['tasks.view']);
    // The person's set wins over the account's.
    expect((await patch(env.w.key, `/v1/users/${c.user_id}`, { permission_set_id: docsOnly.id })).status).toBe(200);
    expect(await me(c.token)).toEqual(['documents.view']);
    // Then the account's overrides, then the person's (which win over the account's).
    expect((await patch(env.w.key, `/v1/customers/${c.customer_id}`, { capability_overrides: { 'finance.view': true, 'documents.view': false } })).status).toBe(200);
    expect(await me(c.token)).toEqual(['finance.view']);
    expect((await patch(env.w.key, `/v1/users/${c.user_id}`, { capability_overrides: { 'documents.view': true, 'finance.view': false } })).status).toBe(200);
    expect(await me(c.token)).toEqual(['documents.view']);
    // Back up the levels with null.
    expect((await patch(env.w.key, `/v1/users/${c.user_id}`, { permission_set_id: null, capability_overrides: {} })).status).toBe(200);
    expect(await me(c.token)).toEqual(['tasks.view', 'finance.view']);
    expect((await patch(env.w.key, `/v1/customers/${c.customer_id}`, { permission_set_id: null, capability_overrides: {} })).status).toBe(200);
    expect(await me(c.token)).toEqual(['tasks.view', 'comments.post', 'documents.view', 'documents.upload', 'messages.view', 'messages.post']);
    // A set's change reaches its holders on their next request.
    expect((await patch(env.w.key, `/v1/customers/${c.customer_id}`, { permission_set_id: tasksOnly.id })).status).toBe(200);
    expect((await patch(env.w.key, `/v1/permission-sets/${tasksOnly.id}`, { capabilities: ['tasks.view', 'tasks.edit'] })).status).toBe(200);
    expect(await me(c.token)).toEqual(['tasks.view', 'tasks.edit']);
    expect((await patch(env.w.key, '/v1/settings', { default_permission_set_id: sets.full })).status).toBe(200);

    const customer = await env.t.request('GET', `/v1/customers/${c.customer_id}`, { auth: env.w.staff });
    expect(customer.body).toMatchObject({ portal_type: 'customer', permission_set_id: tasksOnly.id, capability_overrides: {} });
    const contact = (await env.t.request('GET', `/v1/customers/${c.customer_id}/contacts`, { auth: env.w.staff })).body.data[0];
    expect(contact).toMatchObject({ id: c.user_id, staff_role: null, permission_set_id: null, capability_overrides: {} });
  });

  it('gates every contact read and write by its capability: 403 capability_required for writes and lists, 404 for items', async () => {
    const c = await embedToken(env.t, env.w.key, { external_id: 'cap-c', name: 'Cap Contact', role: 'contact' }, { external_id: 'caps', name: 'Caps Ltd' });
    const task = (await env.t.request('POST', '/v1/tasks', { auth: env.w.key, body: { customer_id: c.customer_id, title: 'Shared step', assignee_ids: [c.user_id] } })).body;
    const doc = (await upload(env.t, env.w.key, { name: 'plan.txt', bytes: 'the plan' }, { customer_id: c.customer_id! })).body;
    const viewer = await createSet({ name: 'Viewer', capabilities: ['tasks.view', 'documents.view'] });
    expect((await patch(env.w.key, `/v1/users/${c.user_id}`, { permission_set_id: viewer.id })).status).toBe(200);

    const refused = async (r: { status: number; body: any }, capability: string) => {
      expect([r.status, r.body.error?.code, r.body.error?.details]).toEqual([403, 'capability_required', { capability }]);
    };
    await refused(await env.t.request('POST', '/v1/tasks', { auth: c.token, body: { title: 'Mine' } }), 'tasks.create');
    await refused(await env.t.request('PATCH', `/v1/tasks/${task.id}`, { auth: c.token, body: { status: 'done' } }), 'tasks.edit');
    await refused(await env.t.request('POST', `/v1/tasks/${task.id}/comments`, { auth: c.token, body: { body: 'Hi' } }), 'comments.post');
    await refused(await upload(env.t, c.token, { name: 'a.txt', bytes: 'a' }), 'documents.upload');
    // The resumable route asks the same, before any byte: for a new document and for a new version.
    const tus = async (metadata: string) => {
      const res = await env.t.app.request('/v1/uploads', { method: 'POST', headers: { authorization: `Bearer ${c.token}`, 'tus-resumable': '1.0.0', 'upload-length': '5', 'upload-metadata': metadata } });
      return { status: res.status, body: await res.json() };
    };
    const b64 = (v: string) => Buffer.from(v).toString('base64');
    await refused(await tus(`filename ${b64('a.txt')}`), 'documents.upload');
    await refused(await tus(`filename ${b64('a.txt')},document_id ${b64(doc.id)}`), 'documents.upload');
    await refused(await env.t.request('DELETE', `/v1/documents/${doc.id}`, { auth: c.token }), 'documents.upload');
    expect((await env.t.request('GET', `/v1/tasks/${task.id}`, { auth: c.token })).body.status).toBe('todo');
    expect((await env.t.request('GET', `/v1/tasks/${task.id}/comments`, { auth: c.token })).body.data).toEqual([]);

    // Without the view capabilities: lists 403, items 404, counts zero, search nothing.
    expect((await patch(env.w.key, `/v1/users/${c.user_id}`, { capability_overrides: { 'tasks.view': false, 'documents.view': false } })).status).toBe(200);
    await refused(await env.t.request('GET', '/v1/tasks', { auth: c.token }), 'tasks.view');
    await refused(await env.t.request('GET', `/v1/tasks?q=Shared`, { auth: c.token }), 'tasks.view');
    await refused(await env.t.request('GET', `/v1/tasks/${task.id}/comments`, { auth: c.token }), 'tasks.view');
    await refused(await env.t.request('GET', '/v1/documents', { auth: c.token }), 'documents.view');
    expect((await env.t.request('GET', `/v1/tasks/${task.id}`, { auth: c.token })).status).toBe(404);
    expect((await env.t.request('GET', `/v1/documents/${doc.id}`, { auth: c.token })).status).toBe(404);
    expect((await env.t.app.request(`/v1/documents/${doc.id}/content`, { headers: { authorization: `Bearer ${c.token}` } })).status).toBe(404);
    const stats = await env.t.request('GET', '/v1/stats', { auth: c.token });
    expect(stats.body.tasks).toEqual({ todo: 0, in_progress: 0, blocked: 0, done: 0, overdue: 0 });
    // Nothing was written by the refusals.
    expect((await env.t.request('GET', `/v1/tasks/${task.id}`, { auth: env.w.key })).body).toMatchObject({ status: 'todo', version: 1 });
    expect((await env.t.request('GET', `/v1/tasks/${task.id}/comments`, { auth: env.w.key })).body.data).toEqual([]);
  });

  it('keeps branding, settings, permission sets, webhooks and access rules to admins: members get 403 admin_required', async () => {
    const admin = (r: { status: number; body: any }) => expect([r.status, r.body.error?.code]).toEqual([403, 'admin_required']);
    admin(await patch(member, '/v1/branding', { preset: 'forest' }));
    admin(await patch(member, '/v1/settings', { email_from: 'Members' }));
    admin(await env.t.request('POST', '/v1/permission-sets', { auth: member, body: { name: 'Nope', capabilities: [] } }));
    admin(await env.t.request('GET', '/v1/webhook-endpoints', { auth: member }));
    admin(await env.t.request('POST', '/v1/webhook-endpoints', { auth: member, body: { url: 'https://example.test/hook', events: ['*'] } }));
    admin(await patch(member, `/v1/customers/${env.w.customerA}`, { ip_allowlist: ['203.0.113.0/24'] }));
    admin(await patch(member, `/v1/customers/${env.w.customerA}`, { name: 'Renamed', permission_set_id: sets.limited }));
    admin(await patch(member, `/v1/users/${env.w.contactAId}`, { capability_overrides: { 'tasks.view': false } }));
    admin(await patch(member, `/v1/users/${env.w.staffId}`, { staff_role: 'member' }));
    // Nothing of those was written.
    const customer = (await env.t.request('GET', `/v1/customers/${env.w.customerA}`, { auth: env.w.key })).body;
    expect(customer).toMatchObject({ name: 'Acme Ltd', ip_allowlist: [], permission_set_id: null });
    // What members may do: the day-to-day work, and reading the rules.
    expect((await env.t.request('GET', '/v1/settings', { auth: member })).status).toBe(200);
    expect((await env.t.request('GET', '/v1/permission-sets', { auth: member })).status).toBe(200);
    expect((await env.t.request('GET', '/v1/me', { auth: member })).body.user.staff_role).toBe('member');
    const project = await env.t.request('POST', '/v1/projects', { auth: member, body: { customer_id: env.w.customerA, name: 'Rollout', access: 'members' } });
    expect(project.body).toMatchObject({ access: 'members' });
    expect((await patch(member, `/v1/customers/${env.w.customerA}`, { owner_id: env.w.staffId })).status).toBe(200);
    // Admins and API keys do it; an admin cannot take its own role, another one can give it.
    expect((await env.t.request('GET', '/v1/webhook-endpoints', { auth: env.w.staff })).status).toBe(200);
    const self = await patch(env.w.staff, `/v1/users/${env.w.staffId}`, { staff_role: 'member' });
    expect([self.status, self.body.error.code]).toEqual([403, 'cannot_demote_self']);
    const mia = (await env.t.request('GET', '/v1/me', { auth: member })).body.user.id;
    expect((await patch(env.w.staff, `/v1/users/${mia}`, { staff_role: 'admin' })).body.staff_role).toBe('admin');
    expect((await patch(member, '/v1/settings', { email_from: 'Now an admin' })).status).toBe(200);
    expect((await patch(env.w.key, `/v1/users/${mia}`, { staff_role: 'member' })).status).toBe(200);
    // An embed token names the role of a new staff user; an existing one keeps its role unless given.
    const ada = await embedToken(env.t, env.w.key, { external_id: 'ada', name: 'Ada Admin', role: 'staff', staff_role: 'admin' });
    expect((await env.t.request('GET', '/v1/me', { auth: ada.token })).body.user.staff_role).toBe('admin');
    const again = await embedToken(env.t, env.w.key, { external_id: 'ada', name: 'Ada Admin', role: 'staff' });
    expect((await env.t.request('GET', '/v1/me', { auth: again.token })).body.user.staff_role).toBe('admin');
    const bad = await env.t.request('POST', '/v1/embed-tokens', { auth: env.w.key, body: { user: { external_id: 'x', name: 'X', role: 'contact', staff_role: 'admin' }, customer: { external_id: 'acme' } } });
    expect(bad.status).toBe(400);
  });

  it('refuses bad input with 400 and details, writing nothing', async () => {
    const before = (await env.t.request('GET', `/v1/customers/${env.w.customerB}`, { auth: env.w.key })).body;
    const other = (await env.t.request('GET', '/v1/permission-sets', { auth: env.w.otherTenantKey })).body.data[0].id;
    const cases: [string, string, object, string][] = [
      ['POST', '/v1/permission-sets', { name: 'X', capabilities: ['tasks.fly'] }, 'capabilities.0'],
      ['POST', '/v1/permission-sets', { name: 'X', capabilities: ['partner.cosell'] }, 'capabilities.0'],
      ['PATCH', `/v1/customers/${env.w.customerB}`, { permission_set_id: other }, 'permission_set_id'],
      ['PATCH', `/v1/customers/${env.w.customerB}`, { permission_set_id: sets.partnerFull }, 'permission_set_id'],
      ['PATCH', `/v1/customers/${env.w.customerB}`, { permission_set_id: 'pms_nothing' }, 'permission_set_id'],
      ['PATCH', `/v1/customers/${env.w.customerB}`, { capability_overrides: { 'tasks.fly': true } }, 'capability_overrides.tasks.fly'],
      ['PATCH', `/v1/customers/${env.w.customerB}`, { capability_overrides: { 'partner.cosell': true } }, 'capability_overrides.partner.cosell'],
      ['PATCH', `/v1/customers/${env.w.customerB}`, { ip_allowlist: ['203.0.113.0/24', '10.0.0.300/8'] }, 'ip_allowlist.1'],
      ['PATCH', `/v1/customers/${env.w.customerB}`, { ip_allowlist: ['203.0.113.7/24'] }, 'ip_allowlist.0'],
      ['PATCH', `/v1/customers/${env.w.customerB}`, { ip_allowlist: ['2001:db8::/129'] }, 'ip_allowlist.0'],
      ['PATCH', `/v1/customers/${env.w.customerB}`, { owner_id: env.w.contactAId }, 'owner_id'],
      ['PATCH', `/v1/customers/${env.w.customerB}`, { name: 'Globex 2', team_ids: [env.w.staffId, 'usr_nobody'] }, 'team_ids.1'],
      ['PATCH', `/v1/customers/${env.w.customerB}`, { portal_type: 'partner', capability_overrides: { 'tasks.view': true }, permission_set_id: sets.full }, 'permission_set_id'],
      ['PATCH', `/v1/users/${env.w.contactBId}`, { permission_set_id: sets.partnerLimited }, 'permission_set_id'],
      ['PATCH', `/v1/users/${env.w.contactBId}`, { staff_role: 'admin' }, 'staff_role'],
      ['PATCH', `/v1/users/${env.w.staffId}`, { permission_set_id: sets.full }, 'permission_set_id'],
      ['PATCH', '/v1/settings', { default_permission_set_id: sets.partnerFull }, 'default_permission_set_id'],
      ['PATCH', '/v1/settings', { default_partner_permission_set_id: other }, 'default_partner_permission_set_id'],
    ];
    for (const [method, path, body, field] of cases) {
      const r = await env.t.request(method, path, { auth: env.w.key, body });
      expect([JSON.stringify(body), r.status], JSON.stringify(r.body)).toEqual([JSON.stringify(body), 400]);
      expect(JSON.stringify(r.body.error.details), JSON.stringify(body)).toContain(field);
    }
    const project = (await env.t.request('POST', '/v1/projects', { auth: env.w.key, body: { customer_id: env.w.customerB, name: 'Members' } })).body;
    const members = await env.t.request('PUT', `/v1/projects/${project.id}/members`, { auth: env.w.key, body: { user_ids: [env.w.contactBId, env.w.contactAId] } });
    expect([members.status, members.body.error.details[0].path]).toEqual([400, 'user_ids.1']);
    expect((await env.t.request('GET', `/v1/projects/${project.id}/members`, { auth: env.w.key })).body.user_ids).toEqual([]);
    expect((await env.t.request('GET', `/v1/customers/${env.w.customerB}`, { auth: env.w.key })).body).toEqual(before);
    expect((await env.t.request('GET', '/v1/settings', { auth: env.w.key })).body.default_permission_set_id).toBe(sets.full);
  });

  it('refuses to change or delete a built-in set, or to delete one in use (409)', async () => {
    expect((await patch(env.w.key, `/v1/permission-sets/${sets.limited}`, { name: 'Mine' })).status).toBe(409);
    expect((await env.t.request('DELETE', `/v1/permission-sets/${sets.limited}`, { auth: env.w.key })).body.error.code).toBe('built_in_set');
    const used = await createSet({ name: 'Used', capabilities: ['tasks.view'] });
    expect((await patch(env.w.key, `/v1/customers/${env.w.customerB}`, { permission_set_id: used.id })).status).toBe(200);
    const inUse = await env.t.request('DELETE', `/v1/permission-sets/${used.id}`, { auth: env.w.key });
    expect([inUse.status, inUse.body.error.code, inUse.body.error.details]).toEqual([409, 'permission_set_in_use', { tenant_default: false, customers: 1, users: 0 }]);
    expect((await patch(env.w.key, `/v1/customers/${env.w.customerB}`, { permission_set_id: null })).status).toBe(200);
    expect((await env.t.request('DELETE', `/v1/permission-sets/${used.id}`, { auth: env.w.key })).status).toBe(204);
    expect((await env.t.request('GET', `/v1/permission-sets/${used.id}`, { auth: env.w.key })).status).toBe(404);
    expect((await env.t.request('POST', '/v1/permission-sets', { auth: env.w.contactA, body: { name: 'X', capabilities: [] } })).status).toBe(403);
    expect((await env.t.request('GET', '/v1/permission-sets', { auth: env.w.contactA })).status).toBe(403);
  });

  it('lists the accounts a staff user owns with ?owner_id=me, and answers the team', async () => {
    const sue = await embedToken(env.t, env.w.key, { external_id: 'sue-own', name: 'Sue Owner', role: 'staff' });
    expect((await patch(env.w.key, `/v1/customers/${env.w.customerB}`, { owner_id: sue.user_id, team_ids: [env.w.staffId, env.w.staffId] })).body).toMatchObject({ owner_id: sue.user_id, team_ids: [env.w.staffId] });
    const mine = await env.t.request('GET', '/v1/customers?owner_id=me', { auth: sue.token });
    expect(mine.body.data.map((c: { id: string }) => c.id)).toEqual([env.w.customerB]);
    expect(mine.body.data[0].team_ids).toEqual([env.w.staffId]);
    expect((await env.t.request('GET', '/v1/customers?owner_id=me', { auth: env.w.key })).status).toBe(400);
    expect((await env.t.request('GET', `/v1/customers?owner_id=${sue.user_id}`, { auth: env.w.key })).body.data).toHaveLength(1);
    expect((await patch(env.w.key, `/v1/customers/${env.w.customerB}`, { owner_id: null, team_ids: [] })).body).toMatchObject({ owner_id: null, team_ids: [] });
  });
});
