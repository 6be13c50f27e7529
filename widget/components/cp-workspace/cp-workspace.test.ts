import { expect } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { seedPartner, type Partner } from '../../test/commercial-scenario.js';
import { person, type Person } from '../../test/scenario.js';
import { call, deep, deepAll, mountPortal, serviceUrl, textOf, until, uploadAs, writeInto } from '../../test/portal.js';

describe('cp-workspace', () => {
  let p: Partner;
  let rival: Partner;
  let staff: Person;
  let registration: { id: string; deal_id: string };
  const tag = Math.random().toString(36).slice(2, 8);
  before(async () => {
    p = await seedPartner(call, tag);
    rival = await seedPartner(call, `${tag}r`);
    staff = await person(call, `Cara Channel ${tag}`, 'staff', `cara-${tag}`);
    const r = await call<{ id: string }>('POST', '/v1/deal-registrations', {
      customer_id: p.customerId,
      prospect: { company: `Fabrikam ${tag}`, contact_name: 'Fay', email: `fay@fabrikam-${tag}.test` },
      estimated_value: 2_000_000,
      currency: 'EUR',
    });
    registration = await call('POST', `/v1/deal-registrations/${r.id}/decision`, { decision: 'approved', reason: 'Go' });
  });
  afterEach(() => setViewport({ width: 1024, height: 768 }));

  const open = async (theme = 'light') => {
    const el = await mountPortal({ token: p.rep.token, view: 'registrations', theme });
    const button = await until(() => deepAll<HTMLButtonElement>(el, 'cp-registrations >>> button').find((b) => b.textContent!.includes('Open the workspace')), 'the workspace button');
    button.click();
    const workspace = await until(() => deep(el, '[part=workspace]'), 'the workspace', 15_000);
    return { el, workspace };
  };

  it('adds a shared task, shows the shared files, and keeps the team’s internal notes from the partner while replies arrive live', async () => {
    const { el, workspace } = await open('dark');
    await until(() => textOf(workspace).includes('No shared tasks yet.'), 'the empty task list');
    await expect(deep(el, 'cp-workspace')).to.be.accessible();
    deep<HTMLInputElement>(workspace, '[part=workspace-task-form] input[name=title]')!.focus();
    await sendKeys({ type: 'Joint demo with Fay' });
    deep<HTMLButtonElement>(workspace, '[part=workspace-task-form] button[type=submit]')!.click();
    await until(() => deep(workspace, '[part=task-row]') && textOf(workspace).includes('Joint demo with Fay'), 'the new task');
    const [task] = (await call<{ data: { id: string; deal_id: string }[] }>('GET', `/v1/tasks?deal_id=${registration.deal_id}`)).data;
    expect(task!.deal_id).to.equal(registration.deal_id);

    await uploadAs(staff.token, 'account-plan.txt', 'the plan', { deal_id: registration.deal_id });
    deep<HTMLButtonElement>(workspace, '#ws-tab-documents')!.click();
    await until(() => textOf(workspace).includes('account-plan.txt'), 'the shared file');
    expect(deep(workspace, '[part=dropzone]')).not.to.equal(null);
    await expect(deep(el, 'cp-workspace')).to.be.accessible();

    deep<HTMLButtonElement>(workspace, '#ws-tab-notes')!.click();
    await until(() => deep(workspace, '[part=comment-box] textarea'), 'the notes');
    await writeInto(workspace, 'Fay wants a pilot');
    await until(() => deepAll(workspace, '[part=message]').some((m) => textOf(m).includes('Fay wants a pilot') && !m.classList.contains('pending')), 'the note, sent');
    const { thread } = await call<{ thread: { id: string } }>('GET', `/v1/deal-registrations/${registration.id}/workspace`);
    await call('POST', `/v1/threads/${thread.id}/messages`, { body: 'Margin is thin here', visibility: 'internal' }, staff.token);
    await call('POST', `/v1/threads/${thread.id}/messages`, { body: 'We can support the pilot' }, staff.token);
    await until(() => textOf(workspace).includes('We can support the pilot'), 'the reply, live', 15_000);
    expect(textOf(workspace)).not.to.contain('Margin is thin');
    await expect(deep(el, 'cp-workspace')).to.be.accessible();
  });

  it('is readable on a phone, and another partner gets no workspace of it', async () => {
    await setViewport({ width: 360, height: 640 });
    const { workspace } = await open();
    await until(() => textOf(workspace).includes('Joint demo with Fay'), 'the task');
    expect(workspace.getBoundingClientRect().width).to.be.at.most(360);
    const refused = await fetch(`${await serviceUrl()}/v1/deal-registrations/${registration.id}/workspace`, { headers: { authorization: `Bearer ${rival.rep.token}` } });
    expect(refused.status).to.equal(404);
  });
});
