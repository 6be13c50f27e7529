import { describe, expect, it } from 'vitest';
import { newId } from './ids.js';
import { databases } from '../test/harness.js';
import { useWorld } from '../test/suite.js';

/**
 * The read cache of GET /v1/tasks: a write shows at once to everyone it concerns, and only
 * what a write can change is recomputed. A row written behind the API's back (no event, as no
 * real write ever is) shows which answers came from the cache.
 */
describe.each(databases)('the read cache on $name', (database) => {
  const env = useWorld(database);
  const titles = async (auth: string) => {
    const r = await env.t.request('GET', '/v1/tasks?limit=200', { auth });
    expect(r.status).toBe(200);
    return (r.body.data as { title: string }[]).map((task) => task.title);
  };
  const hiddenRow = async (customerId: string, title: string) => {
    const now = new Date().toISOString();
    await env.t.deps.db
      .insertInto('tasks')
      .values({ id: newId('tsk'), tenant_id: env.w.tenantId, customer_id: customerId, project_id: null, title, description: '', status: 'todo', priority: 'medium', visibility: 'portal', due_date: null, created_by: null, created_at: now, updated_at: now, completed_at: null, deleted_at: null, version: 1 })
      .execute();
  };
  const create = async (auth: string, body: object) => {
    const r = await env.t.request('POST', '/v1/tasks', { auth, body });
    expect(r.status).toBe(201);
    return r.body as { id: string };
  };

  it('shows a contact its own change at once, and a colleague’s change on the same customer', async () => {
    const { w } = env;
    const task = await create(w.key, { title: 'Sign the order form', customer_id: w.customerA });
    expect(await titles(w.contactA)).toContain('Sign the order form');
    const changed = await env.t.request('PATCH', `/v1/tasks/${task.id}`, { auth: w.contactA, body: { title: 'Sign the order form (v2)' } });
    expect(changed.status).toBe(200);
    expect(await titles(w.contactA)).toContain('Sign the order form (v2)');
    await create(w.staff, { title: 'Book the kickoff', customer_id: w.customerA });
    expect(await titles(w.contactA)).toContain('Book the kickoff');
  });

  it('keeps serving a contact’s list through other customers’ writes, and recomputes it on its own customer’s', async () => {
    const { w } = env;
    const before = await titles(w.contactA);
    await hiddenRow(w.customerA, 'Written behind the API');
    await create(w.key, { title: 'Globex only', customer_id: w.customerB });
    // Customer B's write cannot change customer A's list: the cached answer stands.
    expect(await titles(w.contactA)).toEqual(before);
    expect(await titles(w.contactB)).toContain('Globex only');
    await create(w.key, { title: 'Acme again', customer_id: w.customerA });
    expect(await titles(w.contactA)).toEqual(expect.arrayContaining(['Written behind the API', 'Acme again']));
  });

  it('recomputes the team’s list, across customers, on any customer’s write', async () => {
    const { w } = env;
    expect(await titles(w.staff)).not.toContain('Second customer, seen by staff');
    await create(w.contactB, { title: 'Second customer, seen by staff' });
    expect(await titles(w.staff)).toContain('Second customer, seen by staff');
    expect(await titles(w.key)).toContain('Second customer, seen by staff');
  });

  it('drops a project’s tasks from a contact’s list as soon as the project becomes internal', async () => {
    const { w } = env;
    const project = await env.t.request('POST', '/v1/projects', { auth: w.key, body: { name: 'Rollout', customer_id: w.customerA } });
    expect(project.status).toBe(201);
    await create(w.key, { title: 'Rollout step', project_id: project.body.id });
    expect(await titles(w.contactA)).toContain('Rollout step');
    const hidden = await env.t.request('PATCH', `/v1/projects/${project.body.id}`, { auth: w.key, body: { visibility: 'internal' } });
    expect(hidden.status).toBe(200);
    expect(await titles(w.contactA)).not.toContain('Rollout step');
  });

  it('hides a members-only project’s tasks from a contact as soon as it is no longer a member', async () => {
    const { w, t } = env;
    const project = await t.request('POST', '/v1/projects', { auth: w.key, body: { name: 'Board pack', customer_id: w.customerA, access: 'members' } });
    expect(project.status).toBe(201);
    await create(w.key, { title: 'Board pack step', project_id: project.body.id });
    expect(await titles(w.contactA)).not.toContain('Board pack step');
    const members = (userIds: string[]) => t.request('PUT', `/v1/projects/${project.body.id}/members`, { auth: w.key, body: { user_ids: userIds } });
    expect((await members([w.contactAId])).status).toBe(200);
    expect(await titles(w.contactA)).toContain('Board pack step');
    expect((await members([])).status).toBe(200);
    expect(await titles(w.contactA)).not.toContain('Board pack step');
  });

  it('never serves one caller’s answer to another, even of the same customer', async () => {
    const { w } = env;
    await create(w.key, { title: 'Internal prep', customer_id: w.customerA, visibility: 'internal' });
    expect(await titles(w.staff)).toContain('Internal prep');
    expect(await titles(w.contactA)).not.toContain('Internal prep');
  });

  it('keeps a list through a comment and a change off it, and puts a change of one of its tasks in place', async () => {
    const { w, t } = env;
    const project = await t.request('POST', '/v1/projects', { auth: w.key, body: { name: 'Onboarding', customer_id: w.customerA } });
    expect(project.status).toBe(201);
    const ids: string[] = [];
    for (const title of ['One', 'Two', 'Three']) {
      ids.push((await create(w.key, { title, project_id: project.body.id })).id);
      // Tasks of one millisecond come in the order of their ids: a millisecond apart, in the order written.
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const page = async () => {
      const r = await t.request('GET', `/v1/tasks?project_id=${project.body.id}&limit=2`, { auth: w.contactA });
      expect(r.status).toBe(200);
      return (r.body.data as { title: string; status: string }[]).map((task) => `${task.title} (${task.status})`);
    };
    const patch = async (id: string, body: object, auth = w.contactA) => expect((await t.request('PATCH', `/v1/tasks/${id}`, { auth, body })).status).toBe(200);
    expect(await page()).toEqual(['One (todo)', 'Two (todo)']);
    // Renamed behind the API (no event): what the list shows tells whether it was computed again.
    await t.deps.db.updateTable('tasks').set({ title: 'Two, renamed behind the API' }).where('id', '=', ids[1]!).execute();
    expect((await t.request('POST', `/v1/tasks/${ids[0]}/comments`, { auth: w.contactA, body: { body: 'Looks good' } })).status).toBe(201);
    await patch(ids[2]!, { status: 'in_progress' });
    expect(await page()).toEqual(['One (todo)', 'Two (todo)']);
    // A change of a task on the page is put in place from its event: the rest stays as cached.
    await patch(ids[0]!, { status: 'blocked' });
    expect(await page()).toEqual(['One (blocked)', 'Two (todo)']);
    await patch(ids[1]!, { title: 'Two, renamed' });
    expect(await page()).toEqual(['One (blocked)', 'Two, renamed (todo)']);
    // Several changes before the next read: each is put in, the page is encoded once for the read.
    await patch(ids[0]!, { status: 'in_progress' });
    await patch(ids[1]!, { status: 'done' });
    await patch(ids[0]!, { title: 'One, renamed' });
    expect(await page()).toEqual(['One, renamed (in_progress)', 'Two, renamed (done)']);
    await patch(ids[0]!, { status: 'blocked' });
    await patch(ids[1]!, { status: 'todo' });
    expect(await page()).toEqual(['One, renamed (blocked)', 'Two, renamed (todo)']);
    // Made internal: it leaves the contact's lists, which are computed again.
    await patch(ids[0]!, { visibility: 'internal' }, w.staff);
    expect(await page()).toEqual(['Two, renamed (todo)', 'Three (in_progress)']);
  });

  it('recomputes a list filtered by status on any task change of its customer', async () => {
    const { w, t } = env;
    const task = await create(w.key, { title: 'Filtered by status', customer_id: w.customerA });
    const todo = async () => ((await t.request('GET', '/v1/tasks?status=todo&limit=200', { auth: w.contactA })).body.data as { title: string }[]).map((x) => x.title);
    expect(await todo()).toContain('Filtered by status');
    expect((await t.request('PATCH', `/v1/tasks/${task.id}`, { auth: w.staff, body: { status: 'done' } })).status).toBe(200);
    expect(await todo()).not.toContain('Filtered by status');
  });

  it('shows a contact a task as soon as the team shares it, and hides it as soon as it is made internal', async () => {
    const { w, t } = env;
    const task = await create(w.key, { title: 'Shared later', customer_id: w.customerA, visibility: 'internal' });
    expect(await titles(w.contactA)).not.toContain('Shared later');
    expect((await t.request('PATCH', `/v1/tasks/${task.id}`, { auth: w.staff, body: { visibility: 'portal' } })).status).toBe(200);
    expect(await titles(w.contactA)).toContain('Shared later');
    expect((await t.request('PATCH', `/v1/tasks/${task.id}`, { auth: w.staff, body: { visibility: 'internal' } })).status).toBe(200);
    expect(await titles(w.contactA)).not.toContain('Shared later');
  });
});
