import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountAdmin, scenario, settle, textOf, type, until } from '../test/admin.js';

describe('cp-admin-customers', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  const search = async (el: HTMLElement, text: string) => {
    type(deep<HTMLInputElement>(el, 'cp-admin-customers >>> input[type=search]')!, text);
    return until((): HTMLElement | null => {
      const rows = deepAll(el, 'cp-admin-customers >>> [part=customer-row]');
      return rows.length === 1 && textOf(rows[0]!).includes(text) ? rows[0]! : null;
    }, `the row of ${text}`);
  };

  it("shows each customer's portal tasks, open, overdue and blocked, and its last activity", async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'customers' });
    const row = await search(el, `Acme ${s.tag}`);
    const cells = deepAll(row, 'td').map((td) => textOf(td));
    // Portal tasks not done: SSO, the DPA (overdue), the import (blocked), the training, the logo; never the internal one.
    expect(cells.slice(0, 4)).to.deep.equal(['On', '5', '1', '1']);
    expect(deep(row, 'time')).to.exist;
    await expect(deep(el, 'cp-admin-customers')).to.be.accessible();
  });

  it('says a customer without any activity has none yet, instead of a score and a trend', async () => {
    const quiet = `Umbrella ${s.tag}`;
    await call('POST', '/v1/customers', { name: quiet, external_id: `umbrella-${s.tag}` });
    await call('POST', '/v1/analytics/views', { view: 'dashboard' }, s.contact.token);
    const el = await mountAdmin({ token: s.staff.token, tab: 'customers' });
    // The fifth cell, once the engagement (fetched after the rows) is in.
    const cell = (row: HTMLElement) => until(() => deep(deepAll(row, 'td')[4]!, 'button'), 'the engagement').then((b) => textOf(b));
    expect(await cell(await search(el, quiet))).to.equal('No activity yet');
    // A customer whose contacts did use the portal keeps its score and trend.
    expect(await cell(await search(el, `Acme ${s.tag}`))).to.match(/^\d+ · (Rising|Steady|Declining|Spike)$/);

    const quietId = (await call('GET', `/v1/customers?q=${encodeURIComponent(quiet)}`)).data[0].id;
    const tab = await mountAdmin({ token: s.staff.token, tab: 'engagement', customer: quietId });
    const card = await until(() => deep(tab, 'cp-admin-engagement >>> [part=engagement]'), 'the engagement card');
    expect(textOf(card)).to.contain('No activity yet');
    expect(textOf(card)).not.to.match(/Steady|\/ 100/);
    await expect(deep(tab, 'cp-admin-engagement')).to.be.accessible();
  });

  it('switches a portal off (its contacts are refused at once) and on again', async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'customers' });
    const row = await search(el, `Acme ${s.tag}`);
    deep<HTMLInputElement>(row, 'input[role=switch]')!.click();
    await until(async () => (await call('GET', `/v1/customers/${s.customerId}`)).portal_enabled === false, 'off');
    await until(() => textOf(el).includes('its contacts were signed out'), 'the notice');
    const refused = await fetch('/__portal/api', { method: 'POST', body: JSON.stringify({ method: 'GET', path: '/v1/tasks', token: s.contact.token }) }).then((r) => r.json());
    expect(refused.status).to.equal(401);
    deep<HTMLInputElement>(row, 'input[role=switch]')!.click();
    await until(async () => (await call('GET', `/v1/customers/${s.customerId}`)).portal_enabled === true, 'on again');
  });

  it('adds a customer, who joins the list and the pickers', async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'customers' });
    const name = `Initech ${s.tag}`;
    type(deep<HTMLInputElement>(el, 'cp-admin-customers >>> input[name=name]')!, name);
    type(deep<HTMLInputElement>(el, 'cp-admin-customers >>> input[name=external_id]')!, `initech-${s.tag}`);
    deep<HTMLButtonElement>(el, 'cp-admin-customers >>> form button[type=submit]')!.click();
    await until(() => textOf(el).includes(`${name} was added.`), 'the notice');
    await search(el, name);
    deep<HTMLButtonElement>(el, '#tab-access')!.click();
    await settle(el);
    await until(() => deepAll<HTMLOptionElement>(el, '[part=customer-select] option').some((o) => o.textContent!.includes(name)), 'the picker');
  });

  it("leads to a customer's access, work and activity", async () => {
    const el = await mountAdmin({ token: s.staff.token, tab: 'customers' });
    const row = await search(el, `Acme ${s.tag}`);
    deepAll<HTMLButtonElement>(row, 'button').find((b) => b.textContent!.trim() === 'Work')!.click();
    await until(() => deep(el, 'cp-admin-work >>> [part=task-row]'), 'the work');
    expect(location.hash).to.equal(`#work/${s.customerId}`);
    expect(textOf(deep(el, 'cp-admin-work')!)).to.contain('Check adoption risk before the QBR');
    // The tab's picker names the customer; the embedded widget's header does not say it again.
    expect(el.shadowRoot!.querySelector<HTMLSelectElement>('[part=customer-select] select')!.selectedOptions[0]!.textContent).to.contain(`Acme ${s.tag}`);
    const named = deep(el, 'cp-admin-work >>> [part=customer-name]')!;
    expect(named.textContent).to.contain(`Acme ${s.tag}`);
    expect(getComputedStyle(named).display).to.equal('none');
  });
});
