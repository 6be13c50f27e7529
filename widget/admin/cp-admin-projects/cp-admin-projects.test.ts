import { expect } from '@open-wc/testing';
import { mountPortal } from '../../test/portal.js';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountAdmin, scenario, select, settle, textOf, type, until } from '../test/admin.js';

describe('cp-admin-projects', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  const view = (el: HTMLElement) => deep(el, 'cp-admin-projects')!;
  const button = (root: Element, label: string) => until(() => deepAll<HTMLButtonElement>(root, 'button').find((b) => b.textContent!.trim() === label), `the button ${label}`);
  const row = (el: HTMLElement, name: string) => until(() => deepAll(view(el), '[part=project-row]').find((r) => textOf(r).startsWith(name)), `the row of ${name}`);

  it("lists a customer's projects with who sees them", async () => {
    const el = await mountAdmin({ token: s.member.token, tab: 'projects', customer: s.customerId });
    const onboarding = await row(el, 'Onboarding');
    expect(textOf(onboarding)).to.contain('Customer and team');
    expect(textOf(onboarding)).to.contain('Every contact of the customer');
    await expect(view(el)).to.be.accessible();
  });

  it('creates a members-only project whose non-members see nothing of it', async () => {
    const el = await mountAdmin({ token: s.member.token, tab: 'projects', customer: s.customerId });
    (await button(view(el), 'New project')).click();
    await settle(el);
    const form = deep(view(el), '[part=project-form]')!;
    type(deep<HTMLInputElement>(form, 'input[name=name]')!, `Pricing review ${s.tag}`);
    deepAll<HTMLInputElement>(form, 'input[type=radio]').find((r) => textOf(r.parentElement!) === 'Its members only')!.click();
    await settle(el);
    const members = deep(form, '[part=members]')!;
    expect(textOf(members)).to.contain(`Contacts of Acme ${s.tag}`);
    expect(textOf(members)).to.contain('Your team');
    await expect(form).to.be.accessible();
    (await button(form, 'Create the project')).click();
    await until(() => textOf(el).includes(`Pricing review ${s.tag} was created.`) || deep(el, '[part=notices] .error'), 'the answer');
    expect(textOf(deep(el, '[part=notices]')!)).to.contain('was created');
    const created = await row(el, `Pricing review ${s.tag}`);
    expect(textOf(created)).to.contain('Its members only');
    const project = (await call('GET', `/v1/projects?customer_id=${s.customerId}`)).data.find((p: { name: string }) => p.name === `Pricing review ${s.tag}`);
    expect(project).to.include({ access: 'members', visibility: 'portal', status: 'active' });
    // Picking members through the page is in the end-to-end test (the page on the service's own
    // origin: a PUT from another origin is refused by the CORS preflight); here the vendor's
    // backend adds Ana, and the page shows her as the stream tells it.
    await call('PUT', `/v1/projects/${project.id}/members`, { user_ids: [s.contact.userId] });
    await until(async () => textOf(await row(el, `Pricing review ${s.tag}`)).includes('Ana Silva'), 'Ana as its member, live');

    const ana = await mountPortal({ token: s.contact.token, view: 'projects' });
    await until(() => textOf(ana).includes(`Pricing review ${s.tag}`), 'the project, for its member');
    const luis = await mountPortal({ token: s.colleague.token, view: 'projects' });
    await until(() => textOf(luis).includes('Onboarding'), 'the projects of Luis');
    expect(textOf(luis)).to.not.contain(`Pricing review ${s.tag}`);
  });

  it('changes a project: its name, status and visibility', async () => {
    const el = await mountAdmin({ token: s.member.token, tab: 'projects', customer: s.customerId });
    (await button(await row(el, 'Phase two'), 'Change')).click();
    await settle(el);
    const form = deep(view(el), '[part=project-form]')!;
    type(deep<HTMLInputElement>(form, 'input[name=name]')!, 'Phase two (renewal)');
    await select(form, 'select[name=status]', 'active');
    deep<HTMLInputElement>(form, '[part=visibility] input[value=internal]')!.click();
    await settle(el);
    expect(deep<HTMLInputElement>(form, '[part=visibility] input:checked')!.value).to.equal('internal');
    (await button(form, 'Save the project')).click();
    const changed = await row(el, 'Phase two (renewal)');
    expect(textOf(changed)).to.contain('Team only');
    expect(await call('GET', `/v1/projects/${s.projects.later}`)).to.include({ name: 'Phase two (renewal)', status: 'active', visibility: 'internal' });
  });
});
