import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Scenario } from '../test/scenario.js';
import { call, deep, deepAll, mountPortal, scenario, select, settle, spy, textOf, until } from '../test/portal.js';

describe('<customer-portal> in staff mode', () => {
  let s: Scenario;
  let other: Scenario;
  before(async () => {
    s = await scenario();
    other = await scenario();
  });

  it('shows internal items, clearly badged', async () => {
    const el = await mountPortal({ token: s.staff.token, view: 'tasks', task: s.tasks.sso });
    const row = deepAll(el, '[part=task-row]').find((r) => textOf(r).includes('Check adoption risk'))!;
    expect(deep(row, '[part~=internal-badge]')!.textContent).to.equal('Internal');
    await until(() => deepAll(el, '[part=comment]').length === 3, 'the thread with its note');
    const note = deepAll(el, '[part=comment]').find((c) => textOf(c).includes('Their IdP admin is new'))!;
    expect(deep(note, '[part~=internal-badge]')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('switches a task between portal and internal, the control reading the truth', async () => {
    const el = await mountPortal({ token: s.staff.token, view: 'tasks', task: s.tasks.train });
    const choice = (value: string) => deep<HTMLInputElement>(el, `[part=task-detail] >>> [part=visibility] input[value=${value}]`)!;
    const checked = () => deep<HTMLInputElement>(el, '[part=task-detail] >>> [part=visibility] input:checked')?.value;
    await until(() => checked(), 'the visibility control');
    // A portal task reads "Customer and team", checked: what the customer sees, said as it is.
    expect(checked()).to.equal('portal');
    expect(textOf(choice('portal').parentElement!)).to.equal('Customer and team');
    choice('internal').click();
    await until(async () => (await call('GET', `/v1/tasks/${s.tasks.train}`)).visibility === 'internal', 'internal');
    await until(() => deep(el, '[part=task-detail] [part~=internal-badge]'), 'the badge');
    expect(checked()).to.equal('internal');
    expect(textOf(choice('internal').parentElement!)).to.equal('Team only');
    choice('portal').click();
    await until(async () => (await call('GET', `/v1/tasks/${s.tasks.train}`)).visibility === 'portal', 'portal again');
    await until(() => checked() === 'portal', 'the control back on portal');
    await expect(deep(el, '[part=task-detail] cp-visibility')).to.be.accessible();
  });

  it('never shows a visibility the service refused', async () => {
    const el = await mountPortal({ token: s.staff.token, view: 'tasks', task: s.tasks.kickoff });
    const checked = () => deep<HTMLInputElement>(el, '[part=task-detail] >>> [part=visibility] input:checked')?.value;
    await until(() => checked(), 'the visibility control');
    // The change cannot reach the service (the network drops it): the control says portal still.
    const original = window.fetch;
    window.fetch = (input, init) => (init?.method === 'PATCH' ? Promise.reject(new TypeError('Failed to fetch')) : original(input, init));
    try {
      deep<HTMLInputElement>(el, '[part=task-detail] >>> [part=visibility] input[value=internal]')!.click();
      await until(() => deep(el, '[part=notices] .error'), 'the refusal');
    } finally {
      window.fetch = original;
    }
    await settle(el);
    expect(checked()).to.equal('portal');
    expect((await call('GET', `/v1/tasks/${s.tasks.kickoff}`)).visibility).to.equal('portal');
  });

  it('writes internal notes from the comment box', async () => {
    const el = await mountPortal({ token: s.staff.token, view: 'tasks', task: s.tasks.dpa });
    await until(() => deep(el, '[part=comment-box] textarea'), 'the comment box');
    deep<HTMLInputElement>(el, '[part=comment-box] >>> [part=visibility] input[value=internal]')!.click();
    await settle(el);
    deep<HTMLTextAreaElement>(el, '[part=comment-box] textarea')!.focus();
    await sendKeys({ type: 'Legal is slow on their side.' });
    deepAll<HTMLButtonElement>(el, '[part=comment-box] button').find((b) => b.textContent!.includes('Add internal note'))!.click();
    await until(async () => (await call('GET', `/v1/tasks/${s.tasks.dpa}/comments`)).data.some((c: { body: string; visibility: string }) => c.body === 'Legal is slow on their side.' && c.visibility === 'internal'), 'the note');
    const contactView = await call('GET', `/v1/tasks/${s.tasks.dpa}/comments`, undefined, s.contact.token);
    expect(contactView.data.some((c: { body: string }) => c.body.includes('Legal is slow'))).to.equal(false);
  });

  it('switches between customers', async () => {
    const el = await mountPortal({ token: s.staff.token, view: 'tasks' });
    const navigations = spy<{ customer: string }>(el, 'cp-navigate');
    const options = () => deepAll<HTMLOptionElement>(el, '[part=customer-select] option').map((o) => o.textContent);
    // The picker fills once the customers have loaded, which the first view does not wait for.
    await until(() => [`Acme ${s.tag}`, `Acme ${other.tag}`].every((name) => options().includes(name)), 'both customers in the picker');
    await until(() => textOf(el).includes('Configure single sign-on'), 'the first customer');
    await call('PATCH', `/v1/tasks/${other.tasks.loose}`, { title: `Logo for ${other.tag}` });
    await select(el, '[part=customer-select] select', other.customerId);
    await until(() => textOf(el).includes(`Logo for ${other.tag}`), "the other customer's tasks");
    expect(navigations.at(-1)!.detail.customer).to.equal(other.customerId);
    el.setAttribute('customer', s.customerId);
    await until(() => !textOf(el).includes(`Logo for ${other.tag}`), 'back');
  });
});
