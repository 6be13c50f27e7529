import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, mountPortal, scenario, textOf, until } from '../../test/portal.js';

describe('cp-project-card', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  it('moves its progress bar when a task is done', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'projects' });
    const bar = () => deep<HTMLProgressElement>(el, '[part=project-card] progress')!;
    expect([bar().value, bar().max]).to.deep.equal([1, 4]);
    await call('PATCH', `/v1/tasks/${s.tasks.sso}`, { status: 'done' });
    await until(() => bar().value === 2, 'the progress');
    expect(textOf(deep(el, '[part=project-card]')!)).to.contain('2 of 4 tasks done');
  });

  it('says a project without tasks has none yet, rather than "0 of 0 tasks done"', async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const issued = await call('POST', '/v1/embed-tokens', { user: { external_id: `bare-${tag}`, name: 'Nina New', role: 'contact' }, customer: { external_id: `bare-${tag}`, name: 'Newco' } });
    const customer = (await call('GET', `/v1/customers?external_id=bare-${tag}`)).data[0];
    await call('POST', '/v1/projects', { customer_id: customer.id, name: 'Kick-off', visibility: 'portal' });
    const el = await mountPortal({ token: issued.token, view: 'projects' });
    const card = await until(() => deep(el, '[part=project-card]'), 'the project');
    expect(textOf(card)).to.contain('No tasks yet.');
    expect(textOf(card)).not.to.contain('0 of 0');
    expect(card.querySelector('progress')).to.equal(null);
  });
});
