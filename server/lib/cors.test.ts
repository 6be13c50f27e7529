import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases, startTestApp, type TestApp } from '../test/harness.js';

describe('CORS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(databases[0]!);
  });
  afterAll(() => t.close());

  it('lets a page on another origin use every method the contract documents', async () => {
    const doc = (await t.request('GET', '/v1/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const documented = new Set(Object.values(doc.paths).flatMap((ops) => Object.keys(ops).map((m) => m.toUpperCase())));
    const preflight = await t.app.request('/v1/projects/prj_x/members', {
      method: 'OPTIONS',
      headers: { origin: 'https://app.vendor.test', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(preflight.status).toBe(204);
    const allowed = (preflight.headers.get('access-control-allow-methods') ?? '').split(',').map((m) => m.trim());
    expect([...documented].filter((m) => !allowed.includes(m))).toEqual([]);
    expect(documented.has('PUT')).toBe(true);
  });
});
