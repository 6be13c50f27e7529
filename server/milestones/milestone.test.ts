import { beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../test/harness.js';
import { useWorld } from '../test/suite.js';
import { refreshMilestoneStatuses, statusOf } from './milestone.repository.js';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('a milestone status', () => {
  const none = { task_count: 0, done_count: 0, overdue: 0, late: 0 };
  it('follows the contract', () => {
    expect(statusOf('2026-12-10', none, '2026-12-01')).toBe('upcoming');
    expect(statusOf('2026-12-10', { ...none, task_count: 2, done_count: 2 }, '2026-12-20')).toBe('reached');
    expect(statusOf('2026-12-10', { ...none, task_count: 2, done_count: 1 }, '2026-12-11')).toBe('missed');
    expect(statusOf('2026-12-10', { ...none, task_count: 2, overdue: 1 }, '2026-12-01')).toBe('at_risk');
    expect(statusOf('2026-12-10', { ...none, task_count: 2, late: 1 }, '2026-12-01')).toBe('at_risk');
  });
});

describe.each(databases)('milestones on $name', (database) => {
  const env = useWorld(database);
  let project: string;
  let projectB: string;
  let otherProject: string;

  beforeAll(async () => {
    const p = async (customer: string, name: string) => (await env.t.request('POST', '/v1/projects', { auth: env.w.staff, body: { customer_id: customer, name } })).body.id as string;
    project = await p(env.w.customerA, 'Onboarding');
    otherProject = await p(env.w.customerA, 'Expansion');
    projectB = await p(env.w.customerB, 'Globex rollout');
  });

  const create = (body: Record<string, unknown>, auth = env.w.staff) => env.t.request('POST', '/v1/milestones', { auth, body });

  it('computes status and counts from its tasks, and keeps them current', async () => {
    const m = await create({ project_id: project, name: 'Go-live', due_date: day(12) });
    expect(m.status).toBe(201);
    expect(m.body).toMatchObject({ customer_id: env.w.customerA, project_id: project, visibility: 'portal', status: 'upcoming', task_count: 0, done_count: 0 });
    expect(m.body.id).toMatch(/^mil_/);

    const task = await env.t.request('POST', '/v1/tasks', { auth: env.w.staff, body: { project_id: project, title: 'Configure SSO', milestone_id: m.body.id, start_date: day(1), due_date: day(5) } });
    expect(task.status).toBe(201);
    expect(task.body).toMatchObject({ milestone_id: m.body.id, start_date: day(1) });
    // An internal task does not count towards a portal milestone (nor tells a contact of itself).
    await env.t.request('POST', '/v1/tasks', { auth: env.w.staff, body: { project_id: project, title: 'Churn check', milestone_id: m.body.id, visibility: 'internal', due_date: day(-2) } });
    let read = await env.t.request('GET', `/v1/milestones/${m.body.id}`, { auth: env.w.contactA });
    expect(read.body).toMatchObject({ status: 'upcoming', task_count: 1, done_count: 0 });

    // Due after the milestone: at risk.
    await env.t.request('PATCH', `/v1/tasks/${task.body.id}`, { auth: env.w.staff, body: { due_date: day(20) } });
    read = await env.t.request('GET', `/v1/milestones/${m.body.id}`, { auth: env.w.contactA });
    expect(read.body.status).toBe('at_risk');

    const before = await env.t.deps.db.selectFrom('events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
    await refreshMilestoneStatuses(env.t.deps.db);
    await refreshMilestoneStatuses(env.t.deps.db);
    const changes = await env.t.deps.db.selectFrom('events').selectAll().where('id', '>', Number(before?.id ?? 0)).where('type', '=', 'milestone.status_changed').execute();
    expect(changes.map((e) => [e.subject_id, e.visibility])).toEqual([[m.body.id, 'portal']]);
    expect(JSON.parse(changes[0]!.data)).toMatchObject({ milestone: { status: 'at_risk' }, previous: { status: 'upcoming' } });

    await env.t.request('PATCH', `/v1/tasks/${task.body.id}`, { auth: env.w.contactA, body: { status: 'done' } });
    read = await env.t.request('GET', `/v1/milestones/${m.body.id}`, { auth: env.w.contactA });
    expect(read.body).toMatchObject({ status: 'reached', task_count: 1, done_count: 1 });

    // Time passes: a milestone past its date and unreached is missed, reported once.
    const late = await create({ project_id: project, name: 'Training', due_date: day(3) });
    await env.t.request('POST', '/v1/tasks', { auth: env.w.staff, body: { project_id: project, title: 'Train admins', milestone_id: late.body.id } });
    await refreshMilestoneStatuses(env.t.deps.db, new Date(Date.now() + 10 * 86_400_000));
    const missed = await env.t.deps.db.selectFrom('milestones').select('status').where('id', '=', late.body.id).executeTakeFirstOrThrow();
    expect(missed.status).toBe('missed');
  });

  it('refuses bad input with a 4xx and writes nothing', async () => {
    const count = async () => Number((await env.t.deps.db.selectFrom('milestones').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const n = await count();
    // Another customer for the project: 400; another tenant's or a missing project: 404.
    expect((await create({ project_id: project, customer_id: env.w.customerB, name: 'x', due_date: day(1) })).status).toBe(400);
    expect((await create({ project_id: 'prj_nope', name: 'x', due_date: day(1) })).status).toBe(404);
    expect((await create({ project_id: project, name: 'x', due_date: day(1) }, env.w.otherTenantKey)).status).toBe(404);
    expect((await create({ project_id: project, name: 'x', due_date: '2026-02-30' })).status).toBe(400);
    expect((await create({ project_id: project, name: ' ', due_date: day(1) })).status).toBe(400);
    // Contacts read milestones; they do not write them.
    expect((await create({ project_id: project, name: 'x', due_date: day(1) }, env.w.contactA)).status).toBe(403);
    expect(await count()).toBe(n);

    const m = (await create({ project_id: project, name: 'Kick-off', due_date: day(4) })).body;
    const mB = (await create({ project_id: projectB, name: 'Globex go-live', due_date: day(4) })).body;
    // A task linked to a milestone of another project, or of another customer.
    const wrongProject = await env.t.request('POST', '/v1/tasks', { auth: env.w.staff, body: { project_id: otherProject, title: 'x', milestone_id: m.id } });
    expect([wrongProject.status, wrongProject.body.error.details?.[0]?.path]).toEqual([400, 'milestone_id']);
    expect((await env.t.request('POST', '/v1/tasks', { auth: env.w.contactA, body: { project_id: project, title: 'x', milestone_id: mB.id } })).status).toBe(404);
    expect((await env.t.request('POST', '/v1/tasks', { auth: env.w.staff, body: { customer_id: env.w.customerA, title: 'x', milestone_id: m.id } })).status).toBe(400);
    // start_date after due_date, on create and on a change of either.
    const dates = await env.t.request('POST', '/v1/tasks', { auth: env.w.staff, body: { project_id: project, title: 'x', start_date: day(5), due_date: day(2) } });
    expect([dates.status, dates.body.error.details?.[0]?.path]).toEqual([400, 'start_date']);
    const task = (await env.t.request('POST', '/v1/tasks', { auth: env.w.staff, body: { project_id: project, title: 'Dates', start_date: day(1), due_date: day(2), milestone_id: m.id } })).body;
    expect((await env.t.request('PATCH', `/v1/tasks/${task.id}`, { auth: env.w.contactA, body: { due_date: day(0) } })).status).toBe(400);
    expect((await env.t.request('PATCH', `/v1/tasks/${task.id}`, { auth: env.w.contactA, body: { milestone_id: null } })).status).toBe(403);
    // Moving the task to another project leaves its milestone behind.
    const moved = await env.t.request('PATCH', `/v1/tasks/${task.id}`, { auth: env.w.staff, body: { project_id: otherProject } });
    expect(moved.body).toMatchObject({ project_id: otherProject, milestone_id: null });
    expect((await env.t.request('PATCH', `/v1/milestones/${m.id}`, { auth: env.w.staff, body: { project_id: otherProject } })).status).toBe(400);
  });

  it('shows contacts only the milestones of projects they see, and tells them of a deletion', async () => {
    const internal = (await create({ project_id: project, name: 'Renewal prep', due_date: day(30), visibility: 'internal' })).body;
    const other = (await create({ project_id: projectB, name: 'Globex pilot', due_date: day(9) })).body;
    const shared = (await create({ project_id: project, name: 'Sign-off', due_date: day(9) })).body;
    const ids = async (auth: string, query = '') => (await env.t.request('GET', `/v1/milestones?limit=200${query}`, { auth })).body.data.map((m: { id: string }) => m.id);
    expect(await ids(env.w.contactA)).toContain(shared.id);
    expect(await ids(env.w.contactA)).not.toContain(internal.id);
    expect(await ids(env.w.contactA)).not.toContain(other.id);
    expect(await ids(env.w.staff, `&project_id=${project}`)).toContain(internal.id);
    expect((await env.t.request('GET', `/v1/milestones/${internal.id}`, { auth: env.w.contactA })).status).toBe(404);
    expect((await env.t.request('GET', `/v1/milestones/${other.id}`, { auth: env.w.contactA })).status).toBe(404);
    expect((await env.t.request('GET', `/v1/milestones/${shared.id}`, { auth: env.w.otherTenantKey })).status).toBe(404);

    const task = (await env.t.request('POST', '/v1/tasks', { auth: env.w.staff, body: { project_id: project, title: 'Sign', milestone_id: shared.id } })).body;
    expect((await env.t.request('PATCH', `/v1/milestones/${shared.id}`, { auth: env.w.staff, body: { name: 'Final sign-off' } })).body.name).toBe('Final sign-off');
    expect((await env.t.request('DELETE', `/v1/milestones/${shared.id}`, { auth: env.w.contactA })).status).toBe(403);
    expect((await env.t.request('DELETE', `/v1/milestones/${shared.id}`, { auth: env.w.staff })).status).toBe(204);
    expect((await env.t.request('GET', `/v1/milestones/${shared.id}`, { auth: env.w.staff })).status).toBe(404);
    expect((await env.t.request('GET', `/v1/tasks/${task.id}`, { auth: env.w.staff })).body.milestone_id).toBeNull();
    const events = await env.t.deps.db.selectFrom('events').select(['type', 'visibility']).where('subject_id', '=', shared.id).orderBy('id').execute();
    expect(events).toEqual([
      { type: 'milestone.created', visibility: 'portal' },
      { type: 'milestone.updated', visibility: 'portal' },
      { type: 'milestone.deleted', visibility: 'portal' },
    ]);
  });
});
