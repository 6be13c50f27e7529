import { beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../test/harness.js';
import { useWorld } from '../test/suite.js';

const ids = (body: { data: { id: string }[] }) => body.data.map((x) => x.id);

describe.each(databases)('projects on $name', (database) => {
  const env = useWorld(database);
  let portalA: string;
  let internalA: string;
  let portalB: string;

  const lastEvent = (subjectId: string) =>
    env.t.deps.db.selectFrom('events').selectAll().where('subject_id', '=', subjectId).orderBy('id', 'desc').executeTakeFirstOrThrow();

  beforeAll(async () => {
    const create = async (auth: string, body: object) => {
      const r = await env.t.request('POST', '/v1/projects', { auth, body });
      expect(r.status).toBe(201);
      return r.body.id as string;
    };
    portalA = await create(env.w.staff, { customer_id: env.w.customerA, name: 'Onboarding', description: 'From signature to go-live' });
    internalA = await create(env.w.key, { customer_id: env.w.customerA, name: 'Renewal risk plan', visibility: 'internal' });
    portalB = await create(env.w.staff, { customer_id: env.w.customerB, name: 'Q4 review', status: 'on_hold' });
  });

  it('creates projects for API keys and staff, with defaults and the creator', async () => {
    const r = await env.t.request('GET', `/v1/projects/${portalA}`, { auth: env.w.staff });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ customer_id: env.w.customerA, name: 'Onboarding', status: 'active', visibility: 'portal', created_by: env.w.staffId });
    expect(r.body.id).toMatch(/^prj_[0-9A-Za-z]{22}$/);
    expect((await env.t.request('GET', `/v1/projects/${internalA}`, { auth: env.w.key })).body.created_by).toBeNull();

    const created = await lastEvent(portalA);
    expect(created).toMatchObject({ type: 'project.created', visibility: 'portal', customer_id: env.w.customerA, actor_id: env.w.staffId });
    expect((await lastEvent(internalA)).visibility).toBe('internal');

    for (const auth of [env.w.contactA, env.w.contactB]) {
      const refused = await env.t.request('POST', '/v1/projects', { auth, body: { customer_id: env.w.customerA, name: 'Mine' } });
      expect(refused.status).toBe(403);
    }
    expect((await env.t.request('POST', '/v1/projects', { auth: env.w.otherTenantKey, body: { customer_id: env.w.customerA, name: 'x' } })).status).toBe(404);
    expect((await env.t.request('POST', '/v1/projects', { auth: env.w.deactivated, body: { customer_id: env.w.customerA, name: 'x' } })).status).toBe(401);
    expect((await env.t.request('POST', '/v1/projects', { body: { customer_id: env.w.customerA, name: 'x' } })).status).toBe(401);
    const bad = await env.t.request('POST', '/v1/projects', { auth: env.w.key, body: { customer_id: env.w.customerA, name: '', status: 'paused' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['name', 'status']);
  });

  it('shows each principal exactly the projects the rule allows', async () => {
    const seen = async (auth: string | undefined, query = '') => {
      const r = await env.t.request('GET', `/v1/projects${query}`, { auth });
      return r.status === 200 ? ids(r.body).sort() : r.status;
    };
    expect(await seen(env.w.key)).toEqual([portalA, internalA, portalB].sort());
    expect(await seen(env.w.staff)).toEqual([portalA, internalA, portalB].sort());
    expect(await seen(env.w.contactA)).toEqual([portalA]);
    expect(await seen(env.w.contactB)).toEqual([portalB]);
    expect(await seen(env.w.otherTenantKey)).toEqual([]);
    expect(await seen(env.w.deactivated)).toBe(401);
    expect(await seen(undefined)).toBe(401);

    const read = async (auth: string, id: string) => (await env.t.request('GET', `/v1/projects/${id}`, { auth })).status;
    expect(await read(env.w.contactA, portalA)).toBe(200);
    expect(await read(env.w.contactA, internalA)).toBe(404);
    expect(await read(env.w.contactA, portalB)).toBe(404);
    expect(await read(env.w.contactB, portalA)).toBe(404);
    expect(await read(env.w.otherTenantKey, portalA)).toBe(404);
    const hidden = await env.t.request('GET', `/v1/projects/${internalA}`, { auth: env.w.contactA });
    expect(JSON.stringify(hidden.body)).not.toContain('Renewal');
  });

  it('filters by customer, status, visibility and keywords', async () => {
    const list = async (auth: string, query: string) => ids((await env.t.request('GET', `/v1/projects?${query}`, { auth })).body).sort();
    expect(await list(env.w.key, `customer_id=${env.w.customerA}`)).toEqual([portalA, internalA].sort());
    expect(await list(env.w.key, 'status=on_hold,completed')).toEqual([portalB]);
    expect(await list(env.w.staff, 'visibility=internal')).toEqual([internalA]);
    expect(await list(env.w.key, 'q=signature')).toEqual([portalA]);
    expect(await list(env.w.contactA, 'q=renewal')).toEqual([]);
    expect(await list(env.w.contactA, `customer_id=${env.w.customerB}`)).toEqual([]);
    const byVisibility = await env.t.request('GET', '/v1/projects?visibility=portal', { auth: env.w.contactA });
    expect(byVisibility.status).toBe(403);
    expect((await env.t.request('GET', '/v1/projects?status=paused', { auth: env.w.key })).status).toBe(400);
  });

  it('lets only API keys and staff change a project, and never leaks a hidden one', async () => {
    for (const auth of [env.w.contactA, env.w.contactB]) {
      expect((await env.t.request('PATCH', `/v1/projects/${portalA}`, { auth, body: { name: 'Mine' } })).status).toBe(403);
    }
    expect((await env.t.request('PATCH', `/v1/projects/${portalA}`, { auth: env.w.otherTenantKey, body: { name: 'x' } })).status).toBe(404);
    expect((await env.t.request('PATCH', `/v1/projects/${portalA}`, { auth: env.w.deactivated, body: { name: 'x' } })).status).toBe(401);
    expect((await env.t.request('PATCH', `/v1/projects/${portalA}`, { auth: env.w.key, body: {} })).status).toBe(400);
    expect((await env.t.request('PATCH', `/v1/projects/${portalA}`, { auth: env.w.key, body: { customer_id: env.w.customerB } })).status).toBe(400);

    const changed = await env.t.request('PATCH', `/v1/projects/${portalB}`, { auth: env.w.staff, body: { status: 'completed', description: 'Done and dusted' } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ status: 'completed', description: 'Done and dusted' });
    const event = await lastEvent(portalB);
    expect(event).toMatchObject({ type: 'project.updated', visibility: 'portal', customer_id: env.w.customerB });
    expect(JSON.parse(event.data)).toMatchObject({ changes: ['description', 'status'], previous: { status: 'on_hold', description: '' } });
  });

  it('hides a project’s tasks from contacts when it turns internal, and its event with it', async () => {
    const task = await env.t.request('POST', '/v1/tasks', { auth: env.w.contactA, body: { title: 'Send the logo', project_id: portalA } });
    expect(task.status).toBe(201);
    const contactTasks = async () => ids((await env.t.request('GET', '/v1/tasks', { auth: env.w.contactA })).body);

    const hide = await env.t.request('PATCH', `/v1/projects/${portalA}`, { auth: env.w.staff, body: { visibility: 'internal' } });
    expect(hide.status).toBe(200);
    expect((await lastEvent(portalA))).toMatchObject({ type: 'project.updated', visibility: 'internal' });
    expect(await contactTasks()).not.toContain(task.body.id);
    expect((await env.t.request('GET', `/v1/tasks/${task.body.id}`, { auth: env.w.contactA })).status).toBe(404);
    expect((await env.t.request('GET', `/v1/projects/${portalA}`, { auth: env.w.contactA })).status).toBe(404);

    const show = await env.t.request('PATCH', `/v1/projects/${portalA}`, { auth: env.w.key, body: { visibility: 'portal' } });
    expect(show.status).toBe(200);
    const shown = await lastEvent(portalA);
    expect(shown).toMatchObject({ type: 'project.updated', visibility: 'portal' });
    expect(JSON.parse(shown.data)).toMatchObject({ project: { visibility: 'portal' }, changes: ['visibility'], previous: { visibility: 'internal' } });
    expect(await contactTasks()).toContain(task.body.id);
  });
});
