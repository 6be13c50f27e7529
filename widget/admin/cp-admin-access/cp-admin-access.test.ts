import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountAdmin, scenario, textOf, type, until } from '../test/admin.js';

describe('cp-admin-access', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  const row = (el: HTMLElement, name: string) => until(() => deepAll(el, 'cp-admin-access >>> [part=contact-row]').find((r) => textOf(r).includes(name)), `the row of ${name}`);
  const button = (root: HTMLElement, label: string) => deepAll<HTMLButtonElement>(root, 'button').find((b) => b.textContent!.trim() === label)!;

  it("lists a customer's contacts with their access and when they were last seen", async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'access', customer: s.customerId });
    const ana = await row(el, 'Ana Silva');
    expect(textOf(ana)).to.contain(`${s.contact.externalId}@example.test`);
    expect(deep(ana, '.badge')!.textContent).to.equal('Active');
    expect(deepAll(el, 'cp-admin-access >>> [part=contact-row]')).to.have.length(2);
    await expect(deep(el, 'cp-admin-access')).to.be.accessible();
  });

  it('adds a contact and sends the invitation', async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'access', customer: s.customerId });
    await row(el, 'Ana Silva');
    type(deep<HTMLInputElement>(el, 'cp-admin-access >>> input[name=name]')!, 'Mia Wong');
    type(deep<HTMLInputElement>(el, 'cp-admin-access >>> input[name=email]')!, `mia-${s.tag}@example.test`);
    deep<HTMLButtonElement>(el, 'cp-admin-access >>> form button[type=submit]')!.click();
    const mia = await row(el, 'Mia Wong');
    expect(deep(mia, '.badge')!.textContent).to.equal('Invited');
    await until(() => textOf(el).includes(`Invitation sent to mia-${s.tag}@example.test`), 'the notice');
    const invited = await call('GET', `/v1/activity?customer_id=${s.customerId}&type=user.invited`);
    expect(invited.data.map((a: { summary: string }) => a.summary)).to.include('Invited “Mia Wong”');
  });

  it('deactivates a contact, whose access ends at once, and reactivates them', async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'access', customer: s.customerId });
    const luis = await row(el, 'Luis Moreno');
    button(luis, 'Deactivate').click();
    await until(() => deep(luis, '.badge')!.textContent === 'Deactivated', 'deactivated');
    const refused = await fetch('/__portal/api', { method: 'POST', body: JSON.stringify({ method: 'GET', path: '/v1/me', token: s.colleague.token }) }).then((r) => r.json());
    expect(refused.status).to.equal(401);
    button(luis, 'Reactivate').click();
    await until(() => deep(luis, '.badge')!.textContent !== 'Deactivated', 'back');
    const contacts = await call('GET', `/v1/customers/${s.customerId}/contacts`);
    expect(contacts.data.find((c: { id: string }) => c.id === s.colleague.userId).portal_access).to.not.equal('deactivated');
  });
});
