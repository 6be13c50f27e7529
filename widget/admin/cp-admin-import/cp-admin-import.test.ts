import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountAdmin, scenario, settle, textOf, type, until } from '../test/admin.js';

describe('cp-admin-import', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  const row = (el: HTMLElement, name: string) => until(() => deepAll(el, 'cp-admin-access >>> [part=contact-row]').find((r) => textOf(r).includes(name)), `the row of ${name}`);

  it('imports a CSV: a preview that writes nothing, then a report of every refused row and why', async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'access', customer: s.customerId });
    await row(el, 'Ana Silva');
    const csv = `name,email\nNoor Haddad,noor-${s.tag}@example.test\nAna Silva,${s.contact.externalId}@example.test\n,nobody-${s.tag}@example.test\nBad Mail,not-an-email\nNoor Again,noor-${s.tag}@example.test\n`;
    type(deep<HTMLTextAreaElement>(el, 'cp-admin-import >>> textarea')!, csv);
    await settle(el);
    deepAll<HTMLButtonElement>(el, 'cp-admin-import >>> button').find((b) => b.textContent!.trim() === 'Preview')!.click();
    const report = await until(() => deep(el, 'cp-admin-import >>> [part=import-report]'), 'the preview');
    expect(textOf(deep(el, 'cp-admin-import')!)).to.contain('Preview: 1 to add, 1 already a contact, 3 refused. Nothing is saved yet.');
    const outcomes = deepAll(report, 'tbody tr').map((r) => textOf(r));
    expect(outcomes).to.deep.equal([
      `2 Noor Haddad noor-${s.tag}@example.test Will be added`,
      `3 Ana Silva ${s.contact.externalId}@example.test Already a contact`,
      `4 nobody-${s.tag}@example.test Refused the name is missing`,
      '5 Bad Mail not-an-email Refused not a valid email address',
      `6 Noor Again noor-${s.tag}@example.test Refused the same email as line 2`,
    ]);
    expect((await call('GET', `/v1/customers/${s.customerId}/contacts`)).data.some((c: { name: string }) => c.name === 'Noor Haddad')).to.equal(false);

    const importButton = await until(() => deepAll<HTMLButtonElement>(el, 'cp-admin-import >>> button').find((b) => b.textContent!.includes('Import 1 contact')), 'the import button');
    importButton.click();
    await until(() => textOf(deep(el, 'cp-admin-import')!).includes('Imported: 1 added, 1 already a contact, 3 refused.'), 'the report');
    await row(el, 'Noor Haddad');
    await expect(deep(el, 'cp-admin-import')).to.be.accessible();
  });

  it('counts by the plural rules of the person\'s language', async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'access', customer: s.customerId, locale: 'fr' });
    const preview = await until(() => deepAll<HTMLButtonElement>(el, 'cp-admin-import >>> button').find((b) => b.textContent!.trim() === 'Aperçu'), 'the import in French');
    type(deep<HTMLTextAreaElement>(el, 'cp-admin-import >>> textarea')!, `name,email\nAna Silva,${s.contact.externalId}@example.test\n,a-${s.tag}@example.test\nBad,bad\n`);
    await settle(el);
    preview.click();
    await until(() => textOf(deep(el, 'cp-admin-import')!).includes('Aperçu : 0 à ajouter, 1 déjà contact, 2 refusés.'), 'the preview in French');
  });
});
