import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { Scenario } from '../../test/scenario.js';
import { call, deep, deepAll, mountPortal, scenario, select, settle, textOf, until } from '../../test/portal.js';

describe('cp-help', () => {
  let s: Scenario;
  let tag: string;
  const ids: Record<string, string> = {};
  before(async () => {
    s = await scenario();
    tag = s.tag;
    // The FAQ is the tenant's: categories and questions carry the scenario's tag.
    const add = async (key: string, question: string, answer: string, category: string, extra: Record<string, unknown> = {}) =>
      (ids[key] = (await call<{ id: string }>('POST', '/v1/faq', { question: `${question} (${tag})`, answer, category: `${category} ${tag}`, ...extra })).id);
    await add('sso', 'How do I turn on single sign-on?', 'Send us your **SAML** metadata.', 'Security');
    await add('mfa', 'Can I use an authenticator app?', 'Yes: in Settings, turn on two-step sign-in.', 'Security');
    await add('invoice', 'Where are my invoices?', 'Under Billing.', 'Billing');
    await add('draft', 'Draft question', 'Not yet', 'Security', { visibility: 'internal' });
  });
  afterEach(() => setViewport({ width: 1024, height: 768 }));

  const questions = (el: Element) => deepAll(el, '[part=faq-entry] .question').map((b) => b.textContent!.replace(` (${tag})`, '')).filter((q) => !q.includes('('));
  const search = async (el: Element, words: string) => {
    const input = await until(() => deep<HTMLInputElement>(el, 'cp-help >>> input[type=search]'), 'the search box');
    input.value = words;
    input.dispatchEvent(new Event('input'));
  };

  it('searches as one types and by category, and hides drafts (dark)', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'help', theme: 'dark' });
    await search(el, tag);
    await until(() => questions(el).length === 3, 'the three published questions');
    expect(questions(el)).not.to.include('Draft question');
    await search(el, `${tag} authenticator`);
    await until(() => questions(el).length === 1, 'the search');
    expect(questions(el)).to.deep.equal(['Can I use an authenticator app?']);
    await search(el, tag);
    await until(() => questions(el).length === 3, 'all again');
    await until(() => deepAll(el, 'cp-help >>> select option').some((o) => o.textContent === `Billing ${tag}`), 'the categories');
    await select(el, 'cp-help >>> select', `Billing ${tag}`);
    await until(() => questions(el).length === 1, 'one category');
    expect(questions(el)).to.deep.equal(['Where are my invoices?']);
    await expect(deep(el, 'cp-help')).to.be.accessible();
  });

  it('opens an entry (a view), asks whether it helped, and takes a comment', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'help' });
    await search(el, `${tag} single sign-on`);
    await until(() => questions(el).length === 1, 'the entry');
    const question = deep<HTMLButtonElement>(el, '[part=faq-entry] .question')!;
    question.click();
    await until(() => textOf(deep(el, '[part=faq-entry]')!).includes('SAML'), 'the answer');
    expect(question.getAttribute('aria-expanded')).to.equal('true');
    const buttons = () => deepAll<HTMLButtonElement>(el, '[part=faq-feedback] button');
    buttons().find((b) => b.textContent === 'No')!.click();
    await until(() => deep(el, '[part=faq-feedback] textarea'), 'the comment box');
    await expect(deep(el, 'cp-help')).to.be.accessible();
    const box = deep<HTMLTextAreaElement>(el, '[part=faq-feedback] textarea')!;
    box.value = 'Where do I find the metadata?';
    deep<HTMLButtonElement>(el, '[part=faq-feedback] button.primary')!.click();
    await until(() => textOf(deep(el, '[part=faq-feedback]')!).includes('Thank you'), 'the thanks');
    const entry = await call<{ views: number; helpful: number; unhelpful: number }>('GET', `/v1/faq/${ids.sso}`);
    expect(entry).to.include({ views: 1, helpful: 0, unhelpful: 1 });
    const stats = await call<{ least_helpful: { id: string; comments: { comment: string }[] }[] }>('GET', '/v1/faq/stats?limit=50');
    expect(stats.least_helpful.find((x) => x.id === ids.sso)!.comments[0]!.comment).to.equal('Where do I find the metadata?');
  });

  it('keeps an open entry and the comment being typed when a slower search answer narrows the list', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'help' });
    await search(el, tag);
    await until(() => questions(el).length === 3, 'the three published questions');
    // Opened from the whole list (its second section), then the narrower answer arrives.
    const question = deepAll<HTMLButtonElement>(el, '[part=faq-entry] .question').find((b) => b.textContent!.startsWith('How do I turn on single sign-on?'))!;
    question.click();
    await until(() => deep(el, '[part=faq-feedback]'), 'the feedback');
    deepAll<HTMLButtonElement>(el, '[part=faq-feedback] button').find((b) => b.textContent === 'No')!.click();
    const box = await until(() => deep<HTMLTextAreaElement>(el, '[part=faq-feedback] textarea'), 'the comment box');
    box.value = 'Typed before the search answered';
    await search(el, `${tag} single sign-on`);
    await until(() => questions(el).length === 1, 'the narrower list');
    expect(deep<HTMLTextAreaElement>(el, '[part=faq-feedback] textarea')).to.equal(box);
    expect(box.value).to.equal('Typed before the search answered');
    deep<HTMLButtonElement>(el, '[part=faq-feedback] button.primary')!.click();
    await until(() => textOf(deep(el, '[part=faq-feedback]')!).includes('Thank you'), 'the thanks');
  });

  it('reads at 360 px, and in French', async () => {
    await setViewport({ width: 360, height: 640 });
    const el = await mountPortal({ token: s.contact.token, view: 'help', locale: 'fr' });
    await until(() => deep(el, 'cp-help >>> h2')?.textContent === 'Aide', 'the French title');
    await search(el, `${tag} invoices`);
    await until(() => questions(el).length === 1, 'the entry');
    deep<HTMLButtonElement>(el, '[part=faq-entry] .question')!.click();
    await until(() => textOf(deep(el, '[part=faq-feedback]') ?? el).includes('Cela vous a-t-il aidé ?'), 'the French question');
    await settle(el);
    const panel = deep(el, 'cp-help')!;
    expect(panel.scrollWidth).to.be.at.most(360);
  });
});
