import { expect } from '@open-wc/testing';
import { seedPartner } from '../../test/commercial-scenario.js';
import type { Scenario } from '../../test/scenario.js';
import { writeInto } from '../../test/portal.js';
import { call, deep, deepAll, mountAdmin, scenario, textOf, until } from '../test/admin.js';

describe('cp-admin-partners', () => {
  let s: Scenario;
  let registration: string;
  let partnerToken: string;
  const tag = Math.random().toString(36).slice(2, 8);
  before(async () => {
    s = await scenario();
    const p = await seedPartner(call, tag);
    const r = await call('POST', '/v1/deal-registrations', { prospect: { company: `Contoso ${tag}`, contact_name: 'Cy', email: `cy@contoso-${tag}.test` }, estimated_value: 2_000_000, currency: 'EUR', description: 'Two hundred seats' }, p.rep.token);
    registration = r.id;
    partnerToken = p.rep.token;
  });

  it('decides a registration from the queue, then records it won, and the commission can be marked paid', async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'partners' });
    const view = await until(() => deep(el, 'cp-admin-partners'), 'the view');
    const row = await until(() => deepAll(view, '[part=queue-row]').find((r) => textOf(r).includes(`Contoso ${tag}`)), 'the registration');
    await expect(view).to.be.accessible();
    deep<HTMLButtonElement>(row, 'button.primary')!.click();
    const form = await until(() => deep<HTMLFormElement>(view, `form[aria-label="Decide on Contoso ${tag}"]`), 'the decision form');
    deep<HTMLInputElement>(form, '[name=reason]')!.value = 'Registered first';
    deep<HTMLButtonElement>(form, 'button[value=approved]')!.click();
    await until(async () => (await call('GET', `/v1/deal-registrations/${registration}`)).status === 'approved', 'the approval');
    deep<HTMLSelectElement>(view, 'select')!.value = '';
    deep<HTMLSelectElement>(view, 'select')!.dispatchEvent(new Event('change'));
    const approved = await until(() => deep<HTMLFormElement>(view, `form[aria-label="Outcome of Contoso ${tag}"]`), 'the outcome form');
    deep<HTMLButtonElement>(approved, 'button[type=submit]')!.click();
    await until(async () => (await call('GET', `/v1/deal-registrations/${registration}`)).status === 'won', 'the win');
    const paid = await until(() => deepAll(view, '[part=commission-row]').find((r) => textOf(r).includes(`Contoso ${tag}`)), 'the commission');
    expect(textOf(paid)).to.contain('€2,000.00');
    deep<HTMLButtonElement>(paid, 'button')!.click();
    await until(async () => (await call('GET', `/v1/commissions?status=paid`)).data.some((c: { registration_id: string }) => c.registration_id === registration), 'paid');
  });

  it("opens a registration's co-selling workspace, where the team's internal notes sit beside the partner's", async () => {
    const { thread } = await call('GET', `/v1/deal-registrations/${registration}/workspace`);
    await call('POST', `/v1/threads/${thread.id}/messages`, { body: `Partner note ${tag}` }, partnerToken);
    const el = await mountAdmin({ token: s.staff.token, tab: 'partners' });
    const view = await until(() => deep(el, 'cp-admin-partners'), 'the view');
    const filter = await until(() => deep<HTMLSelectElement>(view, 'select'), 'the filter');
    filter.value = '';
    filter.dispatchEvent(new Event('change'));
    const row = await until(() => deepAll(view, '[part=queue-row]').find((r) => textOf(r).includes(`Contoso ${tag}`)), 'the registration');
    deep<HTMLButtonElement>(row, `button[aria-label="Workspace of Contoso ${tag}"]`)!.click();
    const workspace = await until(() => deep(row, '[part=workspace]'), 'the workspace', 15_000);
    deep<HTMLButtonElement>(workspace, '#ws-tab-notes')!.click();
    await until(() => textOf(workspace).includes(`Partner note ${tag}`), "the partner's note");
    await writeInto(workspace, `Keep the margin ${tag}`, true);
    const note = await until(() => deepAll(workspace, '[part=message]').find((m) => textOf(m).includes(`Keep the margin ${tag}`) && !m.classList.contains('pending')), 'the internal note');
    expect(note.classList.contains('internal-note')).to.equal(true);
    const seen = (await call('GET', `/v1/threads/${thread.id}/messages`, undefined, partnerToken)).data.map((m: { body: string }) => m.body);
    expect(seen).to.deep.equal([`Partner note ${tag}`]);
    await expect(view).to.be.accessible();
  });
});
