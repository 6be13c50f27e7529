import { expect } from '@open-wc/testing';
import type { Scenario } from '../test/scenario.js';
import { call, deep, deepAll, mountPortal, preparePortal, scenario, settle, spy, textOf, until } from '../test/portal.js';

/** A person's own overrides, as an admin's page or the vendor's backend would set them. */
const override = (userId: string, capabilityOverrides: Record<string, boolean>) => call('PATCH', `/v1/users/${userId}`, { capability_overrides: capabilityOverrides });

describe('<customer-portal>: only what the person may do', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  it('shows no dropzone to a contact without documents.upload, on the documents view or in a task', async () => {
    await override(s.colleague.userId, { 'documents.upload': false });
    const el = await mountPortal({ token: s.colleague.token, view: 'documents' });
    await until(() => deep(el, 'cp-documents'), 'the documents view');
    await settle(el);
    expect(deep(el, '[part=dropzone]')).to.equal(null);
    el.setAttribute('task', s.tasks.importUsers);
    await until(() => deep(el, '[part=task-detail] >>> [part=comment-box]'), 'the task with its comment box');
    expect(deep(el, '[part=dropzone]')).to.equal(null);
    await expect(deep(el, '[part=task-detail]')).to.be.accessible();
    // The contact with the default set keeps today's rights.
    const ana = await mountPortal({ token: s.contact.token, view: 'documents' });
    await until(() => deep(ana, '[part=dropzone]'), "Ana's dropzone");
  });

  it('offers no New task, no comment box and no field to change to a contact whose set is Limited access', async () => {
    const sets = await call('GET', '/v1/permission-sets');
    const limited = sets.data.find((p: { name: string; portal_type: string }) => p.name === 'Limited access' && p.portal_type === 'customer');
    await call('PATCH', `/v1/users/${s.colleague.userId}`, { permission_set_id: limited.id, capability_overrides: { 'comments.post': false } });
    const el = await mountPortal({ token: s.colleague.token, view: 'tasks', task: s.tasks.sso });
    await until(() => deep(el, '[part=task-detail] >>> cp-comments'), 'the task');
    await settle(el);
    expect(deep(el, '[part=new-task-button]')).to.equal(null);
    expect(deep(el, '[part=comment-box]')).to.equal(null);
    expect(deep(el, '[part=task-detail] >>> select')).to.equal(null);
    expect(deep(el, '[part=task-detail] >>> [part=assignees]')).to.equal(null);
    expect(deepAll(el, '[part=task-detail] >>> button').some((b) => b.textContent!.trim() === 'Edit')).to.equal(false);
    // What they may see is still there: the thread.
    await until(() => deepAll(el, '[part=comment]').length === 2, 'the thread');
    await call('PATCH', `/v1/users/${s.colleague.userId}`, { permission_set_id: null, capability_overrides: {} });
  });

  it('offers no tab for a kind of item the person may not view, and opens the first one they may', async () => {
    await override(s.colleague.userId, { 'documents.view': false, 'tasks.view': false });
    const portal = await preparePortal({ token: s.colleague.token, view: 'documents' });
    const errors = spy(portal, 'cp-error');
    await mountPortal(portal);
    await until(() => deepAll(portal, '[part=tab]').length > 0 && !deepAll(portal, '[part=tab]').some((t) => t.textContent!.trim() === 'Tasks'), 'the tabs');
    // Messages stay: the person still holds messages.view; pages and help need no capability.
    expect(deepAll(portal, '[part=tab]').map((t) => t.textContent!.trim())).to.deep.equal(['Projects', 'Goals', 'Messages', 'Requests', 'Pages', 'Help', 'Deals', 'Billing', 'Settings']);
    await until(() => deep(portal, 'cp-projects'), 'the projects view instead');
    expect(errors).to.have.length(0);
    await override(s.colleague.userId, {});
  });

  it('never shows a members-only project to a contact who is not a member, by any view', async () => {
    const secret = await call('POST', '/v1/projects', { customer_id: s.customerId, name: `Board pack ${s.tag}`, visibility: 'portal', access: 'members' });
    await call('PUT', `/v1/projects/${secret.id}/members`, { user_ids: [s.contact.userId] });
    await call('POST', '/v1/tasks', { project_id: secret.id, title: `Review the board pack ${s.tag}`, assignee_ids: [s.contact.userId] });

    const member = await mountPortal({ token: s.contact.token, view: 'projects' });
    await until(() => textOf(member).includes(`Board pack ${s.tag}`), 'the project, for its member');

    for (const view of ['dashboard', 'tasks', 'projects', 'documents']) {
      const other = await mountPortal({ token: s.colleague.token, view });
      await until(() => deep(other, `[part=view] > *`), `the ${view} view`);
      await settle(other);
      expect(textOf(other)).to.not.contain(`Board pack ${s.tag}`);
      expect(textOf(other)).to.not.contain(`Review the board pack ${s.tag}`);
      other.parentElement!.remove();
    }
  });
});
