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
});
