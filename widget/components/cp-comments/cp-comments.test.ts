import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountPortal, scenario, settle, textOf, until } from '../../test/portal.js';

describe('cp-comments', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  const open = async (task: string) => {
    const el = await mountPortal({ token: s.contact.token, view: 'tasks', task });
    await until(() => deep(el, '[part=comment-box] textarea'), 'the comment box');
    return el;
  };

  it('shows the thread oldest first, with authors, Markdown and mentions, never the internal notes', async () => {
    const el = await open(s.tasks.sso);
    await until(() => deepAll(el, '[part=comment]').length === 2, 'two comments');
    const comments = deepAll(el, '[part=comment]');
    expect(textOf(comments[0]!)).to.contain('Ana Silva');
    expect(textOf(comments[0]!)).to.contain('We use Okta');
    expect(textOf(comments[1]!)).to.contain('Sam Carter');
    expect(deep(comments[1]!, '.mention')!.textContent).to.equal('@Ana Silva');
    expect(deep(comments[1]!, 'em')!.textContent).to.equal('Applications → Sign On');
    expect(textOf(el)).not.to.contain('Their IdP admin is new');
    await expect(deep(el, 'cp-comments')).to.be.accessible();
  });

  it('posts a comment, shown at once and kept once the service has it', async () => {
    const el = await open(s.tasks.dpa);
    deep<HTMLTextAreaElement>(el, '[part=comment-box] textarea')!.focus();
    await sendKeys({ type: 'Signed copy coming today.' });
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    await until(() => deepAll(el, '[part=comment]').some((c) => textOf(c).includes('Signed copy coming today.')), 'the comment');
    expect(deep<HTMLTextAreaElement>(el, '[part=comment-box] textarea')!.value).to.equal('');
    await until(async () => (await call('GET', `/v1/tasks/${s.tasks.dpa}/comments`)).data.some((c: { body: string }) => c.body === 'Signed copy coming today.'), 'the saved comment');
    await until(() => !deep(el, '[part=comment].pending'), 'the confirmation');
  });

  it('completes @names from the people of the customer and the team', async () => {
    const el = await open(s.tasks.dpa);
    deep<HTMLTextAreaElement>(el, '[part=comment-box] textarea')!.focus();
    await sendKeys({ type: 'Thanks @lu' });
    await until(() => deep(el, '[role=listbox] [role=option]'), 'suggestions');
    expect(deepAll(el, '[role=option]').map((o) => o.textContent!.trim())).to.deep.equal(['Luis Moreno']);
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(deep<HTMLTextAreaElement>(el, '[part=comment-box] textarea')!.value).to.equal('Thanks @Luis Moreno ');
    expect(deep(el, '[role=listbox]')).to.equal(null);
  });

  it('gives the text back, with a message, when the comment is refused', async () => {
    const el = await open(s.tasks.kickoff);
    await call('PATCH', `/v1/tasks/${s.tasks.kickoff}`, { visibility: 'internal' });
    try {
      deep<HTMLTextAreaElement>(el, '[part=comment-box] textarea')!.focus();
      await sendKeys({ type: 'Can we meet again?' });
      deepAll<HTMLButtonElement>(el, '[part=comment-box] button').find((b) => b.textContent!.trim() === 'Send')!.click();
      await until(() => deep(el, '.notice[role=alert]'), 'the message');
      expect(textOf(deep(el, '.notice[role=alert]')!)).to.contain('Your comment was not posted.');
      await until(() => deep<HTMLTextAreaElement>(el, '[part=comment-box] textarea')!.value === 'Can we meet again?', 'the text back');
      expect(deepAll(el, '[part=comment]').some((c) => textOf(c).includes('Can we meet again?'))).to.equal(false);
    } finally {
      await call('PATCH', `/v1/tasks/${s.tasks.kickoff}`, { visibility: 'portal' });
    }
  });
});
