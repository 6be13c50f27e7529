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
});
