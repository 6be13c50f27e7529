import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { createTenant } from '../tenants/tenant.repository.js';
import { makePng } from '../test/files.js';
import { persistentDatabase } from '../test/persistent-database.js';
import { startLocalS3, type LocalS3 } from '../test/s3-server.js';
import { serveProcess, type ServeProcess } from '../test/serve-process.js';
import { uploadForm } from '../test/uploads.js';

const url = process.env.TEST_DATABASE_URL;

/** Every file under `dir`: what an instance keeps on its own disk. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));

describe.skipIf(!url)('two instances on two machines: PostgreSQL and an S3-compatible bucket', () => {
  let store: Awaited<ReturnType<typeof persistentDatabase>>;
  let s3: LocalS3;
  let a: ServeProcess;
  let b: ServeProcess;
  let key: string;
  // Each instance has a disk of its own: only the database and the bucket are shared.
  const disks = [mkdtempSync(join(tmpdir(), 'cp-machine-a-')), mkdtempSync(join(tmpdir(), 'cp-machine-b-'))];

  beforeAll(async () => {
    store = await persistentDatabase({ name: 'postgres', url: url! });
    s3 = await startLocalS3();
    const storage = connect(store.url);
    await migrateToLatest(storage.db);
    key = (await createTenant(storage.db, { name: 'Twin files' })).api_key;
    await storage.close();
    const env = (dataDir: string) => ({ DATABASE_URL: store.url, DATA_DIR: dataDir, PUBLIC_URL: 'http://portal.test', EXAMPLE_PORT: '0', ...s3.env });
    [a, b] = await Promise.all([serveProcess(env(disks[0]!)), serveProcess(env(disks[1]!))]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await s3?.close();
    await store?.drop();
    for (const disk of disks) rmSync(disk, { recursive: true, force: true });
  });

  const send = (base: string, method: string, path: string, body?: FormData | object) =>
    fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}) },
      body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body),
    });

  it('serves through one instance the file uploaded through the other, versions and previews included', async () => {
    const customer = (await (await send(a.url, 'POST', '/v1/customers', { name: 'Acme', external_id: 'acme' })).json()) as { id: string };
    const bytes = Buffer.from(`a contract, ${Date.now()}`);
    const created = await send(a.url, 'POST', '/v1/documents', uploadForm({ name: 'contract.txt', bytes }, { customer_id: customer.id }));
    expect(created.status).toBe(201);
    const doc = (await created.json()) as { id: string; sha256: string };

    const got = await send(b.url, 'GET', `/v1/documents/${doc.id}/content`);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);

    const v2 = await send(b.url, 'POST', `/v1/documents/${doc.id}/versions`, uploadForm({ name: 'contract v2.txt', bytes: 'the signed contract' }));
    expect(v2.status).toBe(201);
    expect(await (await send(a.url, 'GET', `/v1/documents/${doc.id}/content`)).text()).toBe('the signed contract');
    expect(await (await send(a.url, 'GET', `/v1/documents/${doc.id}/versions/1/content`)).text()).toBe(bytes.toString());

    const photo = (await (await send(b.url, 'POST', '/v1/documents', uploadForm({ name: 'site.png', bytes: await makePng(1600, 900) }, { customer_id: customer.id }))).json()) as { id: string };
    const made = await send(b.url, 'GET', `/v1/documents/${photo.id}/preview`);
    expect(made.status).toBe(200);
    const cached = await send(a.url, 'GET', `/v1/documents/${photo.id}/preview`);
    expect([cached.status, cached.headers.get('etag')]).toEqual([200, made.headers.get('etag')]);

    // Nothing of the files stayed on either machine's disk (staging is emptied as it goes).
    for (const disk of disks) expect(filesUnder(disk).filter((f) => f.includes(`${join('blobs', '')}`))).toEqual([]);
    expect((await send(a.url, 'DELETE', `/v1/documents/${doc.id}`)).status).toBe(204);
    expect((await send(b.url, 'GET', `/v1/documents/${doc.id}/versions/1/content`)).status).toBe(404);
  }, 60_000);
  it('resumes through one instance an upload started through the other (tus: state in the database, parts in the bucket)', async () => {
    const customer = (await (await send(a.url, 'POST', '/v1/customers', { name: 'Globex', external_id: 'globex' })).json()) as { id: string };
    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => `line ${i}\n`).join(''));
    const tus = (base: string, method: string, path: string, headers: Record<string, string>, body?: Uint8Array) =>
      fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${key}`, 'tus-resumable': '1.0.0', ...headers }, ...(body ? { body: new Blob([body as BlobPart]) } : {}) });
    const meta = `filename ${Buffer.from('log.txt').toString('base64')},customer_id ${Buffer.from(customer.id).toString('base64')}`;
    const created = await tus(a.url, 'POST', '/v1/uploads', { 'upload-length': String(bytes.length), 'upload-metadata': meta });
    expect(created.status).toBe(201);
    const location = created.headers.get('location')!;
    const patch = (base: string, offset: number, part: Uint8Array) => tus(base, 'PATCH', location, { 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' }, part);
    expect((await patch(a.url, 0, bytes.subarray(0, 10_000))).status).toBe(204);
    const head = await tus(b.url, 'HEAD', location, {});
    expect(head.headers.get('upload-offset')).toBe('10000');
    const done = await patch(b.url, 10_000, bytes.subarray(10_000));
    expect(done.status).toBe(200);
    const doc = (await done.json()) as { id: string };
    expect(Buffer.from(await (await send(a.url, 'GET', `/v1/documents/${doc.id}/content`)).arrayBuffer()).equals(bytes)).toBe(true);
    for (const disk of disks) expect(filesUnder(disk).filter((f) => f.includes(`${join('blobs', '')}`))).toEqual([]);
  }, 60_000);
});
