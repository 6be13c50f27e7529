import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountAdmin, scenario, select, settle, textOf, until } from '../test/admin.js';

describe('cp-admin-activity', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  const rows = (el: HTMLElement) => deepAll(el, 'cp-admin-activity >>> [part=activity-row]').map((r) => textOf(r));

  it("shows a customer's trail, newest first: who did what, and follows it live", async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'activity', customer: s.customerId });
    await until(() => rows(el).length > 0, 'the trail');
    expect(rows(el).some((r) => r.includes('Ana Silva') && r.includes('customer') && r.includes('Commented on “Configure single sign-on”'))).to.equal(true);
    await expect(deep(el, 'cp-admin-activity')).to.be.accessible();
    await call('PATCH', `/v1/tasks/${s.tasks.dpa}`, { status: 'in_progress' }, s.contact.token);
    await until(() => rows(el)[0]?.includes('Updated task “Sign the data processing agreement”: status to do → in progress'), 'the new entry on top');
  });

  it('words every entry: no event code, no field name', async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'activity', customer: s.customerId });
    await until(() => rows(el).length > 0, 'the trail');
    await call('PATCH', `/v1/tasks/${s.tasks.importUsers}`, { assignee_ids: [s.contact.userId], due_date: '2031-01-02' });
    await until(() => rows(el)[0]?.includes('Updated task “Import your users”'), 'the entry');
    expect(rows(el)[0]).to.contain('assignees');
    // The date as the person reads dates, not as the log stores it.
    expect(rows(el)[0]).to.match(/due date .+ → .*2031/);
    expect(rows(el)[0]).to.not.contain('2031-01-02');
    expect(rows(el).join(' ')).to.not.match(/[a-z]+_[a-z]+|task\.[a-z]/);
  });

  it('says every entry in the person\'s language, with its changes', async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'activity', customer: s.customerId, locale: 'fr' });
    await until(() => rows(el).length > 0, 'the trail');
    await call('PATCH', `/v1/tasks/${s.tasks.dpa}`, { status: 'blocked' }, s.contact.token);
    await until(() => rows(el)[0]?.includes('A modifié la tâche « Sign the data processing agreement »'), 'the entry in French');
    expect(rows(el)[0]).to.contain('statut');
    expect(rows(el)[0]).to.contain('→ bloquée');
    expect(rows(el).some((r) => r.includes('A commenté « Configure single sign-on »'))).to.equal(true);
    expect(rows(el).join(' ')).to.not.match(/Updated task|Commented on|[a-z]+_[a-z]+|task\.[a-z]/);
    await expect(deep(el, 'cp-admin-activity')).to.be.accessible();
  });

  it('filters by kind, and opens the task an entry is about', async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'activity', customer: s.customerId });
    await until(() => rows(el).length > 0, 'the trail');
    await select(el, 'cp-admin-activity >>> select', 'comment.*');
    await until(() => rows(el).length > 0 && rows(el).every((r) => r.includes('Commented on')), 'comments only');
    const open = deepAll<HTMLButtonElement>(el, 'cp-admin-activity >>> [part=activity-row] button')[0]!;
    open.click();
    await until(() => deep(el, 'cp-admin-work >>> [part=task-detail]'), 'the task');
    expect(location.hash).to.equal(`#work/${s.customerId}/${s.tasks.sso}`);
  });

  it('covers every customer when none is chosen, and exports what it shows as CSV', async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'activity' });
    await select(el, '[part=customer-select] select', '');
    await until(() => deepAll(el, 'cp-admin-activity >>> th').some((th) => th.textContent === 'Customer'), 'the customer column');
    let saved: { name: string; text: string } | null = null;
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      const name = this.download;
      void fetch(this.href).then(async (r) => (saved = { name, text: await r.text() }));
    };
    try {
      deepAll<HTMLButtonElement>(el, 'cp-admin-activity >>> button').find((b) => b.textContent!.trim() === 'Export as CSV')!.click();
      await until(() => saved, 'the file');
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    expect(saved!.name).to.match(/^activity-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(saved!.text.split('\r\n')[0]).to.equal('id,created_at,type,actor_id,actor_name,actor_role,customer_id,subject_id,task_id,summary,ip,user_agent');
    expect(saved!.text).to.contain(s.customerId);
    await settle(el);
  });
});
