import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, databases, startTestApp, type TestApp, type World } from '../test/harness.js';

const ids = (body: { data: { id: string }[] }) => body.data.map((x) => x.id);

describe.each(databases)('projects on $name', (database) => {
  let t: TestApp;
  let w: World;
  let portalA: string;
  let internalA: string;
  let portalB: string;

  const lastEvent = (subjectId: string) =>
    t.deps.db.selectFrom('events').selectAll().where('subject_id', '=', subjectId).orderBy('id', 'desc').executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await startTestApp(database);
    w = await buildWorld(t);
    const create = async (auth: string, body: object) => {
      const r = await t.request('POST', '/v1/projects', { auth, body });
      expect(r.status).toBe(201);
      return r.body.id as string;
    };
    portalA = await create(w.staff, { customer_id: w.customerA, name: 'Onboarding', description: 'From signature to go-live' });
    internalA = await create(w.key, { customer_id: w.customerA, name: 'Renewal risk plan', visibility: 'internal' });
    portalB = await create(w.staff, { customer_id: w.customerB, name: 'Q4 review', status: 'on_hold' });
  });
  afterAll(() => t.close());

  it('creates projects for API keys and staff, with defaults and the creator', async () => {
    const r = await t.request('GET', `/v1/projects/${portalA}`, { auth: w.staff });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ customer_id: w.customerA, name: 'Onboarding', status: 'active', visibility: 'portal', created_by: w.staffId });
    expect(r.body.id).toMatch(/^prj_[0-9A-Za-z]{22}$/);
    expect((await t.request('GET', `/v1/projects/${internalA}`, { auth: w.key })).body.created_by).toBeNull();

    const created = await lastEvent(portalA);
    expect(created).toMatchObject({ type: 'project.created', visibility: 'portal', customer_id: w.customerA, actor_id: w.staffId });
    expect((await lastEvent(internalA)).visibility).toBe('internal');

    for (const auth of [w.contactA, w.contactB]) {
      const refused = await t.request('POST', '/v1/projects', { auth, body: { customer_id: w.customerA, name: 'Mine' } });
      expect(refused.status).toBe(403);
    }
    expect((await t.request('POST', '/v1/projects', { auth: w.otherTenantKey, body: { customer_id: w.customerA, name: 'x' } })).status).toBe(404);
    expect((await t.request('POST', '/v1/projects', { auth: w.deactivated, body: { customer_id: w.customerA, name: 'x' } })).status).toBe(401);
    expect((await t.request('POST', '/v1/projects', { body: { customer_id: w.customerA, name: 'x' } })).status).toBe(401);
    const bad = await t.request('POST', '/v1/projects', { auth: w.key, body: { customer_id: w.customerA, name: '', status: 'paused' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['name', 'status']);
  });

  it('shows each principal exactly the projects the rule allows', async () => {
    const seen = async (auth: string | undefined, query = '') => {
      const r = await t.request('GET', `/v1/projects${query}`, { auth });
      return r.status === 200 ? ids(r.body).sort() : r.status;
    };
    expect(await seen(w.key)).toEqual([portalA, internalA, portalB].sort());
    expect(await seen(w.staff)).toEqual([portalA, internalA, portalB].sort());
    expect(await seen(w.contactA)).toEqual([portalA]);
    expect(await seen(w.contactB)).toEqual([portalB]);
    expect(await seen(w.otherTenantKey)).toEqual([]);
    expect(await seen(w.deactivated)).toBe(401);
    expect(await seen(undefined)).toBe(401);

    const read = async (auth: string, id: string) => (await t.request('GET', `/v1/projects/${id}`, { auth })).status;
    expect(await read(w.contactA, portalA)).toBe(200);
    expect(await read(w.contactA, internalA)).toBe(404);
    expect(await read(w.contactA, portalB)).toBe(404);
    expect(await read(w.contactB, portalA)).toBe(404);
    expect(await read(w.otherTenantKey, portalA)).toBe(404);
    const hidden = await t.request('GET', `/v1/projects/${internalA}`, { auth: w.contactA });
    expect(JSON.stringify(hidden.body)).not.toContain('Renewal');
  });

  it('filters by customer, status, visibility and keywords', async () => {
    const list = async (auth: string, query: string) => ids((await t.request('GET', `/v1/projects?${query}`, { auth })).body).sort();
    expect(await list(w.key, `customer_id=${w.customerA}`)).toEqual([portalA, internalA].sort());
    expect(await list(w.key, 'status=on_hold,completed')).toEqual([portalB]);
    expect(await list(w.staff, 'visibility=internal')).toEqual([internalA]);
    expect(await list(w.key, 'q=signature')).toEqual([portalA]);
    expect(await list(w.contactA, 'q=renewal')).toEqual([]);
    expect(await list(w.contactA, `customer_id=${w.customerB}`)).toEqual([]);
    const byVisibility = await t.request('GET', '/v1/projects?visibility=portal', { auth: w.contactA });
    expect(byVisibility.status).toBe(403);
    expect((await t.request('GET', '/v1/projects?status=paused', { auth: w.key })).status).toBe(400);
  });

  it('lets only API keys and staff change a project, and never leaks a hidden one', async () => {
    for (const auth of [w.contactA, w.contactB]) {
      expect((await t.request('PATCH', `/v1/projects/${portalA}`, { auth, body: { name: 'Mine' } })).status).toBe(403);
    }
    expect((await t.request('PATCH', `/v1/projects/${portalA}`, { auth: w.otherTenantKey, body: { name: 'x' } })).status).toBe(404);
    expect((await t.request('PATCH', `/v1/projects/${portalA}`, { auth: w.deactivated, body: { name: 'x' } })).status).toBe(401);
    expect((await t.request('PATCH', `/v1/projects/${portalA}`, { auth: w.key, body: {} })).status).toBe(400);
    expect((await t.request('PATCH', `/v1/projects/${portalA}`, { auth: w.key, body: { customer_id: w.customerB } })).status).toBe(400);

    const changed = await t.request('PATCH', `/v1/projects/${portalB}`, { auth: w.staff, body: { status: 'completed', description: 'Done and dusted' } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ status: 'completed', description: 'Done and dusted' });
    const event = await lastEvent(portalB);
    expect(event).toMatchObject({ type: 'project.updated', visibility: 'portal', customer_id: w.customerB });
    expect(JSON.parse(event.data)).toMatchObject({ changes: ['description', 'status'], previous: { status: 'on_hold', description: '' } });
  });

  it('hides a project’s tasks from contacts when it turns internal, and its event with it', async () => {
    const task = await t.request('POST', '/v1/tasks', { auth: w.contactA, body: { title: 'Send the logo', project_id: portalA } });
    expect(task.status).toBe(201);
    const contactTasks = async () => ids((await t.request('GET', '/v1/tasks', { auth: w.contactA })).body);

    const hide = await t.request('PATCH', `/v1/projects/${portalA}`, { auth: w.staff, body: { visibility: 'internal' } });
    expect(hide.status).toBe(200);
    expect((await lastEvent(portalA))).toMatchObject({ type: 'project.updated', visibility: 'internal' });
    expect(await contactTasks()).not.toContain(task.body.id);
    expect((await t.request('GET', `/v1/tasks/${task.body.id}`, { auth: w.contactA })).status).toBe(404);
    expect((await t.request('GET', `/v1/projects/${portalA}`, { auth: w.contactA })).status).toBe(404);

    const show = await t.request('PATCH', `/v1/projects/${portalA}`, { auth: w.key, body: { visibility: 'portal' } });
    expect(show.status).toBe(200);
    const shown = await lastEvent(portalA);
    expect(shown).toMatchObject({ type: 'project.updated', visibility: 'portal' });
    expect(JSON.parse(shown.data)).toMatchObject({ project: { visibility: 'portal' }, changes: ['visibility'], previous: { visibility: 'internal' } });
    expect(await contactTasks()).toContain(task.body.id);
  });
});
