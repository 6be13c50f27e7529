import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountAdmin, scenario, settle, textOf, type, until } from '../test/admin.js';

describe('the admin library tab', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  it('publishes a file with a category and an audience, shows its downloads, and retires it', async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'library' });
    await until(() => deep(el, 'cp-library >>> [part=library-form]'), 'the publish form');
    await expect(deep(el, 'cp-library')).to.be.accessible();
    const name = `reseller-kit-${s.tag}.txt`;
    const file = new DataTransfer();
    file.items.add(new File(['kit'], name, { type: 'text/plain' }));
    const input = deep<HTMLInputElement>(el, 'cp-library >>> [part=library-form] input[type=file]')!;
    input.files = file.files;
    type(deep<HTMLInputElement>(el, 'cp-library >>> [part=library-form] input[name=category]')!, 'collateral');
    deep<HTMLSelectElement>(el, 'cp-library >>> [part=library-form] select')!.value = 'partner';
    deep<HTMLButtonElement>(el, 'cp-library >>> [part=library-form] button.primary')!.click();
    const row = () => deepAll(el, 'cp-library >>> [part=library-row]').find((r) => textOf(r).includes(name));
    await until(row, 'the published file');
    expect(textOf(row()!)).to.contain('Partners');
    expect(textOf(row()!)).to.contain('0 downloads');
    const listed = await call<{ data: { id: string; name: string; library_category: string; portal_type: string; visibility: string }[] }>('GET', '/v1/library?portal_type=partner&limit=200');
    expect(listed.data.find((d) => d.name === name)).to.include({ library_category: 'collateral', portal_type: 'partner', visibility: 'portal' });

    const retire = () => deep<HTMLButtonElement>(row()!, `button[aria-label="Retire ${name}"], button[aria-label="Confirm: retire ${name}"]`)!;
    retire().click();
    await settle(el);
    expect(retire().textContent!.trim()).to.equal('Confirm retire');
    retire().click();
    await until(() => !row(), 'the retirement');
    const after = await call<{ data: { name: string }[] }>('GET', '/v1/library?limit=200');
    expect(after.data.map((d) => d.name)).not.to.include(name);
  });

  it('publishes a large file with the resumable protocol, byte for byte', async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'library' });
    await until(() => deep(el, 'cp-library >>> [part=library-form]'), 'the publish form');
    const name = `training-video-${s.tag}.bin`;
    // 5 MiB: past the size from which uploads go in resumable parts (4 MiB).
    const bytes = new Uint8Array(5 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
    const file = new DataTransfer();
    file.items.add(new File([bytes], name, { type: 'application/octet-stream' }));
    deep<HTMLInputElement>(el, 'cp-library >>> [part=library-form] input[type=file]')!.files = file.files;
    type(deep<HTMLInputElement>(el, 'cp-library >>> [part=library-form] input[name=category]')!, 'training');
    deep<HTMLButtonElement>(el, 'cp-library >>> [part=library-form] button.primary')!.click();
    await until(() => deepAll(el, 'cp-library >>> [part=library-row]').some((r) => textOf(r).includes(name)), 'the published file', 20_000);
    const listed = await call<{ data: { name: string; size: number; sha256: string; library_category: string }[] }>('GET', '/v1/library?limit=200');
    const doc = listed.data.find((d) => d.name === name)!;
    const digest = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
    expect(doc).to.include({ size: bytes.length, sha256: digest, library_category: 'training' });
    const uploads = performance.getEntriesByType('resource').filter((e) => /\/v1\/uploads/.test(e.name));
    expect(uploads.length).to.be.greaterThan(0);
  });
});
