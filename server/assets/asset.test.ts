import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases, startTestApp, type TestApp } from '../test/harness.js';
import { createAssetRoutes } from './asset.routes.js';

describe('the widget bundle at /customer-portal.js', () => {
  let dist: string;
  let routes: ReturnType<typeof createAssetRoutes>;

  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'cp-dist-'));
    routes = createAssetRoutes(dist);
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('says clearly that the bundle was not built, to any origin', async () => {
    const res = await routes.request('/customer-portal.js');
    expect(res.status).toBe(503);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect((await res.json()).error).toMatchObject({ code: 'bundle_not_built', message: expect.stringContaining('npm run build:widget') });
  });

  it('serves the bundle publicly, cross-origin, cached with an ETag, gzipped when asked', async () => {
    const code = 'export const hello = "world";\n'.repeat(50);
    writeFileSync(join(dist, 'customer-portal.js'), code);
    writeFileSync(join(dist, 'customer-portal.js.map'), '{"version":3}');

    const res = await routes.request('/customer-portal.js', { headers: { origin: 'https://app.vendor.test' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
    expect(await res.text()).toBe(code);
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);

    const again = await routes.request('/customer-portal.js', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);

    const gzipped = await routes.request('/customer-portal.js', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzipped.arrayBuffer())).toString()).toBe(code);

    const map = await routes.request('/customer-portal.js.map');
    expect(map.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('keeps hashed translation chunks cacheable for ever', async () => {
    writeFileSync(join(dist, 'customer-portal.fr.DRyAqhls.js'), 'export const templates = {};\n');
    const res = await routes.request('/customer-portal.fr.DRyAqhls.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('serves a new build at once, under a new ETag', async () => {
    const first = (await routes.request('/customer-portal.js')).headers.get('etag');
    writeFileSync(join(dist, 'customer-portal.js'), 'export const v = 2;\n');
    const second = await routes.request('/customer-portal.js', { headers: { 'if-none-match': first! } });
    expect(second.status).toBe(200);
    expect(await second.text()).toBe('export const v = 2;\n');
  });

  it('serves nothing but bundles: no other file, no path outside dist', async () => {
    writeFileSync(join(dist, 'notes.txt'), 'secret');
    expect((await routes.request('/notes.txt')).status).toBe(404);
    expect((await routes.request('/..%2Fpackage.json')).status).toBe(404);
    expect((await routes.request('/missing.js.map')).status).toBe(404);
  });
});

describe.each(databases)('the service on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database);
  });
  afterAll(() => t.close());

  it('mounts the bundle at the root without a credential, and leaves other paths alone', async () => {
    const res = await t.app.request('/customer-portal.js');
    expect([200, 503]).toContain(res.status);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect((await t.app.request('/nothing-here')).status).toBe(404);
  });
});
