import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { Scenario } from '../../test/scenario.js';
import { deep, mountPortal, preparePortal, proxied, proxyUrl, scenario, until, uploadAs } from '../../test/portal.js';

/** `size` bytes that read as an MP4 video (an `ftyp` box, then filler). */
function mp4(size: number): Uint8Array {
  const bytes = new Uint8Array(size).fill(7);
  bytes.set([0, 0, 0, 0x18, ...new TextEncoder().encode('ftypisom'), 0, 0, 2, 0, ...new TextEncoder().encode('isomiso2')]);
  return bytes;
}

describe('cp-document-preview, audio and video', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
    await uploadAs(s.contact.token, 'walkthrough.mp4', mp4(200_000));
  });

  it('plays a video in the pane, streamed from the content with a range request answered 206', async () => {
    const el = await mountPortal(await preparePortal({ token: s.contact.token, view: 'documents', 'api-base': await proxyUrl() }));
    const play = await until(() => deep<HTMLButtonElement>(el, 'cp-document-preview >>> button[part=thumbnail]'), 'the play button');
    expect(play.getAttribute('aria-label')).to.equal('Play walkthrough.mp4');
    await expect(deep(el, 'cp-document-preview')).to.be.accessible();
    // A media element in a tab behind another waits to load: this one is brought to the front.
    await executeServerCommand('front');
    play.click();
    const video = await until(() => deep<HTMLVideoElement>(el, 'cp-document-preview >>> video[part=player]'), 'the video element');
    expect(video.controls).to.equal(true);
    expect(video.src).to.match(/\/v1\/media\/[\w-]+\.[\w-]+\.[\w-]+$/);
    // The element fetched the bytes itself, by range (the filler does not decode: the request is what counts).
    const media = await until(async () => (await proxied()).find((r) => r.path.startsWith('/v1/media/') && r.status === 206), 'a 206 for the video', 15_000);
    expect(media.range).to.match(/^bytes=\d+-/);
    await expect(deep(el, 'cp-document-preview >>> dialog')).to.be.accessible();
    deep<HTMLButtonElement>(el, 'cp-document-preview >>> dialog button.primary')!.click();
    await until(() => !deep(el, 'cp-document-preview >>> video'), 'the player to go');
  });
});
