import { describe, expect, it } from 'vitest';
import { databases, embedToken } from '../test/harness.js';
import { useWorld } from '../test/suite.js';
import { addDays } from './playbook.js';
import { ONBOARDING } from './template.fixture.js';

const today = () => new Date().toISOString().slice(0, 10);
const ids = (list: { id: string }[]) => list.map((x) => x.id);

describe.each(databases)('playbooks on $name', (database) => {
  const env = useWorld(database);

  const newTemplate = async (body: unknown = ONBOARDING) => (await env.t.request('POST', '/v1/templates', { auth: env.w.key, body })).body.id as string;
  const apply = (templateId: string, body: object, auth = env.w.staff) => env.t.request('POST', `/v1/templates/${templateId}/apply`, { auth, body });
  const tasksOf = async (projectId: string, auth = env.w.staff) => (await env.t.request('GET', `/v1/tasks?project_id=${projectId}&limit=200`, { auth })).body.data as any[];
  const complete = (taskId: string, auth = env.w.contactA) => env.t.request('PATCH', `/v1/tasks/${taskId}`, { auth, body: { status: 'done' } });

  it('creates the project and the tasks that wait on nothing, due from the start date', async () => {
    const r = await apply(await newTemplate(), { customer_id: env.w.customerA, start_date: '2027-01-04' });
    expect(r.status).toBe(201);
    expect(r.body.project).toMatchObject({ customer_id: env.w.customerA, name: 'Onboarding', status: 'active', visibility: 'portal', created_by: env.w.staffId });
    expect(r.body.tasks).toHaveLength(1);
    expect(r.body.tasks[0]).toMatchObject({
      title: 'Kick-off call',
      project_id: r.body.project.id,
      priority: 'high',
      visibility: 'portal',
      due_date: '2027-01-07',
      assignee_ids: [env.w.staffId],
      created_by: env.w.staffId,
      status: 'todo',
    });
    expect(ids(await tasksOf(r.body.project.id))).toEqual(ids(r.body.tasks));
    const events = await env.t.deps.db.selectFrom('events').select(['type', 'visibility', 'subject_id']).where('customer_id', '=', env.w.customerA).orderBy('id', 'desc').limit(2).execute();
    expect(events.reverse()).toEqual([
      { type: 'project.created', visibility: 'portal', subject_id: r.body.project.id },
      { type: 'task.created', visibility: 'portal', subject_id: r.body.tasks[0].id },
    ]);
    // Contacts see the project's portal tasks through the ordinary API.
    expect(ids(await tasksOf(r.body.project.id, env.w.contactA))).toEqual(ids(r.body.tasks));
  });

  it('creates a step when its predecessors are done, due from that moment, as the applier, to active contacts', async () => {
    const { body } = await apply(await newTemplate(), { customer_id: env.w.customerA, start_date: '2026-01-01' });
    const kickoff = body.tasks[0].id;
    const done = await complete(kickoff);
    expect(done.status).toBe(200);

    const tasks = await tasksOf(body.project.id);
    const sso = tasks.find((x) => x.title === 'Configure SSO');
    expect(sso).toMatchObject({
      description: 'Send us your IdP metadata.',
      visibility: 'portal',
      due_date: addDays(today(), 10),
      assignee_ids: [env.w.contactAId],
      created_by: env.w.staffId,
    });
    expect(tasks.map((x) => x.title)).not.toContain('Check adoption risk');
    const created = await env.t.deps.db.selectFrom('events').selectAll().where('type', '=', 'task.created').where('subject_id', '=', sso.id).executeTakeFirstOrThrow();
    expect(created.visibility).toBe('portal');

    // Reopened and done again: nothing is created twice.
    await env.t.request('PATCH', `/v1/tasks/${kickoff}`, { auth: env.w.staff, body: { status: 'todo' } });
    await complete(kickoff);
    expect((await tasksOf(body.project.id)).filter((x) => x.title === 'Configure SSO')).toHaveLength(1);
  });

  it('never shows an internal step to a contact, even when the contact released it', async () => {
    const { body } = await apply(await newTemplate(), { customer_id: env.w.customerA });
    await complete(body.tasks[0].id);
    const sso = (await tasksOf(body.project.id, env.w.contactA)).find((x) => x.title === 'Configure SSO');
    const released = await complete(sso.id);
    expect(JSON.stringify(released.body)).not.toContain('adoption risk');

    const risk = (await tasksOf(body.project.id)).find((x) => x.title === 'Check adoption risk');
    expect(risk).toMatchObject({ visibility: 'internal', due_date: null, assignee_ids: [], created_by: env.w.staffId });
    expect((await env.t.request('GET', `/v1/tasks/${risk.id}`, { auth: env.w.contactA })).status).toBe(404);
    expect(ids(await tasksOf(body.project.id, env.w.contactA))).not.toContain(risk.id);
    expect((await env.t.request('GET', '/v1/tasks?q=adoption', { auth: env.w.contactA })).body.data).toEqual([]);
    const event = await env.t.deps.db.selectFrom('events').selectAll().where('type', '=', 'task.created').where('subject_id', '=', risk.id).executeTakeFirstOrThrow();
    expect(event.visibility).toBe('internal');
  });

  it('waits for every predecessor of a step', async () => {
    const templateId = await newTemplate({
      name: 'Two roads',
      project: { name: 'Go-live' },
      tasks: [
        { key: 'legal', title: 'Sign the DPA' },
        { key: 'tech', title: 'Connect the API' },
        { key: 'live', title: 'Go live', due_in_days: 2, after: ['legal', 'tech'] },
      ],
    });
    const { body } = await apply(templateId, { customer_id: env.w.customerB }, env.w.key);
    expect(body.tasks.map((x: { title: string }) => x.title)).toEqual(['Sign the DPA', 'Connect the API']);
    expect(body.project.created_by).toBeNull();
    await complete(body.tasks[0].id, env.w.contactB);
    expect(await tasksOf(body.project.id)).toHaveLength(2);
    await complete(body.tasks[1].id, env.w.contactB);
    const live = (await tasksOf(body.project.id)).find((x) => x.title === 'Go live');
    expect(live).toMatchObject({ due_date: addDays(today(), 2), created_by: null, assignee_ids: [] });
  });

  it('releases a step exactly once when its predecessors are completed at the same moment', async () => {
    const templateId = await newTemplate({
      name: 'Race',
      project: { name: 'Race' },
      tasks: [{ key: 'x', title: 'X' }, { key: 'y', title: 'Y' }, { key: 'z', title: 'Z', after: ['x', 'y'] }],
    });
    for (let round = 0; round < 3; round++) {
      const { body } = await apply(templateId, { customer_id: env.w.customerA });
      const [x, y] = await Promise.all(body.tasks.map((task: { id: string }) => complete(task.id)));
      expect([x!.status, y!.status]).toEqual([200, 200]);
      expect((await tasksOf(body.project.id)).filter((task) => task.title === 'Z')).toHaveLength(1);
    }
  });

  it('keeps projects as they were applied when the template changes or goes away', async () => {
    const templateId = await newTemplate();
    const { body } = await apply(templateId, { customer_id: env.w.customerA });
    const changed = await env.t.request('PATCH', `/v1/templates/${templateId}`, {
      auth: env.w.key,
      body: { tasks: [{ key: 'kickoff', title: 'Renamed kick-off' }, { key: 'sso', title: 'Something else entirely', visibility: 'internal', after: [] }] },
    });
    expect(changed.status).toBe(200);
    expect((await tasksOf(body.project.id)).map((x) => x.title)).toEqual(['Kick-off call']);
    expect((await env.t.request('DELETE', `/v1/templates/${templateId}`, { auth: env.w.key })).status).toBe(204);

    await complete(body.tasks[0].id);
    const sso = (await tasksOf(body.project.id)).find((x) => x.title === 'Configure SSO');
    expect(sso).toMatchObject({ visibility: 'portal', due_date: addDays(today(), 10) });
  });

  it('assigns to the people still active when the step is created', async () => {
    const templateId = await newTemplate({ name: 'CSM later', project: { name: 'P' }, tasks: [{ key: 'a', title: 'A' }, { key: 'b', title: 'B', assign_to: 'csm', after: ['a'] }] });
    const csm = await embedToken(env.t, env.w.key, { external_id: 'leaving-csm', name: 'Lea Leaving', role: 'staff' });
    const { body } = await apply(templateId, { customer_id: env.w.customerA }, csm.token);
    expect((await env.t.request('PATCH', `/v1/users/${csm.user_id}`, { auth: env.w.key, body: { portal_access: 'deactivated' } })).status).toBe(200);
    // The CSM who applied it has left: the step still appears when A is done, unassigned.
    expect((await complete(body.tasks[0].id)).status).toBe(200);
    const b = (await tasksOf(body.project.id, env.w.key)).find((x) => x.title === 'B');
    expect(b).toMatchObject({ assignee_ids: [], created_by: csm.user_id });
  });

  it('keeps an internal project and all its tasks from contacts', async () => {
    const templateId = await newTemplate({ ...ONBOARDING, name: 'Internal plan', project: { name: 'Account plan', visibility: 'internal' } });
    const { body } = await apply(templateId, { customer_id: env.w.customerA });
    expect(body.project.visibility).toBe('internal');
    const event = await env.t.deps.db.selectFrom('events').selectAll().where('type', '=', 'project.created').where('subject_id', '=', body.project.id).executeTakeFirstOrThrow();
    expect(event.visibility).toBe('internal');
    const kickoff = await env.t.deps.db.selectFrom('events').selectAll().where('type', '=', 'task.created').where('subject_id', '=', body.tasks[0].id).executeTakeFirstOrThrow();
    expect(kickoff.visibility).toBe('internal');
    expect(await tasksOf(body.project.id, env.w.contactA)).toEqual([]);
    expect((await env.t.request('GET', `/v1/tasks/${body.tasks[0].id}`, { auth: env.w.contactA })).status).toBe(404);
  });

  it('refuses customers and templates that are not the caller\'s', async () => {
    const templateId = await newTemplate();
    expect((await apply(templateId, { customer_id: 'cus_nope' })).status).toBe(404);
    expect((await apply('tpl_nope', { customer_id: env.w.customerA })).status).toBe(404);
    expect((await apply(templateId, { customer_id: env.w.customerA, start_date: '2027-02-30' })).status).toBe(400);
  });
});
