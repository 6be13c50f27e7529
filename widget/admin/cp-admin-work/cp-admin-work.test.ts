import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { deep, deepAll, mountAdmin, scenario, select, textOf, until } from '../test/admin.js';

describe('cp-admin-work', () => {
  let s: Scenario;
  let other: Scenario;
  before(async () => {
    s = await scenario();
    other = await scenario();
  });

  it("shows the customer's work in staff mode, with the page's own picker, bell and tenant name only", async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'work', customer: s.customerId });
    const work = deep(el, 'cp-admin-work')!;
    await until(() => textOf(work).includes('Check adoption risk before the QBR'), 'the internal task too');
    const portal = deep(work, '[part=portal]')!;
    for (const part of ['customer-select', 'bell', 'tenant-name', 'logo']) {
      const node = deep(portal, `[part~=${part}]`);
      expect(node === null || getComputedStyle(node).display === 'none', part).to.equal(true);
    }
    await expect(work).to.be.accessible();
  });

  it('keeps the open task in the address, and follows the customer picker', async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'work', customer: s.customerId });
    const row = await until(() => deepAll(el, 'cp-admin-work >>> [part=task-row]').find((r) => textOf(r).includes('Sign the data processing agreement')), 'the task');
    deep<HTMLButtonElement>(row, 'button')!.click();
    await until(() => location.hash === `#work/${s.customerId}/${s.tasks.dpa}`, 'the address');
    await select(el, '[part=customer-select] select', other.customerId);
    await until(() => textOf(deep(el, 'cp-admin-work')!).includes(`Acme ${other.tag}`) && !deep(el, 'cp-admin-work >>> [part=task-detail]'), "the other customer's work");
    expect(location.hash).to.equal(`#work/${other.customerId}`);
  });
});
