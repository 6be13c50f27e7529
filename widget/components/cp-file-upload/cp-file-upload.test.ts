import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountPortal, scenario, textOf, until } from '../../test/portal.js';

describe('cp-file-upload', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  const choose = (el: Element, file: File) => {
    const input = deep<HTMLInputElement>(el, '[part=task-detail] >>> [part=dropzone] input[type=file]')!;
    const files = new DataTransfer();
    files.items.add(file);
    input.files = files.files;
    input.dispatchEvent(new Event('change'));
  };

  it('attaches a file to the task with a progress bar', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'tasks', task: s.tasks.sso });
    await until(() => deep(el, '[part=task-detail] >>> [part=dropzone]'), 'the drop zone');
    await expect(deep(el, 'cp-file-upload')).to.be.accessible();
    choose(el, new File([new Uint8Array(3 * 1024 * 1024)], 'metadata.xml.txt'));
    await until(() => deep(el, '[part=upload-progress]'), 'the progress bar');
    await until(() => deepAll(el, '[part=task-detail] >>> [part=document-row]').some((r) => textOf(r).includes('metadata.xml.txt')), 'the attachment');
    // The list may show the document (from the live stream) a moment before the upload's own answer.
    await until(() => !deep(el, '[part=upload-progress]'), 'the progress bar to go');
    const documents = await call('GET', `/v1/documents?task_id=${s.tasks.sso}`, undefined, s.contact.token);
    expect(documents.data.map((d: { name: string }) => d.name)).to.include('metadata.xml.txt');
  });

  it('cancels an upload', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'tasks', task: s.tasks.dpa });
    await until(() => deep(el, '[part=task-detail] >>> [part=dropzone]'), 'the drop zone');
    choose(el, new File([new Uint8Array(20 * 1024 * 1024)], 'huge.bin'));
    await until(() => deep(el, '[part=upload-progress]'), 'the progress bar');
    deepAll<HTMLButtonElement>(el, 'cp-file-upload >>> button').find((b) => b.textContent!.trim() === 'Cancel')!.click();
    await until(() => !deep(el, '[part=upload-progress]'), 'cancelled');
    const documents = await call('GET', `/v1/documents?task_id=${s.tasks.dpa}`, undefined, s.contact.token);
    expect(documents.data.map((d: { name: string }) => d.name)).not.to.include('huge.bin');
  });
});
