import { describe, expect, it } from 'vitest';
import { databases } from '../test/harness.js';
import { useWorld } from '../test/suite.js';
import { ONBOARDING } from './template.fixture.js';

describe.each(databases)('templates on $name', (database) => {
  const env = useWorld(database);

  it('stores a template with its defaults filled, and reads, lists, changes and deletes it', async () => {
    const created = await env.t.request('POST', '/v1/templates', { auth: env.w.staff, body: ONBOARDING });
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^tpl_/);
    expect(created.body).toMatchObject({ name: 'Standard onboarding', project: { name: 'Onboarding', description: '', visibility: 'portal' }, created_by: env.w.staffId });
    expect(created.body.tasks[2]).toEqual({ key: 'risk', title: 'Check adoption risk', description: '', visibility: 'internal', priority: 'medium', due_in_days: null, assign_to: null, after: ['sso'] });
    const id = created.body.id;

    expect((await env.t.request('GET', `/v1/templates/${id}`, { auth: env.w.key })).body).toEqual(created.body);
    await env.t.request('POST', '/v1/templates', { auth: env.w.key, body: { ...ONBOARDING, name: 'Second' } });
    // Two pages of one: each template once. Which comes first is left open, since two templates
    // written in the same millisecond are listed in id order.
    const first = await env.t.request('GET', '/v1/templates?limit=1', { auth: env.w.key });
    expect(first.body.data).toHaveLength(1);
    const second = await env.t.request('GET', `/v1/templates?limit=1&cursor=${first.body.next_cursor}`, { auth: env.w.key });
    expect(second.body.next_cursor).toBeNull();
    const names = [...first.body.data, ...second.body.data].map((x: { name: string }) => x.name);
    expect(names.sort()).toEqual(['Second', 'Standard onboarding']);

    const renamed = await env.t.request('PATCH', `/v1/templates/${id}`, { auth: env.w.key, body: { name: 'Onboarding v2', tasks: [{ key: 'only', title: 'Only task' }] } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Onboarding v2', project: { name: 'Onboarding' }, tasks: [{ key: 'only', after: [] }] });
    expect(Date.parse(renamed.body.updated_at)).toBeGreaterThanOrEqual(Date.parse(created.body.updated_at));

    expect((await env.t.request('DELETE', `/v1/templates/${id}`, { auth: env.w.key })).status).toBe(204);
    expect((await env.t.request('GET', `/v1/templates/${id}`, { auth: env.w.key })).status).toBe(404);
    expect((await env.t.request('DELETE', `/v1/templates/${id}`, { auth: env.w.key })).status).toBe(404);
  });

  it('refuses duplicate keys, unknown `after` keys and cycles, naming the place', async () => {
    const post = (tasks: unknown[]) => env.t.request('POST', '/v1/templates', { auth: env.w.key, body: { name: 'Bad', project: { name: 'P' }, tasks } });
    const duplicate = await post([{ key: 'a', title: 'A' }, { key: 'a', title: 'Again' }]);
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.error.details).toEqual([{ path: 'tasks.1.key', message: 'duplicate key "a" (also tasks.0)' }]);

    const unknown = await post([{ key: 'a', title: 'A', after: ['ghost'] }]);
    expect(unknown.body.error.details).toEqual([{ path: 'tasks.0.after.0', message: 'no task has the key "ghost"' }]);

    const cycle = await post([
      { key: 'a', title: 'A', after: ['c'] },
      { key: 'b', title: 'B', after: ['a'] },
      { key: 'c', title: 'C', after: ['b'] },
      { key: 'd', title: 'D' },
    ]);
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.details).toEqual([{ path: 'tasks', message: 'the tasks wait on each other in a cycle: a → c → b → a' }]);

    const itself = await post([{ key: 'a', title: 'A', after: ['a'] }]);
    expect(itself.body.error.details[0].message).toBe('the tasks wait on each other in a cycle: a → a');

    const shape = await post([{ key: 'bad key!', title: '', assign_to: 'everyone' }]);
    expect(shape.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['tasks.0.assign_to', 'tasks.0.key', 'tasks.0.title']);
    expect((await post([])).status).toBe(400);

    const patched = await env.t.request('PATCH', `/v1/templates/tpl_missing`, { auth: env.w.key, body: { tasks: [{ key: 'x', title: 'X', after: ['x'] }] } });
    expect(patched.status).toBe(400);
  });

  it('is for API keys and staff of the tenant only', async () => {
    const created = await env.t.request('POST', '/v1/templates', { auth: env.w.key, body: ONBOARDING });
    for (const [method, path] of [
      ['GET', '/v1/templates'],
      ['POST', '/v1/templates'],
      ['GET', `/v1/templates/${created.body.id}`],
      ['POST', `/v1/templates/${created.body.id}/apply`],
    ] as const) {
      expect((await env.t.request(method, path, { auth: env.w.contactA, body: method === 'POST' ? {} : undefined })).status).toBe(403);
    }
    expect((await env.t.request('GET', `/v1/templates/${created.body.id}`, { auth: env.w.otherTenantKey })).status).toBe(404);
    expect((await env.t.request('GET', '/v1/templates', { auth: env.w.otherTenantKey })).body.data).toEqual([]);
    expect((await env.t.request('POST', `/v1/templates/${created.body.id}/apply`, { auth: env.w.otherTenantKey, body: { customer_id: env.w.customerA } })).status).toBe(404);
  });

  it('documents every CSM endpoint in the OpenAPI document', async () => {
    const doc = await env.t.request('GET', '/v1/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/templates',
        '/v1/templates/{id}',
        '/v1/templates/{id}/apply',
        '/v1/activity',
        '/v1/activity.csv',
        '/v1/auth/magic-link',
        '/v1/auth/session/token',
        '/v1/auth/logout',
        '/v1/users/{id}/invite',
        '/v1/customers/{id}/contacts/import',
      ]),
    );
  });
});
