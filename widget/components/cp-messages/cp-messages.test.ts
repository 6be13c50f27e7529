import { expect } from '@open-wc/testing';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountPortal, scenario, settle, textOf, until, writeInto } from '../../test/portal.js';

const messages = (el: Element) => deepAll(el, '[part=message]').map((m) => textOf(m));
const unreadTab = (el: Element) => textOf(deep(el, '#tab-messages') ?? el);

describe('cp-messages', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  it('carries messages between two widgets, shows the read receipt live, and keeps the internal note from the contact', async () => {
    const contact = await mountPortal({ token: s.contact.token, view: 'messages' });
    const csm = await mountPortal({ token: s.staff.token, view: 'messages', customer: s.customerId });
    await until(() => deep(contact, '[part=comment-box] textarea') && deep(csm, '[part=comment-box] textarea'), 'both message boxes', 20_000);

    await writeInto(contact, `Can we move the go-live (${s.tag})?`);
    await until(() => messages(csm).some((m) => m.includes(`Can we move the go-live (${s.tag})?`)), "the contact's message in the CSM's widget");
    // The CSM's widget shows the thread, so it marks it read: the contact sees it at once.
    await until(() => textOf(deep(contact, '[part=read-receipt]') ?? contact).includes(`Seen by ${s.staff.name}`), 'the read receipt in the contact\'s widget');

    await writeInto(csm, `They may slip, keep an eye on it (${s.tag}).`, true);
    await writeInto(csm, `Yes, next Tuesday works (${s.tag}).`);
    await until(() => messages(contact).some((m) => m.includes(`Yes, next Tuesday works (${s.tag}).`)), "the CSM's reply in the contact's widget");
    await until(() => messages(csm).some((m) => m.includes(`They may slip, keep an eye on it (${s.tag}).`)), 'the note in its own widget');
    await settle(contact);
    expect(textOf(contact)).not.to.contain('keep an eye');
    // Nothing of the note on the wire either: the contact's list has the two portal messages.
    const thread = (await call('GET', `/v1/threads?customer_id=${s.customerId}`)).data[0];
    const asContact = await call('GET', `/v1/threads/${thread.id}/messages`, undefined, s.contact.token);
    expect(asContact.data.map((m: { body: string }) => m.body).join(' ')).not.to.contain('keep an eye');
    await expect(deep(contact, 'cp-messages')).to.be.accessible();
    await expect(deep(csm, 'cp-messages')).to.be.accessible();
  });

  it('counts unread messages on the Messages tab until the thread is read', async () => {
    const thread = (await call('GET', `/v1/threads?customer_id=${s.customerId}`)).data[0];
    const el = await mountPortal({ token: s.colleague.token, view: 'tasks' });
    await until(() => /\d+ unread/.test(unreadTab(el)), 'the unread count on the tab');
    const before = Number(/(\d+) unread/.exec(unreadTab(el))![1]);
    await call('POST', `/v1/threads/${thread.id}/messages`, { body: `One more thing (${s.tag})` }, s.staff.token);
    await until(() => Number(/(\d+) unread/.exec(unreadTab(el))?.[1] ?? 0) === before + 1, 'the count going up live');
    deep<HTMLButtonElement>(el, '#tab-messages')!.click();
    await until(() => messages(el).some((m) => m.includes(`One more thing (${s.tag})`)), 'the thread');
    await until(() => !/unread/.test(unreadTab(el)), 'the count gone once read');
  });
});
