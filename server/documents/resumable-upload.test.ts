import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, databases, startTestApp, type TestApp, type World } from '../test/harness.js';
import { startLocalS3, type LocalS3 } from '../test/s3-server.js';
import { download, storedFiles, upload } from '../test/uploads.js';
import { expireUploads } from './resumable-upload.js';

const LIMIT = 256 * 1024;
const b64 = (s: string) => Buffer.from(s).toString('base64');
const metadata = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([k, v]) => `${k} ${b64(v)}`)
    .join(',');
const digest = (algorithm: string, bytes: Uint8Array) => createHash(algorithm).update(bytes).digest('base64');

/** The tus requests a client sends, raw, so the protocol's every answer is seen. */
function tusClient(t: TestApp) {
  const send = async (auth: string, method: string, path: string, headers: Record<string, string> = {}, body?: Uint8Array) => {
    const res = await t.app.request(path, { method, headers: { authorization: `Bearer ${auth}`, 'tus-resumable': '1.0.0', ...headers }, ...(body ? { body: new Blob([body as BlobPart]) } : {}) });
    const text = method === 'HEAD' ? '' : await res.text();
    return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as any) : null };
  };
  return {
    create: (auth: string, length: number, fields: Record<string, string>) =>
      send(auth, 'POST', '/v1/uploads', { 'upload-length': String(length), 'upload-metadata': metadata(fields) }),
    head: (auth: string, location: string) => send(auth, 'HEAD', location),
    patch: (auth: string, location: string, offset: number, bytes: Uint8Array, headers: Record<string, string> = {}) =>
      send(auth, 'PATCH', location, { 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream', ...headers }, bytes),
    remove: (auth: string, location: string) => send(auth, 'DELETE', location),
  };
}

const stores = [{ store: 'the data directory' }, { store: 'an S3-compatible bucket' }];

describe.each(databases)('resumable uploads on $name', (database) => {
  describe.each(stores)('in $store', ({ store }) => {
    let t: TestApp;
    let w: World;
    let s3: LocalS3 | undefined;
    let tus: ReturnType<typeof tusClient>;

    beforeAll(async () => {
      s3 = store.startsWith('an S3') ? await startLocalS3() : undefined;
      t = await startTestApp(database, { uploadLimit: LIMIT, ...(s3 ? s3.config : {}) });
      w = await buildWorld(t);
      tus = tusClient(t);
    }, 30_000);
    afterAll(async () => {
      await t.close();
      await s3?.close();
    });

    /** Nothing of an upload is left: no row, no part, no staged file. */
    const nothingLeft = async () => {
      expect(await t.deps.db.selectFrom('upload_parts').selectAll().execute()).toEqual([]);
      expect(storedFiles(t).filter((f) => f.includes(join('blobs', 'tmp')))).toEqual([]);
    };

    it('creates a document from bytes sent in pieces, resumed after a HEAD, exactly as a multipart upload does', async () => {
      const bytes = randomBytes(100_000);
      const created = await tus.create(w.contactA, bytes.length, { filename: 'site survey.bin', filetype: 'application/octet-stream' });
      expect(created.status).toBe(201);
      const location = created.headers.get('location')!;
      expect(location).toMatch(/^\/v1\/uploads\/[0-9a-f]{32}$/);
      expect((await tus.patch(w.contactA, location, 0, bytes.subarray(0, 40_000))).headers.get('upload-offset')).toBe('40000');
      // A client that lost track asks where it stands, then goes on from there.
      const head = await tus.head(w.contactA, location);
      expect([head.status, head.headers.get('upload-offset'), head.headers.get('upload-length')]).toEqual([200, '40000', String(bytes.length)]);
      // A wrong offset is refused and changes nothing.
      const wrong = await tus.patch(w.contactA, location, 10, bytes.subarray(10, 20));
      expect([wrong.status, wrong.body.error.code]).toEqual([409, 'offset_conflict']);
      const done = await tus.patch(w.contactA, location, 40_000, bytes.subarray(40_000));
      expect(done.status).toBe(200);
      const doc = done.body;
      expect(doc).toMatchObject({ name: 'site survey.bin', customer_id: w.customerA, visibility: 'portal', size: bytes.length, version: 1 });
      expect(doc.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      const got = await download(t, w.contactA, `/v1/documents/${doc.id}/content`);
      expect(got.bytes.equals(bytes)).toBe(true);
      expect((await download(t, w.contactB, `/v1/documents/${doc.id}/content`)).status).toBe(404);
      // The event the multipart path appends.
      const events = await t.deps.db.selectFrom('events').select('type').where('subject_id', '=', doc.id).execute();
      expect(events.map((e) => e.type)).toContain('document.created');
      // Asked again (a client whose answer was lost), it is complete and makes nothing more.
      expect((await tus.head(w.contactA, location)).headers.get('upload-offset')).toBe(String(bytes.length));
      const again = await tus.patch(w.contactA, location, bytes.length, new Uint8Array());
      expect([again.status, again.body.id]).toEqual([200, doc.id]);
      await nothingLeft();
    });

    it('makes a new version of a document the caller may see, and refuses one it may not before a byte', async () => {
      const doc = (await upload(t, w.contactA, { name: 'plan.txt', bytes: 'v1' })).body;
      const v2 = Buffer.from('the second plan');
      const created = await tus.create(w.contactA, v2.length, { filename: 'plan v2.txt', document_id: doc.id });
      const done = await tus.patch(w.contactA, created.headers.get('location')!, 0, v2);
      expect([done.status, done.body.version]).toEqual([200, 2]);
      expect((await download(t, w.contactA, `/v1/documents/${doc.id}/content`)).bytes.toString()).toBe('the second plan');
      const unseen = await tus.create(w.contactB, 10, { filename: 'x.txt', document_id: doc.id });
      expect([unseen.status, unseen.body.error.code]).toEqual([404, 'not_found']);
      const internal = (await upload(t, w.staff, { name: 'internal.txt', bytes: 'team only' }, { customer_id: w.customerA, visibility: 'internal' })).body;
      expect((await tus.create(w.contactA, 10, { filename: 'x.txt', document_id: internal.id })).status).toBe(404);
      expect(await t.deps.db.selectFrom('uploads').select('id').where('document_id', '=', internal.id).execute()).toEqual([]);
    });

    it('checks the fields, the place and the size of a new document before any byte', async () => {
      const refused = [
        [await tus.create(w.contactA, 10, { filename: 'x.txt', visibility: 'internal' }), 403],
        [await tus.create(w.contactA, 10, { filename: 'x.txt', customer_id: w.customerB }), 404],
        [await tus.create(w.contactA, 10, { filename: 'x.txt', folder_id: 'fld_nope' }), 404],
        [await tus.create(w.contactA, 10, { filename: 'x.txt', colour: 'red' }), 400],
        [await tus.create(w.contactA, 10, { filetype: 'text/plain' }), 400],
        [await tus.create(w.contactA, 0, { filename: 'empty.txt' }), 400],
        [await tus.create(w.contactA, LIMIT + 1, { filename: 'big.bin' }), 413],
        [await tus.create(w.otherTenantKey, 10, { filename: 'x.txt', customer_id: w.customerA }), 404],
      ] as const;
      for (const [reply, status] of refused) {
        expect(reply.status).toBe(status);
        expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
        expect(typeof reply.body.error.code).toBe('string');
      }
      // A tus GET (a download of the upload) is not offered: uploads are read as documents.
      expect((await t.app.request('/v1/uploads/0123456789abcdef0123456789abcdef', { headers: { authorization: `Bearer ${w.contactA}` } })).status).toBe(404);
      const noTus = await t.app.request('/v1/uploads', { method: 'POST', headers: { authorization: `Bearer ${w.contactA}`, 'upload-length': '5' } });
      expect(noTus.status).toBe(412);
      expect((await t.app.request('/v1/uploads', { method: 'POST', headers: { 'tus-resumable': '1.0.0', 'upload-length': '5' } })).status).toBe(401);
      expect(await t.deps.db.selectFrom('uploads').select('id').where('name', 'in', ['x.txt', 'empty.txt', 'big.bin']).execute()).toEqual([]);
    });

    it('keeps an upload to its creator and refuses a wrong checksum without keeping its bytes', async () => {
      const bytes = Buffer.from('checked bytes, every one');
      const location = (await tus.create(w.contactA, bytes.length, { filename: 'checked.txt' })).headers.get('location')!;
      for (const other of [w.contactB, w.staff, w.otherTenantKey]) {
        expect((await tus.head(other, location)).status).toBe(404);
        expect((await tus.patch(other, location, 0, bytes)).status).toBe(404);
      }
      const bad = await tus.patch(w.contactA, location, 0, bytes, { 'upload-checksum': `sha256 ${digest('sha256', Buffer.from('other bytes'))}` });
      expect([bad.status, bad.body.error.code]).toEqual([460, 'checksum_mismatch']);
      expect((await tus.head(w.contactA, location)).headers.get('upload-offset')).toBe('0');
      expect((await tus.patch(w.contactA, location, 0, bytes, { 'upload-checksum': `md5 ${digest('md5', bytes)}` })).status).toBe(400);
      const good = await tus.patch(w.contactA, location, 0, bytes.subarray(0, 10), { 'upload-checksum': `sha1 ${digest('sha1', bytes.subarray(0, 10))}` });
      expect(good.headers.get('upload-offset')).toBe('10');
      const rest = await tus.patch(w.contactA, location, 10, bytes.subarray(10), { 'upload-checksum': `sha256 ${digest('sha256', bytes.subarray(10))}` });
      expect(rest.status).toBe(200);
      expect((await download(t, w.contactA, `/v1/documents/${rest.body.id}/content`)).bytes.equals(bytes)).toBe(true);
      await nothingLeft();
    });

    it('ends an upload on DELETE, and deletes abandoned ones with their bytes once they expire', async () => {
      const bytes = randomBytes(5000);
      const ended = (await tus.create(w.contactA, bytes.length, { filename: 'ended.bin' })).headers.get('location')!;
      await tus.patch(w.contactA, ended, 0, bytes.subarray(0, 2000));
      expect((await tus.remove(w.contactA, ended)).status).toBe(204);
      expect((await tus.head(w.contactA, ended)).status).toBe(404);
      const abandoned = (await tus.create(w.contactA, bytes.length, { filename: 'abandoned.bin' })).headers.get('location')!;
      await tus.patch(w.contactA, abandoned, 0, bytes.subarray(0, 3000));
      expect(await t.deps.db.selectFrom('upload_parts').selectAll().execute()).toHaveLength(1);
      await t.deps.db.updateTable('uploads').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute();
      expect((await tus.patch(w.contactA, abandoned, 3000, bytes.subarray(3000))).status).toBe(404);
      expect(await expireUploads(t.deps)).toBeGreaterThan(0);
      expect(await t.deps.db.selectFrom('uploads').selectAll().execute()).toEqual([]);
      await nothingLeft();
      // No document was made of either.
      const names = await t.deps.db.selectFrom('documents').select('name').where('name', 'in', ['ended.bin', 'abandoned.bin']).execute();
      expect(names).toEqual([]);
    });

    it('refuses at the end what the place no longer allows, and leaves nothing behind', async () => {
      const folder = (await t.request('POST', '/v1/folders', { auth: w.staff, body: { customer_id: w.customerA, name: 'Soon gone' } })).body;
      const bytes = Buffer.from('for a folder that goes');
      const location = (await tus.create(w.contactA, bytes.length, { filename: 'late.txt', folder_id: folder.id })).headers.get('location')!;
      expect((await t.request('DELETE', `/v1/folders/${folder.id}`, { auth: w.staff })).status).toBe(204);
      const end = await tus.patch(w.contactA, location, 0, bytes);
      expect([end.status, end.body.error.code]).toEqual([404, 'not_found']);
      expect((await tus.head(w.contactA, location)).status).toBe(404);
      await nothingLeft();
    });
  });
});
