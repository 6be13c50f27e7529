import { expect } from '@open-wc/testing';
import { Secret, TOTP } from 'otpauth';
import { person, type Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountAdmin, scenario, select, settle, textOf, type, until } from '../test/admin.js';

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

  it('says in French that access is active (not a project being under way) and names the built-in sets in French', async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'access', customer: s.customerId, locale: 'fr' });
    const ana = await row(el, 'Ana Silva');
    await until(() => deep(ana, '.badge')!.textContent === 'Actif', 'the French badge');
    await until(() => textOf(deep(el, 'cp-admin-access')!).includes('Accès complet'), 'the built-in set in French');
    expect(textOf(deep(el, 'cp-admin-access')!)).to.not.contain('Full access');
  });

  it('adds a contact and sends the invitation', async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'access', customer: s.customerId });
    await row(el, 'Ana Silva');
    type(deep<HTMLInputElement>(el, 'cp-admin-access >>> input[name=name]')!, 'Mia Wong');
    type(deep<HTMLInputElement>(el, 'cp-admin-access >>> input[name=email]')!, `mia-${s.tag}@example.test`);
    deep<HTMLButtonElement>(el, 'cp-admin-access >>> form button[type=submit]')!.click();
    const mia = await row(el, 'Mia Wong');
    expect(deep(mia, '.badge')!.textContent).to.equal('Invited');
    // Just invited: the button offers to send it again, not to send it.
    await until(() => button(mia, 'Resend invitation'), 'Resend');
    await until(() => textOf(el).includes(`Invitation sent to mia-${s.tag}@example.test`), 'the notice');
    const invited = await call('GET', `/v1/activity?customer_id=${s.customerId}&type=user.invited`);
    expect(invited.data.map((a: { summary: string }) => a.summary)).to.include('Invited “Mia Wong”');
  });

  it('offers to send an invitation to someone never invited, and to resend it once sent', async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'access', customer: s.customerId });
    await row(el, 'Ana Silva');
    type(deep<HTMLInputElement>(el, 'cp-admin-access >>> input[name=name]')!, 'Noa Later');
    type(deep<HTMLInputElement>(el, 'cp-admin-access >>> input[name=email]')!, `noa-${s.tag}@example.test`);
    deep<HTMLInputElement>(el, 'cp-admin-access >>> input[name=invite]')!.click();
    deep<HTMLButtonElement>(el, 'cp-admin-access >>> form button[type=submit]')!.click();
    const noa = await row(el, 'Noa Later');
    expect(button(noa, 'Send invitation')).to.exist;
    expect(button(noa, 'Resend invitation')).to.equal(undefined);
    button(noa, 'Send invitation').click();
    await until(() => button(noa, 'Resend invitation'), 'Resend once sent');
    // After a reload too: the trail knows who was invited.
    const again = await mountAdmin({ token: s.staff.token, tab: 'access', customer: s.customerId });
    expect(button(await row(again, 'Noa Later'), 'Resend invitation')).to.exist;
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

  it("gives one contact their own set and overrides, which win over the account's", async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'access', customer: s.customerId });
    const luis = await row(el, 'Luis Moreno');
    button(luis, 'Permissions').click();
    const rules = await until(() => deep(el, 'cp-admin-access >>> [part=contact-rules] >>> [part=rules]'), 'the rules of Luis');
    const limited = (await call('GET', '/v1/permission-sets?portal_type=customer')).data.find((p: { name: string }) => p.name === 'Limited access');
    await select(rules, 'select:not([aria-label])', limited.id);
    const capability = (label: string) => deepAll<HTMLSelectElement>(rules, 'select').find((sel) => sel.getAttribute('aria-label') === label)!;
    // What the set gives is said on each line: Limited access uploads, creates nothing.
    expect(capability('Create tasks').selectedOptions[0]!.textContent!.trim()).to.equal('As the set (no)');
    await select(rules, 'select[aria-label="Create tasks"]', 'allow');
    await select(rules, 'select[aria-label="Upload documents"]', 'deny');
    await expect(deep(el, 'cp-admin-access >>> [part=contact-rules]')).to.be.accessible();
    deepAll<HTMLButtonElement>(rules, 'button').find((b) => b.textContent!.trim() === 'Save the permissions')!.click();
    await until(() => textOf(el).includes('The permissions of Luis Moreno are saved.'), 'the notice');
    // A fresh token: Luis was deactivated and reactivated above, and older tokens stay refused.
    const fresh = await call('POST', '/v1/embed-tokens', { user: { external_id: s.colleague.externalId, name: s.colleague.name, role: 'contact' }, customer: { external_id: s.customerExternalId } });
    const me = await call('GET', '/v1/me', undefined, fresh.token);
    expect(me.capabilities).to.include('tasks.create');
    expect(me.capabilities).to.not.include('documents.upload');
    expect(me.capabilities).to.not.include('tasks.edit');
    await call('PATCH', `/v1/users/${s.colleague.userId}`, { permission_set_id: null, capability_overrides: {} });
  });

  it("names the account's owner and team, and its allowed networks, refusing a malformed one with the reason", async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'access', customer: s.customerId });
    const team = await until(() => deep(el, 'cp-admin-access >>> [part=account-team]'), 'the account team');
    await select(team, 'select[name=owner]', s.staff.userId);
    deepAll<HTMLInputElement>(team, 'input[name=team]').find((c) => c.value === s.member.userId)!.click();
    deepAll<HTMLButtonElement>(team, 'button').find((b) => b.textContent!.trim() === 'Save the team')!.click();
    await until(async () => (await call('GET', `/v1/customers/${s.customerId}`)).owner_id === s.staff.userId, 'the owner');
    expect((await call('GET', `/v1/customers/${s.customerId}`)).team_ids).to.deep.equal([s.member.userId]);

    const networks = deep(el, 'cp-admin-access >>> [part=ip-allowlist]')!;
    type(deep<HTMLTextAreaElement>(networks, 'textarea')!, '203.0.113.0/24\n10.0.0.300/8');
    deepAll<HTMLButtonElement>(networks, 'button').find((b) => b.textContent!.trim() === 'Save the addresses')!.click();
    await until(() => deep(el, '[part=notices] .error'), 'the refusal');
    expect(textOf(deep(el, '[part=notices]')!)).to.contain('ip_allowlist.1');
    expect((await call('GET', `/v1/customers/${s.customerId}`)).ip_allowlist).to.deep.equal([]);
    await expect(deep(el, 'cp-admin-access >>> cp-admin-account')).to.be.accessible();
  });

  it("shows a member the account's access rules disabled, with the reason, and lets them name the team", async () => {
    const el = await mountAdmin({ token: s.member.token, tab: 'access', customer: s.customerId });
    const rules = await until(() => deep(el, 'cp-admin-access >>> [part=account-rules]'), 'the account rules');
    await settle(el);
    expect(textOf(rules)).to.contain('Only admins change access rules.');
    expect(deepAll<HTMLSelectElement>(rules, 'select').every((sel) => sel.disabled)).to.equal(true);
    expect(deep<HTMLTextAreaElement>(el, 'cp-admin-access >>> [part=ip-allowlist] textarea')!.disabled).to.equal(true);
    expect(deep<HTMLSelectElement>(el, 'cp-admin-access >>> [part=account-team] select')!.disabled).to.equal(false);
  });

  it("erases a contact's personal data after a second click, and offers admins only to export or erase", async () => {
    const lea = await call<{ id: string }>('POST', `/v1/customers/${s.customerId}/contacts`, { name: `Lea Erase ${s.tag}`, email: `lea-${s.tag}@example.test` });
    const el = await mountAdmin({ token: s.staff.token, tab: 'access', customer: s.customerId });
    const leaRow = await row(el, `Lea Erase ${s.tag}`);
    expect(button(leaRow, 'Export data')).to.exist;
    button(leaRow, 'Erase…').click();
    const confirm = await until(() => deep(el, 'cp-admin-access >>> [part=contact-erase]'), 'the confirmation');
    expect(textOf(confirm)).to.contain('This cannot be undone.');
    await expect(deep(el, 'cp-admin-access')).to.be.accessible();
    button(confirm, 'Keep them').click();
    await until(() => !deep(el, 'cp-admin-access >>> [part=contact-erase]'), 'the confirmation closed');
    button(leaRow, 'Erase…').click();
    button(await until(() => deep(el, 'cp-admin-access >>> [part=contact-erase]'), 'the confirmation'), 'Erase for good').click();
    await until(() => textOf(el).includes(`The personal data of Lea Erase ${s.tag} was erased.`), 'the notice');
    await until(() => !deepAll(el, 'cp-admin-access >>> [part=contact-row]').some((r) => textOf(r).includes(`Lea Erase ${s.tag}`)), 'the row renamed');
    const contacts = await call<{ data: { id: string; name: string; email: string | null }[] }>('GET', `/v1/customers/${s.customerId}/contacts`);
    expect(contacts.data.find((c) => c.id === lea.id)).to.include({ name: '[erased]', email: null });

    const member = await mountAdmin({ token: s.member.token, tab: 'access', customer: s.customerId });
    const ana = await row(member, 'Ana Silva');
    expect(button(ana, 'Export data')).to.equal(undefined);
    expect(button(ana, 'Erase…')).to.equal(undefined);
  });

  it('moves a contact to another customer', async () => {
    const other = await call<{ id: string; name: string }>('POST', '/v1/customers', { name: `Elsewhere ${s.tag}`, external_id: `elsewhere-${s.tag}` });
    const max = await call<{ id: string }>('POST', `/v1/customers/${s.customerId}/contacts`, { name: `Max Move ${s.tag}`, email: `max-${s.tag}@example.test` });
    const el = await mountAdmin({ token: s.staff.token, tab: 'access', customer: s.customerId });
    button(await row(el, `Max Move ${s.tag}`), 'Move…').click();
    const form = await until(() => deep(el, 'cp-admin-access >>> [part=contact-move]'), 'the move form');
    await until(() => deep<HTMLSelectElement>(form, 'select')!.options.length > 0, 'the customers');
    await select(form, 'select', other.id);
    await expect(deep(el, 'cp-admin-access')).to.be.accessible();
    button(form, 'Move').click();
    await until(() => textOf(el).includes(`Max Move ${s.tag} was moved to Elsewhere ${s.tag}`), 'the notice');
    await until(() => !deepAll(el, 'cp-admin-access >>> [part=contact-row]').some((r) => textOf(r).includes(`Max Move ${s.tag}`)), 'the row gone');
    const there = await call<{ data: { id: string }[] }>('GET', `/v1/customers/${other.id}/contacts`);
    expect(there.data.map((c) => c.id)).to.include(max.id);
  });

  it("resets a contact's lost authenticator after a confirmation; members are not offered it", async () => {
    const zoe = await person(call, `Zoe Lost ${s.tag}`, 'contact', `zoe-${s.tag}`, { external_id: s.customerExternalId });
    const started = await call<{ secret: string }>('POST', '/v1/me/mfa/totp', undefined, zoe.token);
    const code = new TOTP({ secret: Secret.fromBase32(started.secret) }).generate();
    await call('POST', '/v1/me/mfa/totp/confirm', { code }, zoe.token);
    const el = await mountAdmin({ token: s.staff.token, tab: 'access', customer: s.customerId });
    const zoeRow = await row(el, `Zoe Lost ${s.tag}`);
    button(zoeRow, 'Reset authenticator…').click();
    const confirm = await until(() => deep(el, 'cp-admin-access >>> [part=contact-mfa-reset]'), 'the confirmation');
    expect(textOf(confirm)).to.contain('lost their phone');
    await expect(deep(el, 'cp-admin-access')).to.be.accessible();
    button(confirm, 'Remove the authenticator').click();
    await until(() => textOf(el).includes(`The authenticator of Zoe Lost ${s.tag} was removed`), 'the notice');
    expect((await call<{ totp: string }>('GET', '/v1/me/mfa', undefined, zoe.token)).totp).to.equal('off');
    const member = await mountAdmin({ token: s.member.token, tab: 'access', customer: s.customerId });
    expect(button(await row(member, `Zoe Lost ${s.tag}`), 'Reset authenticator…')).to.equal(undefined);
  });

  it('approves an access request into the customer shown, and rejects another', async () => {
    await call('PATCH', '/v1/settings', { self_registration: 'approval' });
    try {
      // The test service's one tenant (server/test/real-server.ts names it).
      const slug = 'northwind-software';
      const requested = async (name: string) => {
        await call('POST', '/v1/auth/access-request', { tenant: slug, email: `${name.split(' ')[0]!.toLowerCase()}-${s.tag}@initech.test`, name: `${name} ${s.tag}`, company: 'Initech' });
        await until(async () => (await call<{ data: { name: string }[] }>('GET', '/v1/access-requests?status=pending')).data.some((r) => r.name === `${name} ${s.tag}`), `the request of ${name}`);
      };
      await requested('Rae Ask');
      await requested('Rex Reject');
      const el = await mountAdmin({ token: s.staff.token, tab: 'access', customer: s.customerId });
      const card = (name: string) => until(() => deepAll(el, 'cp-admin-access >>> cp-admin-access-requests >>> [part=access-request]').find((r) => textOf(r).includes(name)), `the request of ${name}`);
      const rae = await card(`Rae Ask ${s.tag}`);
      expect(deep<HTMLSelectElement>(rae, 'select')!.value).to.equal(s.customerId);
      await expect(deep(el, 'cp-admin-access >>> cp-admin-access-requests')).to.be.accessible();
      button(rae, 'Approve and invite').click();
      await until(() => textOf(el).includes(`Rae Ask ${s.tag} was added to`), 'the approval notice');
      await row(el, `Rae Ask ${s.tag}`);
      button(await card(`Rex Reject ${s.tag}`), 'Reject').click();
      await until(() => textOf(el).includes(`The request of Rex Reject ${s.tag} was rejected.`), 'the rejection notice');
      const all = await call<{ data: { name: string; status: string }[] }>('GET', '/v1/access-requests');
      expect(all.data.find((r) => r.name === `Rae Ask ${s.tag}`)!.status).to.equal('approved');
      expect(all.data.find((r) => r.name === `Rex Reject ${s.tag}`)!.status).to.equal('rejected');
    } finally {
      await call('PATCH', '/v1/settings', { self_registration: 'off' });
    }
  });
});
