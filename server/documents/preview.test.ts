import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { makePdf, makePng } from '../test/files.js';
import { storeCases, useStoreWorld } from '../test/stores.js';
import { download, upload } from '../test/uploads.js';
import { previewKey } from './preview.js';

describe.each(storeCases)('previews on $name', (testCase) => {
  const env = useStoreWorld(testCase);

  const preview = (auth: string, id: string, headers: Record<string, string> = {}) => download(env.t, auth, `/v1/documents/${id}/preview`, headers);

  it('makes a re-encoded WebP of an image, at most 1024 px, cached by content hash', async () => {
    const { t, w } = env;
    const png = await makePng(2000, 1000);
    const doc = await upload(t, w.staff, { name: 'banner.png', bytes: png }, { customer_id: w.customerA });
    const r = await preview(w.contactA, doc.body.id);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/webp');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    const meta = await sharp(r.bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 1024, 512]);
    expect(r.bytes.equals(png)).toBe(false);
    expect(await t.deps.blobs.exists(previewKey(doc.body.sha256))).toBe(true);
    const again = await preview(w.contactA, doc.body.id, { 'if-none-match': r.headers.get('etag')! });
    expect(again.status).toBe(304);
    // One audit row for the preview served, none for the revalidation.
    const rows = await t.deps.db.selectFrom('events').select(['visibility', 'actor_id']).where('subject_id', '=', doc.body.id).where('type', '=', 'document.previewed').execute();
    expect(rows).toEqual([{ visibility: 'internal', actor_id: w.contactAId }]);

    // The bytes and their preview go with the last document holding them.
    expect((await t.request('DELETE', `/v1/documents/${doc.body.id}`, { auth: w.staff })).status).toBe(204);
    expect(await t.deps.blobs.exists(previewKey(doc.body.sha256))).toBe(false);
  });

  it('renders the first page of a PDF', async () => {
    const { t, w } = env;
    const doc = await upload(t, w.contactA, { name: 'deck.pdf', bytes: makePdf(3) });
    expect(doc.body.content_type).toBe('application/pdf');
    const r = await preview(w.contactA, doc.body.id);
    expect(r.status).toBe(200);
    const meta = await sharp(r.bytes).metadata();
    expect(meta.format).toBe('webp');
    expect(Math.max(meta.width!, meta.height!)).toBe(1024);
  });

  it('answers 404 preview_unavailable for what it does not preview, SVG and HTML included', async () => {
    const { t, w } = env;
    const svg = await upload(t, w.staff, { name: 'logo.svg', bytes: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>' }, { customer_id: w.customerA });
    const html = await upload(t, w.staff, { name: 'page.html', bytes: '<!doctype html><script>alert(1)</script>' }, { customer_id: w.customerA });
    const text = await upload(t, w.staff, { name: 'notes.txt', bytes: 'plain notes' }, { customer_id: w.customerA });
    for (const doc of [svg, html, text]) {
      const r = await t.request('GET', `/v1/documents/${doc.body.id}/preview`, { auth: w.contactA });
      expect([doc.body.name, r.status, r.body.error.code]).toEqual([doc.body.name, 404, 'preview_unavailable']);
    }
  });

  it('refuses a corrupt image or PDF with a 422, and keeps nothing of the attempt', async () => {
    const { t, w } = env;
    const badPng = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(200, 7)]);
    const badPdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage\n%%EOF');
    for (const [name, bytes] of [['broken.png', badPng], ['broken.pdf', badPdf]] as const) {
      const doc = await upload(t, w.staff, { name, bytes }, { customer_id: w.customerA });
      const r = await t.request('GET', `/v1/documents/${doc.body.id}/preview`, { auth: w.contactA });
      expect([name, r.status, r.body.error.code]).toEqual([name, 422, 'preview_failed']);
      expect(await t.deps.blobs.exists(previewKey(doc.body.sha256))).toBe(false);
    }
  });

  it('shows a preview only to whoever may see the document', async () => {
    const { t, w } = env;
    const doc = await upload(t, w.staff, { name: 'internal.png', bytes: await makePng(10, 10) }, { customer_id: w.customerA, visibility: 'internal' });
    expect((await preview(w.contactA, doc.body.id)).status).toBe(404);
    expect((await preview(w.contactB, doc.body.id)).status).toBe(404);
    expect((await preview(w.staff, doc.body.id)).status).toBe(200);
  });
});
