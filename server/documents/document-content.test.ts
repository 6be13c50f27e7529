import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { databases, type TestApp, type World } from '../test/harness.js';
import { useWorld } from '../test/suite.js';
import { PNG_1PX, download, storedFiles, upload, uploadForm } from '../test/uploads.js';

const LIMIT = 64 * 1024;
const sha256 = (bytes: string | Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.each(databases)('document bytes on $name', (database) => {
  const env = useWorld(database, { uploadLimit: LIMIT });

  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    ({ t, w } = env);
  });

  it('serves the exact bytes as an attachment, with its hash as ETag', async () => {
    const text = 'Välkommen — 歓迎\n';
    const doc = (await upload(t, w.contactA, { name: 'Résumé 100%; final.txt', bytes: text })).body;
    const r = await download(t, w.contactA, `/v1/documents/${doc.id}/content`);
    expect(r.status).toBe(200);
    expect(r.bytes.toString('utf8')).toBe(text);
    expect(doc.sha256).toBe(sha256(text));
    expect(r.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(r.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(r.headers.get('etag')).toBe(`"${doc.sha256}"`);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toMatch(/^sandbox\b/);
    expect(r.headers.get('content-disposition')).toBe(
      `attachment; filename="Resume 100_; final.txt"; filename*=UTF-8''R%C3%A9sum%C3%A9%20100%25%3B%20final.txt`,
    );
    const cached = await download(t, w.contactA, `/v1/documents/${doc.id}/content`, { 'if-none-match': `"${doc.sha256}"` });
    expect(cached.status).toBe(304);
    expect(cached.bytes.length).toBe(0);
    expect((await download(t, w.contactB, `/v1/documents/${doc.id}/content`)).status).toBe(404);
    expect((await download(t, w.otherTenantKey, `/v1/documents/${doc.id}/content`)).status).toBe(404);
    expect((await download(t, w.deactivated, `/v1/documents/${doc.id}/content`)).status).toBe(401);
    expect((await download(t, null, `/v1/documents/${doc.id}/content`)).status).toBe(401);
    expect((await download(t, w.staff, `/v1/documents/${doc.id}/content`)).status).toBe(200);
  });

  it('serves HTML and SVG as inert bytes, whatever they are called or claim to be', async () => {
    const name = "<img src=x onerror=alert('x')>.html";
    const html = await upload(t, w.contactA, { name, bytes: '<!doctype html><script>alert(document.cookie)</script>', type: 'text/html' });
    const svg = await upload(t, w.contactA, { name: 'logo.svg', bytes: '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', type: 'image/svg+xml' });
    expect(html.status).toBe(201);
    expect(html.body.name).toBe(name);
    expect(html.body.content_type).toBe('text/plain');
    expect(svg.body.content_type).toBe('application/xml');
    for (const doc of [html.body, svg.body]) {
      const r = await download(t, w.contactA, `/v1/documents/${doc.id}/content`);
      expect(r.headers.get('content-type')).not.toMatch(/html|svg|xml/);
      expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%._~-]*$/);
      expect(r.headers.get('content-security-policy')).toMatch(/^sandbox\b/);
    }
    const disposition = (await download(t, w.contactA, `/v1/documents/${html.body.id}/content`)).headers.get('content-disposition')!;
    expect(disposition).toBe(`attachment; filename="<img src=x onerror=alert('x')>.html"; filename*=UTF-8''%3Cimg%20src%3Dx%20onerror%3Dalert%28%27x%27%29%3E.html`);
  });

  it('records the sniffed type, not the declared one', async () => {
    const cases: [string, string | Uint8Array, string, string][] = [
      ['photo.txt', PNG_1PX, 'text/plain', 'image/png'],
      ['report.pdf', '%PDF-1.4\n%âãÏÓ\n1 0 obj\n', 'application/pdf', 'application/pdf'],
      ['numbers.csv', 'a,b\n1,2\n', 'application/vnd.ms-excel', 'text/csv'],
      ['fake.png', 'just words', 'image/png', 'text/plain'],
      ['blob.bin', new Uint8Array([0, 159, 146, 150, 0, 1, 2, 3]), 'text/plain', 'application/octet-stream'],
      ['latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9]), 'text/plain', 'application/octet-stream'],
    ];
    for (const [name, bytes, declared, expected] of cases) {
      const r = await upload(t, w.staff, { name, bytes, type: declared }, { customer_id: w.customerA });
      expect([name, r.status, r.body.content_type]).toEqual([name, 201, expected]);
    }
  });

  it('answers 413 for a file over the limit and leaves nothing behind', async () => {
    const before = storedFiles(t);
    const count = async () => (await t.request('GET', '/v1/documents?limit=200', { auth: w.key })).body.data.length;
    const documents = await count();

    const justOver = await upload(t, w.staff, { name: 'big.bin', bytes: new Uint8Array(LIMIT + 1) }, { customer_id: w.customerA });
    expect(justOver.status).toBe(413);
    expect(justOver.body.error.code).toBe('payload_too_large');
    const huge = await upload(t, w.staff, { name: 'huge.bin', bytes: new Uint8Array(LIMIT + 2 * 1024 * 1024) }, { customer_id: w.customerA });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
    const declared = await t.request('POST', '/v1/documents', {
      auth: w.staff,
      body: 'x',
      headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(LIMIT + 2 * 1024 * 1024) },
    });
    expect(declared.status).toBe(413);
    const refused = await upload(t, w.contactA, { name: 'x.txt', bytes: 'refused' }, { visibility: 'internal' });
    expect(refused.status).toBe(403);

    expect(storedFiles(t)).toEqual(before);
    expect(await count()).toBe(documents);
    const exact = await upload(t, w.staff, { name: 'exact.bin', bytes: new Uint8Array(LIMIT).fill(7) }, { customer_id: w.customerA });
    expect(exact.status).toBe(201);
  });

  it('survives an upload cut off midway (the browser cancelled it) and keeps nothing of it', async () => {
    const before = storedFiles(t);
    const head = `--cut\r\ncontent-disposition: form-data; name="customer_id"\r\n\r\n${w.customerA}\r\n--cut\r\ncontent-disposition: form-data; name="file"; filename="half.bin"\r\ncontent-type: application/octet-stream\r\n\r\n`;
    for (let round = 0; round < 5; round++) {
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ === 0) controller.enqueue(new TextEncoder().encode(head + 'x'.repeat(1024)));
          else controller.error(new Error('connection reset by the browser'));
        },
      });
      const res = await t.app.request('/v1/documents', {
        method: 'POST',
        headers: { authorization: `Bearer ${w.staff}`, 'content-type': 'multipart/form-data; boundary=cut' },
        body,
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(400);
    }
    expect(storedFiles(t)).toEqual(before);
    const after = await upload(t, w.staff, { name: 'whole.txt', bytes: 'whole' }, { customer_id: w.customerA });
    expect(after.status).toBe(201);
  });

  it('replays an upload sent again with the same Idempotency-Key', async () => {
    const file = { name: 'signed.pdf', bytes: '%PDF-1.4 signed\n' };
    const headers = { 'idempotency-key': 'upload-1' };
    const first = await upload(t, w.contactA, file, {}, headers);
    const again = await upload(t, w.contactA, file, {}, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const named = await t.request('GET', '/v1/documents?q=signed', { auth: w.contactA });
    expect(named.body.data).toHaveLength(1);
    const otherBytes = await upload(t, w.contactA, { ...file, bytes: '%PDF-1.4 changed\n' }, {}, headers);
    expect(otherBytes.status).toBe(422);
    const otherField = await t.request('POST', '/v1/documents', { auth: w.contactA, body: uploadForm(file, { visibility: 'portal' }), headers });
    expect(otherField.status).toBe(422);
  });

  it('keeps shared bytes until the last document holding them is deleted', async () => {
    const bytes = 'the same contract\n';
    const a = (await upload(t, w.staff, { name: 'contract-a.txt', bytes }, { customer_id: w.customerA })).body;
    const b = (await upload(t, w.staff, { name: 'contract-b.txt', bytes }, { customer_id: w.customerB })).body;
    expect(a.sha256).toBe(b.sha256);
    const holding = () => storedFiles(t).filter((f) => f.endsWith(a.sha256));
    expect(holding()).toHaveLength(1);
    expect((await t.request('DELETE', `/v1/documents/${a.id}`, { auth: w.staff })).status).toBe(204);
    const stillThere = await download(t, w.staff, `/v1/documents/${b.id}/content`);
    expect(stillThere.bytes.toString()).toBe(bytes);
    expect((await t.request('DELETE', `/v1/documents/${b.id}`, { auth: w.key })).status).toBe(204);
    expect(holding()).toEqual([]);
  });
});
