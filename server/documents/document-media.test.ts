import { describe, expect, it } from 'vitest';
import { makeMp4Head, makeWav } from '../test/files.js';
import { storeCases, useStoreWorld } from '../test/stores.js';
import { download, upload, uploadForm } from '../test/uploads.js';

describe.each(storeCases)('audio and video playback on $name', (store) => {
  const env = useStoreWorld(store);

  const address = async (auth: string, id: string) => env.t.request('POST', `/v1/documents/${id}/media`, { auth });

  it('gives who may read an audio or video document an address a media element streams with ranges, without a token', async () => {
    const { t, w } = env;
    const video = (await upload(t, w.contactA, { name: 'demo.mp4', bytes: makeMp4Head(300_000) })).body;
    expect(video.content_type).toBe('video/mp4');
    const made = await address(w.contactA, video.id);
    expect(made.status).toBe(200);
    expect(made.body.url).toMatch(/^\/v1\/media\/[\w-]+\.[\w-]+\.[\w-]+$/);
    const whole = await download(t, null, made.body.url);
    expect([whole.status, whole.headers.get('accept-ranges'), whole.headers.get('content-type')]).toEqual([200, 'bytes', 'video/mp4']);
    expect(whole.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(whole.headers.get('content-security-policy')).toMatch(/^sandbox/);
    // What a <video> asks first, then a seek into the middle.
    const first = await download(t, null, made.body.url, { range: 'bytes=0-' });
    expect([first.status, first.headers.get('content-range'), first.bytes.length]).toEqual([206, 'bytes 0-299999/300000', 300_000]);
    const seek = await download(t, null, made.body.url, { range: 'bytes=150000-150099' });
    expect([seek.status, seek.headers.get('content-range')]).toEqual([206, 'bytes 150000-150099/300000']);
    expect(seek.bytes.equals(makeMp4Head(300_000).subarray(150_000, 150_100))).toBe(true);
    expect((await download(t, null, made.body.url, { range: 'bytes=400000-' })).status).toBe(416);

    const audio = (await upload(t, w.staff, { name: 'call.wav', bytes: makeWav(1) }, { customer_id: w.customerA })).body;
    expect(audio.content_type).toBe('audio/wav');
    expect((await download(t, null, (await address(w.contactA, audio.id)).body.url, { range: 'bytes=0-99' })).status).toBe(206);
  });

  it('refuses what could run script, what the caller may not see, and an address forged, reused as a token, or outlived by a new version', async () => {
    const { t, w } = env;
    const page = (await upload(t, w.contactA, { name: 'page.html', bytes: '<script>alert(1)</script>', type: 'text/html' })).body;
    const svg = (await upload(t, w.contactA, { name: 'a.svg', bytes: '<svg xmlns="http://www.w3.org/2000/svg"/>', type: 'image/svg+xml' })).body;
    for (const doc of [page, svg]) expect([(await address(w.contactA, doc.id)).status, (await address(w.contactA, doc.id)).body.error.code]).toEqual([415, 'not_playable']);
    const video = (await upload(t, w.contactA, { name: 'clip.mp4', bytes: makeMp4Head(5000) })).body;
    expect((await address(w.contactB, video.id)).status).toBe(404);
    expect((await address(w.otherTenantKey, video.id)).status).toBe(404);
    const internal = (await upload(t, w.staff, { name: 'internal.mp4', bytes: makeMp4Head(4000) }, { customer_id: w.customerA, visibility: 'internal' })).body;
    expect((await address(w.contactA, internal.id)).status).toBe(404);

    const { url } = (await address(w.contactA, video.id)).body as { url: string };
    const token = url.split('/').pop()!;
    const forged = `${token.slice(0, -4)}${token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    expect((await download(t, null, `/v1/media/${forged}`)).status).toBe(404);
    expect((await download(t, null, `/v1/media/${w.contactA}`)).status).toBe(404);
    // A media address is no credential anywhere else.
    expect((await t.request('GET', '/v1/me', { auth: token })).status).toBe(401);
    // A new version: the old address no longer plays; a deleted document neither.
    await t.request('POST', `/v1/documents/${video.id}/versions`, { auth: w.contactA, body: uploadForm({ name: 'clip v2.mp4', bytes: makeMp4Head(6000) }) });
    expect((await download(t, null, url)).status).toBe(404);
    const fresh = (await address(w.contactA, video.id)).body.url as string;
    expect((await download(t, null, fresh)).status).toBe(200);
    expect((await t.request('DELETE', `/v1/documents/${video.id}`, { auth: w.contactA })).status).toBe(204);
    expect((await download(t, null, fresh)).status).toBe(404);
  });
});
