import { expect } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys, setViewport } from '@web/test-runner-commands';
import type { Scenario } from '../test/scenario.js';
import { call, deep, deepAll, mountPortal, preparePortal, scenario, settle, spy, textOf, tokenUrl, until } from '../test/portal.js';

describe('<customer-portal>', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  it('opens with a token-url on another origin, says it is ready and shows the dashboard', async () => {
    const el = await mountPortal({ 'token-url': tokenUrl(s.contact.externalId, s.contact.name, 'contact', s.customerExternalId) });
    expect(textOf(el)).to.contain('Northwind Software');
    expect(textOf(el)).to.contain(`Acme ${s.tag}`);
    expect(deep(el, '[role=tab][aria-selected=true]')!.textContent!.trim()).to.equal('Dashboard');
    expect(deep(el, 'cp-dashboard')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('fires cp-ready with the user and cp-navigate when the user moves, by mouse or arrow keys', async () => {
    const element = await preparePortal({ token: s.contact.token });
    const ready = spy<{ user: { id: string; name: string }; customer: { id: string } }>(element, 'cp-ready');
    const el = await mountPortal(element);
    expect(ready).to.have.length(1);
    expect(ready[0]!.detail.user).to.include({ id: s.contact.userId, name: 'Ana Silva' });
    expect(ready[0]!.detail.customer.id).to.equal(s.customerId);
    const navigations = spy<{ view: string; task: string | null }>(el, 'cp-navigate');
    deep<HTMLButtonElement>(el, '#tab-tasks')!.click();
    await settle(el);
    expect(deep(el, 'cp-task-list')).to.exist;
    deep<HTMLButtonElement>(el, '#tab-tasks')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await settle(el);
    expect(deep(el, '[role=tab][aria-selected=true]')!.id).to.equal('tab-projects');
    expect(navigations.map((e) => e.detail.view)).to.deep.equal(['tasks', 'projects']);
  });

  it('takes view and task from its attributes', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'tasks', task: s.tasks.sso });
    expect(deep(el, 'cp-task-list')).to.exist;
    await until(() => deep(el, '[part=task-detail]') && textOf(deep(el, 'cp-task-detail')!).includes('Configure single sign-on'), 'the task');
    el.setAttribute('view', 'documents');
    // A view not on the first paint: its chunk comes on first use.
    await until(() => deep(el, 'cp-documents'), 'the documents view');
  });

  it('never shows a blank widget when the service fails: an error, a retry and cp-error', async () => {
    const unreachable = await preparePortal({ token: s.contact.token, 'api-base': 'http://127.0.0.1:9' });
    const errors = spy<{ code: string }>(unreachable, 'cp-error');
    document.body.append(unreachable);
    await until(() => errors.length > 0, 'cp-error');
    await settle(unreachable);
    expect(errors[0]!.detail.code).to.equal('network_error');
    expect(deep(unreachable, '[role=alert]')!.textContent).to.contain('could not be reached');
    unreachable.remove();

    let attempts = 0;
    const flaky = await preparePortal({});
    flaky.tokenProvider = async () => {
      if (attempts++ === 0) throw new Error('The vendor backend is down');
      return s.contact.token;
    };
    const failures = spy(flaky, 'cp-error');
    document.body.append(flaky);
    await until(() => deep(flaky, '[role=alert]'), 'the error state');
    expect(failures).to.have.length(1);
    expect(textOf(flaky)).to.contain('The vendor backend is down');
    deepAll<HTMLButtonElement>(flaky, 'button').find((b) => b.textContent!.includes('Try again'))!.click();
    await until(() => textOf(flaky).includes('Northwind Software'), 'recovery');
    flaky.remove();
  });

  it('never shows an internal task or an internal comment to a contact', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'tasks', task: s.tasks.sso });
    await until(() => textOf(el).includes('We use Okta'), 'the thread');
    const text = textOf(el);
    expect(text).not.to.contain('Check adoption risk');
    expect(text).not.to.contain('Their IdP admin is new');
    expect(deep(el, '[part~=internal-badge]')).to.equal(null);
  });

  it('renews its token without losing what the user is typing', async () => {
    let issued = 0;
    const el = await mountPortal({ token: s.contact.token, view: 'tasks', task: s.tasks.sso });
    el.tokenProvider = async () => {
      issued++;
      return (await fetch(tokenUrl(s.contact.externalId, s.contact.name, 'contact', s.customerExternalId), { method: 'POST' }).then((r) => r.json())).token;
    };
    el.removeAttribute('token');
    const textarea = await until(() => deep<HTMLTextAreaElement>(el, '[part=comment-box] textarea'), 'the comment box');
    textarea.focus();
    await sendKeys({ type: 'Half-written thought' });
    await (el as unknown as { session: { token(renew: boolean): Promise<string> } }).session.token(true);
    await settle(el);
    expect(issued).to.be.greaterThan(0);
    expect(deep<HTMLTextAreaElement>(el, '[part=comment-box] textarea')!.value).to.equal('Half-written thought');
  });

  it('forgets everything of the previous user when the token is for someone else', async () => {
    const other = await scenario();
    const el = await mountPortal({ token: s.contact.token, view: 'tasks' });
    await until(() => textOf(el).includes('Configure single sign-on'), 'first user tasks');
    const ready = spy(el, 'cp-ready');
    await call('PATCH', `/v1/tasks/${other.tasks.sso}`, { title: `Only for ${other.tag}` });
    el.setAttribute('token', other.contact.token);
    await until(() => ready.length > 0, 'ready again');
    await until(() => textOf(el).includes(`Only for ${other.tag}`), 'the new user tasks');
    expect(textOf(el)).not.to.contain(`Acme ${s.tag}`);
  });

  it('follows the theme: attribute, then preference, then the system under auto', async () => {
    const el = await mountPortal({ token: s.contact.token, theme: 'dark' });
    expect(el.getAttribute('scheme')).to.equal('dark');
    el.setAttribute('theme', 'auto');
    await executeServerCommand('front');
    try {
      await emulateMedia({ colorScheme: 'light' });
      await settle(el);
      await until(() => el.getAttribute('scheme') === 'light', 'light');
      await emulateMedia({ colorScheme: 'dark' });
      await until(() => el.getAttribute('scheme') === 'dark', 'dark under auto');
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
    await expect(el).to.be.accessible();
  });

  it('speaks French when asked, dates and numbers included', async () => {
    const el = await mountPortal({ token: s.contact.token, locale: 'fr', view: 'tasks' });
    await until(() => deep(el, '#tab-dashboard')!.textContent!.includes('Tableau de bord'), 'French tabs');
    expect(textOf(el)).to.contain('Tâches');
    expect(textOf(el)).to.contain('En retard');
    el.setAttribute('locale', 'en');
    await until(() => deep(el, '#tab-dashboard')!.textContent!.includes('Dashboard'), 'English again');
  });

  it('applies the tenant branding unless the host overrides a token', async () => {
    await call('PATCH', '/v1/branding', { colors: { primary: '#0e7490' } });
    const el = await mountPortal({ token: s.contact.token });
    const primary = () => getComputedStyle(deep(el, 'button.primary')!).backgroundColor;
    expect(primary()).to.equal('rgb(14, 116, 144)');
    el.style.setProperty('--cp-color-primary', 'rgb(200, 0, 0)');
    expect(primary()).to.equal('rgb(200, 0, 0)');
    await call('PATCH', '/v1/branding', { colors: { primary: null } });
  });

  it('fits a 360 px wide screen in every view, growing with its content instead of scrolling inside', async () => {
    await setViewport({ width: 360, height: 640 });
    try {
      const el = await mountPortal({ token: s.contact.token });
      for (const view of ['dashboard', 'tasks', 'projects', 'documents', 'settings']) {
        el.setAttribute('view', view);
        await settle(el);
        expect(document.documentElement.scrollWidth, view).to.be.at.most(360);
        for (const node of deepAll(el, '*')) {
          const style = getComputedStyle(node);
          expect(['auto', 'scroll'].includes(style.overflowY) && node.scrollHeight > node.clientHeight, `${view}: ${node.localName} scrolls inside`).to.equal(false);
        }
      }
      el.setAttribute('task', s.tasks.sso);
      await until(() => textOf(el).includes('We use Okta'), 'the task');
      expect(document.documentElement.scrollWidth).to.be.at.most(360);
    } finally {
      await setViewport({ width: 1280, height: 800 });
    }
  });
});
