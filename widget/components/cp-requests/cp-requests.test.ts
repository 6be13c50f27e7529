import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountPortal, scenario, select, settle, textOf, until } from '../../test/portal.js';

const fill = (form: Element, values: Record<string, string>) => {
  for (const [name, value] of Object.entries(values)) {
    const input = deep<HTMLInputElement>(form, `[name=${name}]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }
};

describe('cp-requests', () => {
  let s: Scenario;
  const tag = Math.random().toString(36).slice(2, 8);
  before(async () => {
    s = await scenario(`rq-${tag}`);
  });
  afterEach(() => setViewport({ width: 1024, height: 768 }));

  const openForm = async (el: HTMLElement, typeName: string) => {
    (await until(() => deepAll<HTMLButtonElement>(el, 'cp-requests >>> button.primary').find((b) => b.textContent?.trim() === 'New request'), 'the New request button', 20_000)).click();
    (await until(() => deepAll<HTMLButtonElement>(el, '[part=new-request] button').find((b) => textOf(b).startsWith(typeName)), `the ${typeName} type`, 20_000)).click();
    return until(() => deep<HTMLFormElement>(el, '[part=request-form]'), 'the form');
  };
  const mine = async () => (await call('GET', '/v1/requests', undefined, s.contact.token)).data as { id: string; status: string; type: { name: string }; values: Record<string, unknown> }[];

  it('catches a missing required field before sending, shows the service’s refusal under its field, then files the request', async () => {
    const type = await call('POST', '/v1/request-types', { name: `Hardware swap ${tag}`, fields: [{ key: 'serial', label: 'Serial number', type: 'text', required: true }, { key: 'model', label: 'Model', type: 'select', required: true, options: ['X1', 'X2'] }], sla_hours: 24 }, s.staff.token);
    await setViewport({ width: 360, height: 640 });
    const el = await mountPortal({ token: s.contact.token, view: 'requests', theme: 'dark' });
    const form = await openForm(el, `Hardware swap ${tag}`);
    await select(form, '[name=model]', 'X2');
    deep<HTMLButtonElement>(form, 'button[type=submit]')!.click();
    const error = await until(() => deep(el, '[part=field-error]'), 'the missing field’s message');
    expect(textOf(error)).to.equal('This field is required.');
    expect(deep<HTMLInputElement>(form, '[name=serial]')!.getAttribute('aria-invalid')).to.equal('true');
    expect(deepAll(el, '[part=field-error]')).to.have.length(1);
    await expect(deep(el, 'cp-requests')).to.be.accessible();
    expect((await mine()).filter((r) => r.type.name === `Hardware swap ${tag}`)).to.have.length(0);

    // The vendor stops offering X2 while the form is open: the service says so under the field.
    await call('PATCH', `/v1/request-types/${type.id}`, { fields: [{ key: 'serial', label: 'Serial number', type: 'text', required: true }, { key: 'model', label: 'Model', type: 'select', required: true, options: ['X1'] }] }, s.staff.token);
    fill(form, { serial: 'SN-4242' });
    deep<HTMLButtonElement>(form, 'button[type=submit]')!.click();
    await until(() => textOf(deep(el, '[part=field-error]') ?? el).includes('expected one of: X1'), 'the service’s refusal under Model');
    expect(deep(el, '[part=field-error]')!.id).to.equal('e-model');

    await select(form, '[name=model]', 'X1');
    deep<HTMLButtonElement>(form, 'button[type=submit]')!.click();
    const row = await until(() => deepAll(el, '[part=request-row]').find((r) => textOf(r).includes('SN-4242')), 'the new request in the list', 20_000);
    expect(textOf(row)).to.contain('Open');
    expect(textOf(row)).to.contain('Due in 24 h');
    const filed = (await mine()).find((r) => r.type.name === `Hardware swap ${tag}`)!;
    expect(filed.values).to.deep.equal({ serial: 'SN-4242', model: 'X1' });
  });

  it('shows staff the queue by SLA, soonest due first and closed ones last, and moves a request along', async () => {
    const types = (await call('GET', '/v1/request-types')).data as { id: string; name: string }[];
    const id = (name: string) => types.find((t) => t.name === name)!.id;
    const file = (type: string, values: object) => call('POST', '/v1/requests', { type_id: id(type), values }, s.colleague.token);
    const change = await file('Change order', { summary: `Add a region ${tag}`, details: 'EU', impact: 'Low' });
    const escalation = await file('Support escalation', { summary: `Outage ${tag}`, severity: 'Critical', description: 'Down' });
    const meeting = await file('Meeting request', { topic: `Review ${tag}`, preferred_date: '2026-12-20' });
    const done = await file('Document request', { document: `Certificate ${tag}` });
    await call('PATCH', `/v1/requests/${done.id}`, { status: 'resolved' }, s.staff.token);

    const el = await mountPortal({ token: s.staff.token, view: 'requests', customer: s.customerId });
    const order = () => deepAll(el, '[part=request-row]').map((r) => r.dataset.id).filter((x) => [change.id, escalation.id, meeting.id, done.id].includes(x!));
    await until(() => order().length === 4, 'the four requests in the queue', 20_000);
    expect(order()).to.deep.equal([escalation.id, meeting.id, change.id, done.id]);
    await expect(deep(el, 'cp-requests')).to.be.accessible();
    // A meeting is confirmed on a meeting request only, not on a change order or an escalation.
    const actions = (id: string) => deepAll(el, '[part=request-row]').find((r) => r.dataset.id === id)!.querySelectorAll('button');
    const offers = (id: string) => [...actions(id)].map((b) => textOf(b));
    await until(() => offers(meeting.id).includes('Confirm a meeting'), 'Confirm a meeting on the meeting request');
    for (const other of [change.id, escalation.id, done.id]) expect(offers(other)).not.to.include('Confirm a meeting');

    const row = deepAll(el, '[part=request-row]').find((r) => r.dataset.id === escalation.id)!;
    await select(row, 'select', 'in_progress');
    await until(async () => (await call('GET', `/v1/requests/${escalation.id}`)).status === 'in_progress', 'the request in progress');
    const task = await call('GET', `/v1/tasks/${escalation.task_id}`);
    expect(task.status).to.equal('in_progress');
    await settle(el);

    // The contact's dashboard counts what is still open, and opens the Requests view.
    const dash = await mountPortal({ token: s.contact.token, view: 'dashboard' });
    const summary = await until(() => deep(dash, '[part=request-summary]'), 'the requests line on the dashboard', 20_000);
    expect(textOf(summary)).to.equal('4 open requests');
    deep<HTMLButtonElement>(summary, 'button')!.click();
    await until(() => deep(dash, 'cp-requests'), 'the Requests view');
  });
});
