import { beforeAll, describe, expect, it } from 'vitest';
import { databases } from '../test/harness.js';
import { useWorld } from '../test/suite.js';
import { sql } from 'kysely';
import { compactTaskCounts, readCounts, taskCounts, tenantTaskCounts } from './task-counts.js';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe.each(databases)('stats on $name', (database) => {
  const env = useWorld(database);
  const p: Record<string, string> = {};
  const k: Record<string, string> = {};

  beforeAll(async () => {
    const project = async (key: string, body: object) => {
      p[key] = (await env.t.request('POST', '/v1/projects', { auth: env.w.staff, body })).body.id;
    };
    await project('onboarding', { customer_id: env.w.customerA, name: 'Onboarding' });
    await project('risk', { customer_id: env.w.customerA, name: 'Risk plan', visibility: 'internal' });
    await project('pilot', { customer_id: env.w.customerA, name: 'Pilot', status: 'completed' });
    await project('review', { customer_id: env.w.customerB, name: 'Review' });
    const task = async (key: string, body: object) => {
      const r = await env.t.request('POST', '/v1/tasks', { auth: env.w.staff, body: { title: key, ...body } });
      expect(r.status).toBe(201);
      k[key] = r.body.id;
    };
    await task('kickoff', { project_id: p.onboarding, due_date: day(-1), assignee_ids: [env.w.contactAId] });
    await task('sso', { project_id: p.onboarding, status: 'in_progress', due_date: day(1), assignee_ids: [env.w.staffId] });
    await task('contract', { project_id: p.onboarding, status: 'done', due_date: day(-3) });
    await task('import', { project_id: p.onboarding, status: 'blocked' });
    await task('churn', { project_id: p.onboarding, visibility: 'internal', due_date: day(-5) });
    await task('draft', { project_id: p.risk, due_date: day(-2) });
    await task('welcome', { customer_id: env.w.customerA, status: 'done' });
    await task('removed', { project_id: p.onboarding, due_date: day(-9) });
    await env.t.request('DELETE', `/v1/tasks/${k.removed}`, { auth: env.w.staff });
    await task('headcount', { project_id: p.review, due_date: day(2) });
  });

  const stats = async (auth: string | undefined, query = '') => {
    const r = await env.t.request('GET', `/v1/stats${query}`, { auth });
    return r.status === 200 ? r.body : r.status;
  };

  it('counts for a contact only its customer’s portal work, never internal tasks or projects', async () => {
    const body = await stats(env.w.contactA);
    expect(body).toEqual({
      tasks: { todo: 1, in_progress: 1, blocked: 1, done: 2, overdue: 1 },
      projects: [{ id: p.onboarding, name: 'Onboarding', done: 1, total: 4, next_due_task_id: k.kickoff }],
    });
    const text = JSON.stringify(body);
    for (const hidden of [p.risk, k.churn, k.draft, 'Risk plan']) expect(text).not.toContain(hidden);
    expect(await stats(env.w.contactA, `?customer_id=${env.w.customerA}`)).toEqual(body);
    expect(await stats(env.w.contactA, `?customer_id=${env.w.customerB}`)).toBe(404);
    expect(await stats(env.w.contactB)).toEqual({
      tasks: { todo: 1, in_progress: 0, blocked: 0, done: 0, overdue: 0 },
      projects: [{ id: p.review, name: 'Review', done: 0, total: 1, next_due_task_id: k.headcount }],
    });
  });

  it('counts everything of the tenant for API keys and staff, or one customer’s', async () => {
    const customerA = {
      tasks: { todo: 3, in_progress: 1, blocked: 1, done: 2, overdue: 3 },
      projects: [
        { id: p.onboarding, name: 'Onboarding', done: 1, total: 5, next_due_task_id: k.churn },
        { id: p.risk, name: 'Risk plan', done: 0, total: 1, next_due_task_id: k.draft },
      ],
    };
    for (const auth of [env.w.key, env.w.staff]) {
      expect(await stats(auth, `?customer_id=${env.w.customerA}`)).toEqual(customerA);
      const all = await stats(auth);
      expect(all.tasks).toEqual({ ...customerA.tasks, todo: 4 });
      expect(all.projects.map((x: { id: string }) => x.id)).toEqual([p.onboarding, p.risk, p.review]);
    }
  });

  it('narrows to an assignee, "me" for a token', async () => {
    expect(await stats(env.w.contactA, '?assignee_id=me')).toEqual({
      tasks: { todo: 1, in_progress: 0, blocked: 0, done: 0, overdue: 1 },
      projects: [{ id: p.onboarding, name: 'Onboarding', done: 0, total: 1, next_due_task_id: k.kickoff }],
    });
    const staffs = await stats(env.w.key, `?assignee_id=${env.w.staffId}`);
    expect(staffs.tasks).toEqual({ todo: 0, in_progress: 1, blocked: 0, done: 0, overdue: 0 });
    expect(staffs.projects.find((x: { id: string }) => x.id === p.onboarding).next_due_task_id).toBe(k.sso);
    expect(await stats(env.w.staff, '?assignee_id=me')).toEqual(await stats(env.w.key, `?assignee_id=${env.w.staffId}`));
    expect(await stats(env.w.key, '?assignee_id=me')).toBe(400);
  });

  it('refuses the deactivated and the anonymous, and shows another tenant nothing', async () => {
    expect(await stats(env.w.deactivated)).toBe(401);
    expect(await stats(undefined)).toBe(401);
    expect(await stats(env.w.otherTenantKey)).toEqual({ tasks: { todo: 0, in_progress: 0, blocked: 0, done: 0, overdue: 0 }, projects: [] });
    expect(await stats(env.w.otherTenantKey, `?customer_id=${env.w.customerA}`)).toBe(404);
  });

  it('keeps the whole tenant’s counts in step with its tasks through every kind of write', async () => {
    const names = ['todo', 'in_progress', 'blocked', 'done', 'overdue'] as const;
    const db = env.t.deps.db;
    const fromRows = async () =>
      readCounts(await db.selectFrom('tasks as t').select(taskCounts('t', names)).where('t.tenant_id', '=', env.w.tenantId).where('t.deleted_at', 'is', null).executeTakeFirst(), names);
    const kept = async () => readCounts(await tenantTaskCounts(db, env.w.tenantId), names);
    const check = async () => {
      expect(await kept()).toEqual(await fromRows());
      expect((await stats(env.w.staff)).tasks).toEqual(await fromRows());
    };
    await check();
    const created: string[] = [];
    for (const [i, status] of (['todo', 'in_progress', 'blocked', 'done'] as const).entries()) {
      const r = await env.t.request('POST', '/v1/tasks', { auth: env.w.key, body: { title: `counted ${i}`, customer_id: env.w.customerB, status, due_date: day(i - 2) } });
      created.push(r.body.id);
    }
    await check();
    await env.t.request('PATCH', `/v1/tasks/${created[0]}`, { auth: env.w.key, body: { status: 'done' } });
    await env.t.request('PATCH', `/v1/tasks/${created[1]}`, { auth: env.w.key, body: { due_date: null } });
    await env.t.request('PATCH', `/v1/tasks/${created[2]}`, { auth: env.w.key, body: { due_date: day(-30), status: 'todo' } });
    await env.t.request('PATCH', `/v1/tasks/${created[3]}`, { auth: env.w.key, body: { title: 'only the title' } });
    await check();
    await env.t.request('DELETE', `/v1/tasks/${created[3]}`, { auth: env.w.key });
    await check();
    // Writes outside the routes too (a restore, the retention job's hard delete): the triggers see them all.
    await db.updateTable('tasks').set({ deleted_at: null }).where('id', '=', created[3]!).execute();
    await check();
    await db.deleteFrom('tasks').where('id', '=', created[2]!).execute();
    await check();
    if (database.name === 'postgres') {
      await compactTaskCounts(db);
      await check();
      const { rows } = await sql<{ n: number }>`select count(*) as n from task_counts where tenant_id = ${env.w.tenantId} group by status, due_date having count(*) > 1`.execute(db);
      expect(rows).toEqual([]);
    }
    // Another tenant's counts are its own.
    expect(readCounts(await tenantTaskCounts(db, 'ten_none'), names)).toEqual({ todo: 0, in_progress: 0, blocked: 0, done: 0, overdue: 0 });
  });
});
