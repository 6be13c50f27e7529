import { beforeAll, describe, expect, it } from 'vitest';
import { databases, type TestApp, type World } from '../test/harness.js';
import { useWorld } from '../test/suite.js';

describe.each(databases)('tasks on $name', (database) => {
  const env = useWorld(database);

  let t: TestApp;
  let w: World;
  let projectInternal: string;

  beforeAll(async () => {
    ({ t, w } = env);
    projectInternal = (await t.request('POST', '/v1/projects', { auth: w.key, body: { customer_id: w.customerA, name: 'Draft plan', visibility: 'internal' } })).body.id;
  });

  it('lets a contact create a portal task for its own customer, and nothing else', async () => {
    const created = await t.request('POST', '/v1/tasks', { auth: w.contactA, body: { title: 'Upload the signed contract' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ customer_id: w.customerA, visibility: 'portal', status: 'todo', priority: 'medium', version: 1, created_by: w.contactAId });
    expect(created.body.id).toMatch(/^tsk_[0-9A-Za-z]{22}$/);

    const internal = await t.request('POST', '/v1/tasks', { auth: w.contactA, body: { title: 'x', visibility: 'internal' } });
    expect(internal.status).toBe(403);
    const other = await t.request('POST', '/v1/tasks', { auth: w.contactA, body: { title: 'x', customer_id: w.customerB } });
    expect(other.status).toBe(404);
    const otherAssignee = await t.request('POST', '/v1/tasks', { auth: w.contactA, body: { title: 'x', assignee_ids: [w.contactBId] } });
    expect(otherAssignee.status).toBe(404);
  });

  it('hides internal tasks, and portal tasks of internal projects, from contacts', async () => {
    const secret = await t.request('POST', '/v1/tasks', { auth: w.key, body: { title: 'Check churn risk', customer_id: w.customerA, visibility: 'internal' } });
    const drafted = await t.request('POST', '/v1/tasks', { auth: w.staff, body: { title: 'Configure SSO', project_id: projectInternal } });
    expect(secret.status).toBe(201);
    expect(drafted.status).toBe(201);

    for (const id of [secret.body.id, drafted.body.id]) {
      expect((await t.request('GET', `/v1/tasks/${id}`, { auth: w.contactA })).status).toBe(404);
      expect((await t.request('GET', `/v1/tasks/${id}`, { auth: w.staff })).status).toBe(200);
    }
    const list = await t.request('GET', '/v1/tasks?limit=200', { auth: w.contactA });
    const ids = list.body.data.map((x: { id: string }) => x.id);
    expect(ids).not.toContain(secret.body.id);
    expect(ids).not.toContain(drafted.body.id);
    const search = await t.request('GET', '/v1/tasks?q=churn', { auth: w.contactA });
    expect(search.body.data).toEqual([]);
  });

  it('never serves a remembered list after a write changed it', async () => {
    const created = await t.request('POST', '/v1/tasks', { auth: w.staff, body: { title: 'Soon secret', customer_id: w.customerA } });
    const before = await t.request('GET', '/v1/tasks?limit=200', { auth: w.contactA });
    expect(before.body.data.map((x: { id: string }) => x.id)).toContain(created.body.id);
    await t.request('PATCH', `/v1/tasks/${created.body.id}`, { auth: w.staff, body: { visibility: 'internal' } });
    const after = await t.request('GET', '/v1/tasks?limit=200', { auth: w.contactA });
    expect(after.body.data.map((x: { id: string }) => x.id)).not.toContain(created.body.id);
  });

  it('checks If-Match and refuses fields a contact may not change', async () => {
    const created = await t.request('POST', '/v1/tasks', { auth: w.staff, body: { title: 'Kick-off', customer_id: w.customerA } });
    const id = created.body.id;
    const ok = await t.request('PATCH', `/v1/tasks/${id}`, { auth: w.contactA, body: { status: 'done' }, headers: { 'if-match': '"1"' } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'done', version: 2 });
    expect(ok.body.completed_at).toBeTruthy();
    const stale = await t.request('PATCH', `/v1/tasks/${id}`, { auth: w.contactA, body: { status: 'todo' }, headers: { 'if-match': '1' } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    const priority = await t.request('PATCH', `/v1/tasks/${id}`, { auth: w.contactA, body: { priority: 'urgent' } });
    expect(priority.status).toBe(403);
    const otherCustomer = await t.request('PATCH', `/v1/tasks/${id}`, { auth: w.contactB, body: { status: 'todo' } });
    expect(otherCustomer.status).toBe(404);
  });

  it('answers errors in the contract shape', async () => {
    const bad = await t.request('POST', '/v1/tasks', { auth: w.staff, body: { title: '', customer_id: w.customerA, due_date: '2026-02-30' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['due_date', 'title']);
    const malformed = await t.request('POST', '/v1/tasks', { auth: w.staff, body: '{"title":', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('invalid_json');
    const text = await t.request('POST', '/v1/tasks', { auth: w.staff, body: 'title=x', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    expect((await t.request('GET', '/v1/tasks')).status).toBe(401);
    expect((await t.request('GET', '/v1/tasks', { auth: w.deactivated })).status).toBe(401);
  });

  it('replays an Idempotency-Key and refuses it with another body', async () => {
    const headers = { 'idempotency-key': 'create-1' };
    const body = { title: 'Once only', customer_id: w.customerB };
    const first = await t.request('POST', '/v1/tasks', { auth: w.key, body, headers });
    const again = await t.request('POST', '/v1/tasks', { auth: w.key, body, headers });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('access-control-allow-origin')).toBe('*');
    const list = await t.request('GET', `/v1/tasks?customer_id=${w.customerB}&q=once`, { auth: w.key });
    expect(list.body.data).toHaveLength(1);
    const different = await t.request('POST', '/v1/tasks', { auth: w.key, body: { ...body, title: 'Other' }, headers });
    expect(different.status).toBe(422);

    const gone = { 'idempotency-key': 'delete-1' };
    expect((await t.request('DELETE', `/v1/tasks/${first.body.id}`, { auth: w.key, headers: gone })).status).toBe(204);
    const deletedAgain = await t.request('DELETE', `/v1/tasks/${first.body.id}`, { auth: w.key, headers: gone });
    expect(deletedAgain.status).toBe(204);
    expect(deletedAgain.headers.get('idempotent-replayed')).toBe('true');
  });
});
