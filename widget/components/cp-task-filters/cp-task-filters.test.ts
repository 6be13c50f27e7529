import { expect } from '@open-wc/testing';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import type { Scenario } from '../../test/scenario.js';
import { deep, deepAll, mountPortal, scenario, select, settle } from '../../test/portal.js';

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
    const clear = () => deepAll<HTMLButtonElement>(filters, 'button').find((b) => b.textContent!.trim() === 'Clear filters')!;
    expect(clear().disabled).to.equal(true);
    await select(el, '[part=filters] select[name=priority]', 'high');
    expect(clear().disabled).to.equal(false);
  });

  it('on a 360 px screen shows the keywords and one Filters button, so the tasks come first', async () => {
    await executeServerCommand('front');
    await setViewport({ width: 360, height: 640 });
    try {
      const el = await mountPortal({ token: s.contact.token, view: 'tasks' });
      const visible = (selector: string) => deepAll(el, selector).filter((e) => e.getClientRects().length > 0);
      expect(visible('[part=filters] select')).to.have.length(0);
      expect(visible('[part=filters] input[type=search]')).to.have.length(1);
      const toggle = deepAll<HTMLButtonElement>(el, '[part=filters] button').find((b) => b.textContent!.trim() === 'Filters')!;
      expect(toggle.getBoundingClientRect().bottom).to.be.below(deep(el, '[part=task-row]')!.getBoundingClientRect().top);
      toggle.click();
      await settle(el);
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      expect(visible('[part=filters] select').length).to.be.greaterThan(3);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});
