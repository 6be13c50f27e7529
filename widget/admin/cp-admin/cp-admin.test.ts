import { expect } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountAdmin, prepareAdmin, scenario, settle, spy, textOf, until } from '../test/admin.js';

describe('<cp-admin>', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  it('opens for staff on the customers tab, its sections reachable by keyboard', async () => {
    const el = await mountAdmin({ token: s.staff.token });
    // Its page's bar names the tenant, with its logo: the element's heading does not repeat them.
    expect(textOf(deep(el, 'header h1')!)).to.equal('Admin');
    expect(textOf(deep(el, 'header')!)).not.to.contain('Northwind Software');
    expect(deep(el, 'header img')).to.equal(null);
    expect([...el.shadowRoot!.querySelectorAll('[role=tab]')].map((t) => t.textContent!.trim())).to.deep.equal(['Customers', 'Portal access', 'Work', 'Projects', 'Goals', 'Templates', 'Requests', 'Library', 'Pages', 'FAQ', 'Branding', 'Settings', 'Permissions', 'Webhooks', 'Partners', 'Activity', 'Engagement']);
    expect(deep(el, '[role=tab][aria-selected=true]')!.id).to.equal('tab-customers');
    await until(() => deep(el, 'cp-admin-customers >>> [part=customer-row]'), 'the customers');
    await expect(el).to.be.accessible();

    const moves = spy<{ tab: string; customer: string | null }>(el, 'cp-navigate');
    deep<HTMLButtonElement>(el, '#tab-customers')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await settle(el);
    expect(deep(el, '[role=tab][aria-selected=true]')!.id).to.equal('tab-access');
    expect(deep(el, 'cp-admin-access')).to.exist;
    expect(moves.at(-1)!.detail.tab).to.equal('access');
    // The address follows, so a reload (or a link) comes back here.
    expect(location.hash).to.match(/^#access\/cus_/);
  });

  it('fits a phone: only the tabs and the tables scroll sideways, never the page', async () => {
    /** What reaches past the screen's right edge, outside the boxes that scroll sideways: to name it when the page is too wide. */
    const pastTheEdge = (root: ParentNode, path = ''): string[] =>
      [...root.querySelectorAll<HTMLElement>('*')].flatMap((e) => [
        ...(e.getBoundingClientRect().right > 361 && !e.closest('.table, [role=tablist]') ? [`${path}${e.localName}.${e.className}`] : []),
        ...(e.shadowRoot ? pastTheEdge(e.shadowRoot, `${path}${e.localName} >>> `) : []),
      ]);
    await setViewport({ width: 360, height: 740 });
    try {
      for (const tab of ['customers', 'access', 'projects', 'activity', 'branding', 'settings']) {
        const el = await mountAdmin({ token: s.staff.token, tab, customer: s.customerId });
        await until(() => deep(el, `cp-admin-${tab} >>> ${tab === 'branding' || tab === 'settings' ? 'form' : 'table'}`), `the ${tab} tab`);
        await settle(el);
        expect(document.documentElement.scrollWidth, `${tab}: ${pastTheEdge(document).slice(0, 5).join(', ')}`).to.be.at.most(360);
        el.remove();
      }
    } finally {
      await setViewport({ width: 1024, height: 768 });
    }
  });

  it('starts where the address says, and follows Back', async () => {
    history.replaceState(null, '', `#access/${s.customerId}`);
    const el = await mountAdmin({ token: s.staff.token });
    await until(() => textOf(el).includes('Ana Silva'), "the customer's contacts");
    expect(deep<HTMLSelectElement>(el, '[part=customer-select] select')!.value).to.equal(s.customerId);
    deep<HTMLButtonElement>(el, '#tab-templates')!.click();
    await settle(el);
    expect(location.hash).to.equal('#templates');
    history.back();
    await until(() => deep(el, 'cp-admin-access'), 'back on access');
  });

  it("speaks French: its own words and those of the widget it embeds", async () => {
    const el = await mountAdmin({ token: s.staff.token, locale: 'fr', tab: 'work', customer: s.customerId });
    await until(() => deep(el, '#tab-customers')!.textContent!.includes('Clients'), 'French tabs');
    expect([...el.shadowRoot!.querySelectorAll('[role=tab]')].map((t) => t.textContent!.trim())).to.deep.equal(['Clients', 'Accès au portail', 'Travail', 'Projets', 'Objectifs', 'Modèles', 'Demandes', 'Bibliothèque', 'Pages', 'FAQ', 'Image de marque', 'Réglages', 'Autorisations', 'Webhooks', 'Partenaires', 'Activité', 'Engagement']);
    await until(() => deep(el, 'cp-admin-work >>> #tab-tasks')?.textContent!.includes('Tâches'), 'the widget in French');
    el.setAttribute('locale', 'en');
    await until(() => deep(el, '#tab-customers')!.textContent!.includes('Customers'), 'English again');
  });

  it('is for the team only: a contact sees why, and nothing else', async () => {
    const el = await prepareAdmin({ token: s.contact.token });
    document.body.append(el);
    try {
      await until(() => deep(el, '[role=alert]'), 'the refusal');
      expect(textOf(el)).to.contain('This page is for your customer success team.');
      expect(deep(el, '[role=tab]')).to.equal(null);
    } finally {
      el.remove();
    }
  });

  it("rings for a customer's activity and opens that task in the work tab, ready to reply", async () => {
    const el = await mountAdmin({ token: s.staff.token });
    await call('POST', `/v1/tasks/${s.tasks.dpa}/comments`, { body: `Signed on our side (${s.tag}).` }, s.contact.token);
    deep<HTMLButtonElement>(el, '[part=bell]')!.click();
    const item = await until(() => deepAll<HTMLButtonElement>(el, '[part=notification-list] li button').find((b) => textOf(b).includes('Sign the data processing agreement')), 'the notification');
    item.click();
    await until(() => deep(el, 'cp-admin-work >>> [part=task-detail]') && textOf(deep(el, 'cp-admin-work')!).includes(`Signed on our side (${s.tag}).`), 'the task with the comment');
    expect(deep(el, '[role=tab][aria-selected=true]')!.id).to.equal('tab-work');
    expect(location.hash).to.equal(`#work/${s.customerId}/${s.tasks.dpa}`);
    await until(() => deep(el, 'cp-admin-work >>> [part=comment-box] textarea'), 'the comment box');
  });
});
