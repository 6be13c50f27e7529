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

  it('never serves one caller’s answer to another, even of the same customer', async () => {
    const { w } = env;
    await create(w.key, { title: 'Internal prep', customer_id: w.customerA, visibility: 'internal' });
    expect(await titles(w.staff)).toContain('Internal prep');
    expect(await titles(w.contactA)).not.toContain('Internal prep');
  });
});
