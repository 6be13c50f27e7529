import { beforeAll, describe, expect, it } from 'vitest';
import { databases } from './test/harness.js';
import { useWorld } from './test/suite.js';
import { upload } from './test/uploads.js';

/** Every path of the public contract (shared/API.md), as the OpenAPI document writes it. */
const CONTRACT: Record<string, string[]> = {
  '/v1/embed-tokens': ['post'],
  '/.well-known/jwks.json': ['get'],
  '/v1/me': ['get'],
  '/v1/me/preferences': ['patch'],
  '/v1/customers': ['get', 'post'],
  '/v1/customers/{id}': ['get', 'patch'],
  '/v1/customers/{id}/contacts': ['get', 'post'],
  '/v1/users/{id}': ['patch'],
  '/v1/projects': ['get', 'post'],
  '/v1/projects/{id}': ['get', 'patch'],
  '/v1/tasks': ['get', 'post'],
  '/v1/tasks/{id}': ['get', 'patch', 'delete'],
  '/v1/tasks/{id}/comments': ['get', 'post'],
  '/v1/documents': ['get', 'post'],
  '/v1/documents/{id}': ['get', 'delete'],
  '/v1/documents/{id}/content': ['get'],
  '/v1/people': ['get'],
  '/v1/stats': ['get'],
  '/v1/notifications': ['get'],
  '/v1/notifications/read': ['post'],
  '/v1/events': ['get'],
  '/v1/templates': ['get', 'post'],
  '/v1/templates/{id}': ['get', 'patch', 'delete'],
  '/v1/templates/{id}/apply': ['post'],
  '/v1/webhook-endpoints': ['get', 'post'],
  '/v1/webhook-endpoints/{id}': ['delete'],
  '/v1/webhook-endpoints/{id}/deliveries': ['get'],
  '/v1/branding': ['get', 'patch'],
  '/v1/settings': ['get', 'patch'],
  '/v1/auth/magic-link': ['post'],
};

/** Routes that take no bearer credential: keys, sign-in, the logo, media by signed address. */
// `/v1/media/{token}`: the signed address is the credential (document-media.test.ts refuses a forged one).
const PUBLIC = [/^\/\.well-known\//, /^\/v1\/auth\//, /^\/branding\//, /^\/v1\/media\//];

interface Operation {
  method: string;
  path: string;
}

/** The part of a JSON Schema (as the OpenAPI document writes it) that says where strings are. */
interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/** The path of every string a body of `schema` may hold (an array's first item standing for all). */
function stringPaths(schema: JsonSchema, components: Record<string, JsonSchema>, path: string[] = [], depth = 0): string[][] {
  if (depth > 8) return [];
  if (schema.$ref) return stringPaths(components[schema.$ref.split('/').pop()!]!, components, path, depth + 1);
  const alternatives = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
  const found = alternatives.flatMap((alternative) => stringPaths(alternative, components, path, depth + 1));
  if ([schema.type].flat().includes('string')) found.push(path);
  for (const [name, property] of Object.entries(schema.properties ?? {})) found.push(...stringPaths(property, components, [...path, name], depth + 1));
  if (schema.items) found.push(...stringPaths(schema.items, components, [...path, '0'], depth + 1));
  const unique = new Map(found.map((p) => [p.join('.'), p]));
  return [...unique.values()];
}

/** A body holding `value` at `path` and nothing else (`0` segments make arrays). */
function bodyWith(path: string[], value: string): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  return head === '0' ? [bodyWith(rest, value)] : { [head!]: bodyWith(rest, value) };
}

describe.each(databases)('the whole API on $name', (database) => {
  // No DNS here: the webhook endpoint points at a loopback address, allowed for this suite.
  const env = useWorld(database, { webhookAllowPrivate: true });
  let operations: Operation[];
  /** One real id of tenant A per kind, for the `{id}` of each path. */
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const doc = await env.t.request('GET', '/v1/openapi.json');
    operations = Object.entries(doc.body.paths as Record<string, object>).flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method, path })));
    const post = async (path: string, body: object) => {
      const r = await env.t.request('POST', path, { auth: env.w.key, body });
      if (r.status !== 201) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    ids.tsk = (await post('/v1/tasks', { title: 'Secret internal step', customer_id: env.w.customerA, visibility: 'internal' })).id;
    ids.prj = (await post('/v1/projects', { customer_id: env.w.customerA, name: 'Internal plan', visibility: 'internal' })).id;
    ids.cmt = (await post(`/v1/tasks/${ids.tsk}/comments`, { body: 'Internal note', visibility: 'internal' })).id;
    ids.doc = (await upload(env.t, env.w.key, { name: 'internal.txt', bytes: 'internal bytes' }, { customer_id: env.w.customerA, visibility: 'internal' })).body.id;
    ids.tpl = (await post('/v1/templates', { name: 'Onboarding', project: { name: 'Onboarding' }, tasks: [{ key: 'a', title: 'A' }] })).id;
    ids.whe = (await post('/v1/webhook-endpoints', { url: 'http://127.0.0.1:9/portal-hooks', events: ['*'] })).id;
    ids.cus = env.w.customerA;
    ids.usr = env.w.contactAId;
  });

  const concrete = (path: string) =>
    path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (name === 'tenant_id') return env.w.tenantId;
      const prefix = { '/v1/tasks': 'tsk', '/v1/customers': 'cus', '/v1/projects': 'prj', '/v1/users': 'usr', '/v1/documents': 'doc', '/v1/templates': 'tpl', '/v1/webhook-endpoints': 'whe', '/v1/comments': 'cmt' }[
        path.slice(0, path.indexOf('/{'))
      ];
      return ids[prefix ?? ''] ?? 'xyz_unknown';
    });
  const call = (op: Operation, auth: string | null) =>
    env.t.request(op.method.toUpperCase(), concrete(op.path), { auth, ...(['post', 'patch'].includes(op.method) ? { body: {} } : {}) });

  it('documents every path of the contract in an OpenAPI 3.1 document', async () => {
    const doc = await env.t.request('GET', '/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    for (const [path, methods] of Object.entries(CONTRACT)) {
      for (const method of methods) expect(doc.body.paths[path]?.[method], `${method.toUpperCase()} ${path}`).toBeDefined();
    }
    for (const op of operations) expect(Object.keys(doc.body.paths[op.path][op.method].responses ?? {}).length, `${op.method} ${op.path}`).toBeGreaterThan(0);
  });

  it('answers 401 in the contract shape to every private route without a valid credential', async () => {
    for (const op of operations.filter((o) => !PUBLIC.some((p) => p.test(o.path)))) {
      for (const auth of [null, 'not-a-token', 'sk_not_a_key', env.w.deactivated]) {
        const r = await call(op, auth);
        expect(r.status, `${op.method} ${op.path} with ${auth ? auth.slice(0, 12) : 'nothing'}`).toBe(401);
        expect(r.body.error.code, `${op.method} ${op.path}`).toMatch(/^[a-z_]+$/);
        expect(typeof r.body.error.message).toBe('string');
      }
    }
  });

  it('never lets another tenant, or a contact of another customer, reach tenant A\'s items', async () => {
    const internals = Object.values(ids);
    for (const op of operations.filter((o) => !PUBLIC.some((p) => p.test(o.path)) && o.path !== '/v1/events')) {
      for (const auth of [env.w.otherTenantKey, env.w.contactB]) {
        const r = await call(op, auth);
        const what = `${op.method} ${op.path} as ${auth === env.w.contactB ? 'contact B' : 'another tenant'}`;
        expect(r.status, what).toBeLessThan(500);
        if (op.path.includes('{')) expect(r.status, what).toBeGreaterThanOrEqual(400);
        const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
        for (const id of internals) expect(text, what).not.toContain(id);
      }
    }
  });

  it('refuses a NUL or a lone surrogate in every string of every JSON body with a 400 naming the field, echoing nothing and writing nothing', async () => {
    const doc = (await env.t.request('GET', '/v1/openapi.json')).body;
    const components = doc.components.schemas as Record<string, JsonSchema>;
    const tables = ['tenants', 'customers', 'users', 'projects', 'tasks', 'task_assignees', 'comments', 'documents', 'notifications', 'events', 'idempotency_keys', 'magic_links', 'sessions', 'templates', 'playbook_steps', 'webhook_endpoints', 'webhook_deliveries'] as const;
    const snapshot = async () => JSON.stringify(await Promise.all(tables.map((table) => env.t.deps.db.selectFrom(table).selectAll().execute())));
    const before = await snapshot();
    let checked = 0;
    for (const op of operations.filter((o) => ['post', 'patch', 'put'].includes(o.method))) {
      const schema = doc.paths[op.path][op.method].requestBody?.content?.['application/json']?.schema as JsonSchema | undefined;
      if (!schema) continue;
      for (const path of stringPaths(schema, components)) {
        for (const bad of ['a\u0000b', 'a\ud800b', '\udc00']) {
          // As the first caller the route lets in (its rules are checked before its input).
          let r = { status: 403, body: null as any };
          for (const auth of [env.w.key, env.w.staff, env.w.contactA]) {
            r = await env.t.request(op.method.toUpperCase(), concrete(op.path), { auth, body: bodyWith(path, bad), headers: { 'x-forwarded-for': '198.51.100.7' } });
            if (r.status !== 403) break;
          }
          const what = `${op.method} ${op.path} ${path.join('.')} with ${JSON.stringify(bad)}`;
          expect(r.status, what).toBe(400);
          expect(r.body.error.details, what).toContainEqual({ path: path.join('.') || '(body)', message: expect.stringMatching(/NUL|surrogate/) });
          const text = JSON.stringify(r.body);
          expect(/\\u0000|\\ud[89a-f]|\u0000|\p{Cs}/u.test(text), what).toBe(false);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(await snapshot()).toBe(before);
  });

  it('refuses a NUL in query, path and multipart text as well', async () => {
    for (const path of ['/v1/tasks?q=a%00b', '/v1/customers?q=%00', `/v1/tasks/tsk_${'%00'}x`, '/v1/activity?type=%00']) {
      const r = await env.t.request('GET', path, { auth: env.w.staff });
      expect([path, r.status, r.body.error?.code]).toEqual([path, 400, 'validation_failed']);
    }
    const documents = await env.t.deps.db.selectFrom('documents').select('id').execute();
    for (const fields of [{ customer_id: env.w.customerA, visibility: 'portal\u0000' }, { customer_id: `${env.w.customerA}\u0000` }] as Record<string, string>[]) {
      const r = await upload(env.t, env.w.staff, { name: 'notes.txt', bytes: 'hello' }, fields);
      expect(r.status).toBe(400);
      expect(r.body.error.message).toMatch(/NUL/);
    }
    expect(await env.t.deps.db.selectFrom('documents').select('id').execute()).toEqual(documents);
  });

  it('never answers a 5xx to nonsense', async () => {
    for (const op of operations.filter((o) => !PUBLIC.some((p) => p.test(o.path)) && o.path !== '/v1/events')) {
      for (const body of ['{"unterminated', '[]', 'null', '{"title": 42}', JSON.stringify({ x: 'y'.repeat(10_000) })]) {
        const withBody = ['post', 'patch'].includes(op.method);
        const r = await env.t.request(op.method.toUpperCase(), `${concrete(op.path)}?limit=-1&cursor=%FF`, {
          auth: env.w.staff,
          ...(withBody ? { body, headers: { 'content-type': 'application/json' } } : {}),
        });
        expect(r.status, `${op.method} ${op.path} with ${body.slice(0, 20)}`).toBeLessThan(500);
      }
    }
  });
});
