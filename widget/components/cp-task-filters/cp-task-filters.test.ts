import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { deep, mountPortal, scenario, select } from '../../test/portal.js';

describe('cp-task-filters', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  it('offers the projects and people of the customer, and clears only when something is set', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'tasks' });
    const filters = deep(el, 'cp-task-filters')!;
    await expect(filters).to.be.accessible();
    const options = (name: string) => Array.from(deep<HTMLSelectElement>(filters, `select[name=${name}]`)!.options).map((o) => o.textContent);
    expect(options('projectId')).to.deep.equal(['All', 'Onboarding', 'Phase two']);
    // The customer's other contact and the vendor's team (every staff member of the tenant), never another customer's contacts.
    expect(options('assigneeId').slice(0, 3)).to.deep.equal(['All', 'Me', 'Luis Moreno']);
    expect(options('assigneeId')).to.include(s.staff.name);
    expect(options('assigneeId')).not.to.include('Ana Silva');
    const clear = () => deep<HTMLButtonElement>(filters, 'button')!;
    expect(clear().disabled).to.equal(true);
    await select(el, '[part=filters] select[name=priority]', 'high');
    expect(clear().disabled).to.equal(false);
  });
});
