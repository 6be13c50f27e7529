import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountAdmin, scenario, settle, textOf, type, until } from '../test/admin.js';

describe('cp-admin-webhooks', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  const view = (el: HTMLElement) => deep(el, 'cp-admin-webhooks')!;
  const button = (root: Element, label: string) => deepAll<HTMLButtonElement>(root, 'button').find((b) => textOf(b) === label);
  const box = (root: Element, label: string) => deepAll<HTMLInputElement>(root, 'input[type=checkbox]').find((c) => textOf(c.parentElement!) === label)!;
  const mine = async (url: string) => (await call('GET', '/v1/webhook-endpoints?limit=200')).data.find((e: { url: string }) => e.url === url);

  it('registers an endpoint for chosen events, shows its secret once, sends a failed delivery again and deletes it', async () => {
    // A closed port on this machine: every attempt fails at once, with the reason.
    const url = `http://127.0.0.1:9/hooks/${s.tag}`;
    const el = await mountAdmin({ token: s.staff.token, tab: 'webhooks' });
    const form = await until(() => deep(view(el), 'form[aria-labelledby=new-endpoint-title]'), 'the new endpoint form');
    type(deep<HTMLInputElement>(form, 'input[name=url]')!, url);
    box(form, 'Every event, those added later included').click();
    await settle(el);
    (await until(() => box(form, 'task.created'), 'the event types from the OpenAPI document')).click();
    await settle(el);
    button(form, 'Register the endpoint')!.click();

    const secret = await until(() => deep(view(el), '[part=secret] code'), 'the secret');
    expect(textOf(secret)).to.match(/^whsec_/);
    const endpoint = await mine(url);
    expect(endpoint.events).to.deep.equal(['task.created']);
    await expect(view(el)).to.be.accessible();
    button(deep(view(el), '[part=secret]')!, 'I have kept it')!.click();
    await until(() => !deep(view(el), '[part=secret]'), 'the secret put away');

    await call('POST', '/v1/tasks', { title: `Hooked ${s.tag}`, customer_id: s.customerId });
    const row = await until(async () => {
      button(view(el), 'Refresh')!.click();
      await settle(el);
      return deepAll(view(el), '[part=delivery]').find((r) => textOf(r).includes('task.created') && textOf(r).includes('1 attempt'));
    }, 'the first failed attempt', 20_000);
    expect(textOf(row)).to.contain('ECONNREFUSED');
    // A pending delivery's row is taller (its next attempt under the badge): every cell still
    // ends with the row, so the line under it is one line, not a stray one under the button.
    const bottom = row.getBoundingClientRect().bottom;
    expect([...row.children].map((cell) => Math.round(cell.getBoundingClientRect().bottom - bottom))).to.deep.equal([0, 0, 0, 0, 0]);
    button(row, 'Try now')!.click();
    await until(async () => {
      button(view(el), 'Refresh')!.click();
      await settle(el);
      return deepAll(view(el), '[part=delivery]').some((r) => textOf(r).includes('2 attempts'));
    }, 'a second attempt, made at once', 20_000);
    // That delivery by its attempts, not by its place: other tests' deliveries may come in above it.
    const twice = () => deepAll(view(el), '[part=delivery]').find((r) => textOf(r).includes('2 attempts'))!.querySelector<HTMLButtonElement>('button.link')!;
    twice().click();
    await settle(el);
    expect(twice().getAttribute('aria-expanded')).to.equal('true');
    // The list refreshes by itself while a delivery is pending, and by the button: wait until the
    // delivery with both attempts lists them (opening it again if a refresh came in between).
    await until(async () => {
      if (deepAll(view(el), 'table[aria-label] tbody tr').length === 2) return true;
      button(view(el), 'Refresh')!.click();
      await settle(el);
      const both = deepAll(view(el), '[part=delivery]').find((r) => textOf(r).includes('2 attempts'));
      const toggle = both?.querySelector<HTMLButtonElement>('button.link');
      if (toggle && toggle.getAttribute('aria-expanded') !== 'true') toggle.click();
      await settle(el);
      return deepAll(view(el), 'table[aria-label] tbody tr').length === 2;
    }, 'both attempts listed', 20_000);

    button(deep(view(el), '[part=endpoint-editor]')!, 'Delete the endpoint…')!.click();
    await settle(el);
    button(deep(view(el), '[part=endpoint-editor]')!, 'Delete it')!.click();
    await until(async () => !(await mine(url)), 'the endpoint deleted');
  });

  it('tells a member that only admins manage webhooks, and asks the service nothing', async () => {
    const el = await mountAdmin({ token: s.member.token, tab: 'webhooks' });
    await until(() => textOf(view(el)).includes('Only admins of your team see and change webhooks.'), 'the reason');
    expect(deep(view(el), 'form')).to.equal(null);
    expect(deep(el, '[part=notices] .error')).to.equal(null);
  });
});
