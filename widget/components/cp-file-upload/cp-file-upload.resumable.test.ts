import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountPortal, preparePortal, proxied, proxyUrl, scenario, until, uploadAs } from '../../test/portal.js';

const arm = (after: number, stall = false) => fetch(`/__portal/cut?after=${after}${stall ? '&stall=1' : ''}`, { method: 'POST' });
const patchOffsets = async () => (await proxied()).filter((r) => r.method === 'PATCH').map((r) => r.offset);

const hex = async (file: File) => Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer())), (b) => b.toString(16).padStart(2, '0')).join('');

/** A file of random bytes (no two tests share one, so no upload resumes another's). */
function randomFile(name: string, size: number): File {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i += 65536) crypto.getRandomValues(bytes.subarray(i, Math.min(size, i + 65536)));
  return new File([bytes], name, { type: 'application/octet-stream' });
}

/** The documents view of a contact, talking to the service through the flaky proxy, every upload resumable. */
async function mountResumable(token: string) {
  const el = await preparePortal({ token, view: 'documents', 'api-base': await proxyUrl() });
  el.resumableUploadFrom = 0;
  return mountPortal(el);
}

const choose = (el: Element, file: File) => {
  const input = deep<HTMLInputElement>(el, '[part=dropzone] input[type=file]')!;
  const files = new DataTransfer();
  files.items.add(file);
  input.files = files.files;
  input.dispatchEvent(new Event('change'));
};

const uploaded = async (s: Scenario, name: string) => {
  const listed = await call('GET', `/v1/documents?customer_id=${s.customerId}`);
  return (listed.data as { name: string; sha256: string; size: number }[]).find((d) => d.name === name);
};

describe('cp-file-upload, resumable', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  it('resumes after the connection is cut midway, to a byte-identical document', async () => {
    const el = await mountResumable(s.contact.token);
    await until(() => deep(el, '[part=dropzone]'), 'the drop zone');
    const file = randomFile('survey-cut.bin', 700_000);
    const before = (await patchOffsets()).length;
    await arm(250_000);
    choose(el, file);
    await until(() => uploaded(s, 'survey-cut.bin'), 'the document', 20_000);
    const doc = (await uploaded(s, 'survey-cut.bin'))!;
    expect(doc.size).to.equal(file.size);
    expect(doc.sha256).to.equal(await hex(file));
    // The second PATCH went on from where the cut one stopped, not from the start.
    const offsets = (await patchOffsets()).slice(before);
    expect(offsets[0]).to.equal(0);
    expect(offsets.slice(1).some((o) => o > 0)).to.equal(true);
    await until(() => !deep(el, '[part=upload-progress]'), 'the progress bar to go');
  });

  it('pauses with an accessible progress bar, and resumes after the page is reloaded', async () => {
    let el = await mountResumable(s.contact.token);
    await until(() => deep(el, '[part=dropzone]'), 'the drop zone');
    const file = randomFile('survey-paused.bin', 800_000);
    const before = (await patchOffsets()).length;
    await arm(300_000, true);
    choose(el, file);
    const bar = await until(() => deep<HTMLProgressElement>(el, '[part=upload-progress]'), 'the progress bar');
    expect(bar.getAttribute('role') ?? 'progressbar').to.equal('progressbar');
    await until(() => Number(bar.getAttribute('aria-valuenow')) > 0, 'some progress');
    await expect(deep(el, 'cp-file-upload')).to.be.accessible();
    const button = (label: string) => deepAll<HTMLButtonElement>(el, 'cp-file-upload >>> button').find((b) => b.textContent!.trim() === label);
    button('Pause')!.click();
    await until(() => button('Resume'), 'the paused upload');
    // The page goes away with the upload paused, and comes back: the same file resumes.
    el.remove();
    el = await mountResumable(s.contact.token);
    await until(() => deep(el, '[part=dropzone]'), 'the drop zone again');
    choose(el, file);
    await until(() => uploaded(s, 'survey-paused.bin'), 'the document', 20_000);
    expect((await uploaded(s, 'survey-paused.bin'))!.sha256).to.equal(await hex(file));
    const offsets = (await patchOffsets()).slice(before);
    expect(offsets[0]).to.equal(0);
    expect(offsets.at(-1)).to.be.greaterThan(0);
  });

  it('cancels a resumable upload: nothing is made of it', async () => {
    const el = await mountResumable(s.contact.token);
    await until(() => deep(el, '[part=dropzone]'), 'the drop zone');
    await arm(100_000, true);
    choose(el, randomFile('survey-cancelled.bin', 500_000));
    await until(() => deep(el, '[part=upload-progress]'), 'the progress bar');
    deepAll<HTMLButtonElement>(el, 'cp-file-upload >>> button').find((b) => b.textContent!.trim() === 'Cancel')!.click();
    await until(() => !deep(el, '[part=upload-progress]'), 'cancelled');
    expect(await uploaded(s, 'survey-cancelled.bin')).to.equal(undefined);
  });

  it('sends a new version dropped on a document the same way, resumed after a cut', async () => {
    const doc = await uploadAs(s.staff.token, 'drawings.bin', 'first drawings', { customer_id: s.customerId });
    const el = await mountResumable(s.contact.token);
    const row = () => deepAll(el, '[part=document-row]').find((r) => r.querySelector('.main')?.textContent === 'drawings.bin');
    await until(row, 'the document');
    const file = randomFile('drawings v2.bin', 400_000);
    await arm(120_000);
    const dropped = new DataTransfer();
    dropped.items.add(file);
    row()!.dispatchEvent(new DragEvent('drop', { dataTransfer: dropped, bubbles: true, cancelable: true }));
    const current = async () => (await call('GET', `/v1/documents/${doc.id}`)) as { version: number; sha256: string };
    await until(async () => (await current()).version === 2, 'version 2', 20_000);
    expect((await current()).sha256).to.equal(await hex(file));
    expect((await proxied()).some((r) => r.method === 'POST' && r.path === '/v1/uploads')).to.equal(true);
  });
});
