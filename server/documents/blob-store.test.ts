import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { storeCases, useStoreWorld } from '../test/stores.js';
import { download, storedFiles, upload, uploadForm } from '../test/uploads.js';

describe.each(storeCases)('document bytes and versions on $name', (testCase) => {
  const env = useStoreWorld(testCase);
  const { store } = testCase;

  const refs = async (sha256: string) => (await env.t.deps.db.selectFrom('blobs').select('refs').where('sha256', '=', sha256).executeTakeFirst())?.refs;
  const newVersion = (auth: string, id: string, bytes: string | Uint8Array, name = 'proposal.txt', fields: Record<string, string> = {}) =>
    env.t.request('POST', `/v1/documents/${id}/versions`, { auth, body: uploadForm({ name, bytes }, fields) });

  it('stores the same bytes once and frees them with their last reference', async () => {
    const { t, w } = env;
    const bytes = randomBytes(300_000);
    const a = await upload(t, w.staff, { name: 'a.bin', bytes }, { customer_id: w.customerA });
    const b = await upload(t, w.contactB, { name: 'b.bin', bytes });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.sha256).toBe(b.body.sha256);
    expect(await refs(a.body.sha256)).toBe(2);
    expect(await t.deps.blobs.exists(a.body.sha256)).toBe(true);
    // In a bucket, the data directory holds nothing but (empty) staging.
    if (store === 's3') expect(storedFiles(t)).toEqual([]);
    const got = await download(t, w.contactB, `/v1/documents/${b.body.id}/content`);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(bytes)).toBe(true);

    expect((await t.request('DELETE', `/v1/documents/${a.body.id}`, { auth: w.staff })).status).toBe(204);
    expect(await t.deps.blobs.exists(a.body.sha256)).toBe(true);
    expect(await refs(a.body.sha256)).toBe(1);
    expect((await t.request('DELETE', `/v1/documents/${b.body.id}`, { auth: w.contactB })).status).toBe(204);
    expect(await t.deps.blobs.exists(a.body.sha256)).toBe(false);
    expect(await refs(a.body.sha256)).toBeUndefined();
    expect(storedFiles(t).filter((f) => f.includes('/tmp/'))).toEqual([]);
  });

  it('keeps every version, each downloadable, with who uploaded it', async () => {
    const { t, w } = env;
    const doc = await upload(t, w.staff, { name: 'Proposal.txt', bytes: 'version one' }, { customer_id: w.customerA });
    expect(doc.body.version).toBe(1);
    const second = await newVersion(w.contactA, doc.body.id, 'version two, from the client');
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ id: doc.body.id, version: 2, name: 'Proposal.txt', size: 28 });
    const third = await newVersion(w.staff, doc.body.id, 'version three', 'Proposal v3.txt');
    expect(third.body.version).toBe(3);

    const list = await t.request('GET', `/v1/documents/${doc.body.id}/versions`, { auth: w.contactA });
    expect(list.status).toBe(200);
    expect(list.body.data.map((v: { number: number }) => v.number)).toEqual([3, 2, 1]);
    expect(list.body.data[0]).toMatchObject({ name: 'Proposal v3.txt', size: 13, uploader: { name: 'Sam Staff' } });
    expect(list.body.data[1]).toMatchObject({ uploaded_by: w.contactAId, uploader: { id: w.contactAId, name: 'Ana Silva' } });
    expect(list.body.next_cursor).toBeNull();

    const v1 = await download(t, w.contactA, `/v1/documents/${doc.body.id}/versions/1/content`);
    expect(v1.bytes.toString()).toBe('version one');
    const downloaded = await t.deps.db.selectFrom('events').select('data').where('subject_id', '=', doc.body.id).where('type', '=', 'document.downloaded').execute();
    expect(downloaded.map((e) => JSON.parse(e.data).version)).toEqual([1]);
    expect(v1.headers.get('content-disposition')).toContain('Proposal.txt');
    const current = await download(t, w.contactA, `/v1/documents/${doc.body.id}/content`);
    expect(current.bytes.toString()).toBe('version three');
    expect((await download(t, w.contactA, `/v1/documents/${doc.body.id}/versions/4/content`)).status).toBe(404);
    expect((await download(t, w.contactA, `/v1/documents/${doc.body.id}/versions/zero/content`)).status).toBe(400);
    expect((await t.request('GET', `/v1/documents/${doc.body.id}`, { auth: w.contactA })).body.version).toBe(3);

    const events = await t.deps.db.selectFrom('events').select(['type', 'visibility']).where('subject_id', '=', doc.body.id).where('type', '!=', 'document.downloaded').orderBy('id').execute();
    expect(events.map((e) => e.type)).toEqual(['document.created', 'document.version_created', 'document.version_created']);
    expect(events.every((e) => e.visibility === 'portal')).toBe(true);

    // Deleting the document frees every version's bytes.
    const hashes = list.body.data.map((v: { sha256: string }) => v.sha256);
    expect((await t.request('DELETE', `/v1/documents/${doc.body.id}`, { auth: w.staff })).status).toBe(204);
    for (const sha256 of hashes) expect(await t.deps.blobs.exists(sha256)).toBe(false);
  });

  it('refuses a version the caller may not upload, and keeps nothing of it', async () => {
    const { t, w } = env;
    const internal = await upload(t, w.staff, { name: 'pricing.txt', bytes: 'internal pricing' }, { customer_id: w.customerA, visibility: 'internal' });
    const other = await upload(t, w.staff, { name: 'globex.txt', bytes: 'globex file' }, { customer_id: w.customerB });
    const before = storedFiles(t).length;
    expect((await newVersion(w.contactA, internal.body.id, 'sneaky bytes 1')).status).toBe(404);
    expect((await newVersion(w.contactA, other.body.id, 'sneaky bytes 2')).status).toBe(404);
    expect((await newVersion(w.otherTenantKey, other.body.id, 'sneaky bytes 3')).status).toBe(404);
    expect((await newVersion(w.staff, other.body.id, 'with a field', 'x.txt', { visibility: 'internal' })).status).toBe(400);
    expect((await newVersion(w.staff, other.body.id, '')).status).toBe(400);
    // Refused once its bytes were read (another customer's folder, a hidden one): nothing stays in the store.
    const hiddenFolder = await t.request('POST', '/v1/folders', { auth: w.staff, body: { customer_id: w.customerA, name: 'Hidden', visibility: 'internal' } });
    const sneaky = `sneaky upload ${Date.now()}`;
    expect((await upload(t, w.contactA, { name: 's.txt', bytes: sneaky }, { folder_id: hiddenFolder.body.id })).status).toBe(404);
    expect((await upload(t, w.contactA, { name: 's.txt', bytes: sneaky }, { customer_id: w.customerB })).status).toBe(404);
    expect(await t.deps.blobs.exists(createHash('sha256').update(sneaky).digest('hex'))).toBe(false);
    expect(storedFiles(t).length).toBe(before);
    const versions = await t.request('GET', `/v1/documents/${other.body.id}/versions`, { auth: w.staff });
    expect(versions.body.data).toHaveLength(1);
    expect((await t.request('GET', `/v1/documents/${internal.body.id}/versions`, { auth: w.contactA })).status).toBe(404);
  });

  it('answers byte ranges, so audio and video seek', async () => {
    const { t, w } = env;
    const bytes = Buffer.from('0123456789abcdefghij');
    const doc = await upload(t, w.staff, { name: 'clip.bin', bytes }, { customer_id: w.customerA });
    const path = `/v1/documents/${doc.body.id}/content`;
    const whole = await download(t, w.contactA, path);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    const part = await download(t, w.contactA, path, { range: 'bytes=2-5' });
    expect(part.status).toBe(206);
    expect(part.bytes.toString()).toBe('2345');
    expect(part.headers.get('content-range')).toBe('bytes 2-5/20');
    expect(part.headers.get('content-length')).toBe('4');
    expect((await download(t, w.contactA, path, { range: 'bytes=-3' })).bytes.toString()).toBe('hij');
    expect((await download(t, w.contactA, path, { range: 'bytes=15-' })).bytes.toString()).toBe('fghij');
    expect((await download(t, w.contactA, path, { range: 'bytes=10-999' })).bytes.toString()).toBe('abcdefghij');
    const beyond = await download(t, w.contactA, path, { range: 'bytes=20-' });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */20');
    expect((await download(t, w.contactA, path, { range: 'bytes=0-1', 'if-range': '"stale"' })).status).toBe(200);
    expect((await download(t, w.contactA, path, { range: 'bytes=0-1,4-5' })).status).toBe(200);
  });
});
