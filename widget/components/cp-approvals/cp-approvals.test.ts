import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountPortal, scenario, textOf, until } from '../../test/portal.js';

const approval = (el: Element) => textOf(deep(el, '[part=approval]') ?? el);
const button = (el: Element, name: string) => deepAll<HTMLButtonElement>(el, '[part=approval] button').find((b) => b.textContent?.trim() === name);

describe('cp-approvals', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  it('takes the approvers in order: the first from the dashboard, then the second, live', async () => {
    await call('POST', '/v1/approvals', { subject: { type: 'task', id: s.tasks.sso }, approver_ids: [s.contact.userId, s.colleague.userId], mode: 'sequence' }, s.staff.token);
    const ana = await mountPortal({ token: s.contact.token, view: 'dashboard' });
    const luis = await mountPortal({ token: s.colleague.token, view: 'tasks', task: s.tasks.sso });

    await until(() => deep(luis, '[part=approval]'), "the approval in Luis's panel", 20_000);
    expect(approval(luis)).to.contain('Their turn');
    expect(button(luis, 'Approve')).to.equal(undefined);

    const waiting = await until(() => deep(ana, '[part=waiting-approvals] button'), 'Waiting for your approval', 20_000);
    expect(textOf(deep(ana, '[part=waiting-approvals]')!)).to.contain('Configure single sign-on');
    waiting.click();
    const approve = await until(() => button(ana, 'Approve'), "Ana's Approve button", 20_000);
    await expect(deep(ana, 'cp-approvals')).to.be.accessible();
    approve.click();
    await until(() => approval(ana).includes('Approved') && !button(ana, 'Approve'), "Ana's decision");

    // Luis's turn comes to his open panel without a reload.
    (await until(() => button(luis, 'Approve'), "Luis's turn")).click();
    await until(() => approval(luis).startsWith('Approved'), 'the approval closed as approved');
    const record = await call('GET', `/v1/approvals?subject_id=${s.tasks.sso}`);
    expect(record.data[0].status).to.equal('approved');
  });
});
