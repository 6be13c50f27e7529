import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { Scenario } from '../test/scenario.js';
import { controlNetwork } from '../test/network.js';
import { call, deep, mountPortal, preparePortal, scenario, select, settle, spy, textOf, until } from '../test/portal.js';
import type { TaskChange } from '../store/portal-store.js';

type ErrorDetail = { status: number; code: string; message: string };

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The "Try again" of the portal that could not be opened (not a view's own retry). */
const tryAgain = (el: Element) => [...(el.shadowRoot?.querySelectorAll<HTMLButtonElement>('.fatal button') ?? [])].find((b) => b.textContent!.includes('Try again'));

/** Mounts without waiting for cp-ready (it may never come). */
function place(element: HTMLElement): HTMLElement {
  const container = document.body.appendChild(document.createElement('div'));
  container.append(element);
  return container;
}

describe('<customer-portal> as a vendor meets it', () => {
  let s: Scenario;
  before(async () => {
    s = await scenario();
  });

  it('reports its own change once, as "user", never again as "live"', async () => {
    const el = await mountPortal({ token: s.contact.token, view: 'tasks', task: s.tasks.loose });
    const changes = spy<TaskChange>(el, 'cp-task-change');
    await select(el, 'select[aria-label=Status]', 'in_progress');
    // Someone else's change afterwards: once it arrives live, the stream has passed our own.
    await until(() => changes.some((c) => c.detail.source === 'user'), 'the confirmation');
    await call('PATCH', `/v1/tasks/${s.tasks.kickoff}`, { priority: 'low' });
    await until(() => changes.some((c) => c.detail.source === 'live'), 'the other change, live');
    await settle(el);
    expect(changes.map((c) => [c.detail.task.id, c.detail.source])).to.deep.equal([
      [s.tasks.loose, 'user'],
      [s.tasks.kickoff, 'live'],
    ]);
  });

  it('shares one stream between widgets of one user, and opens one each where Web Locks are missing', async () => {
    for (const locks of [true, false]) {
      const descriptor = Object.getOwnPropertyDescriptor(Navigator.prototype, 'locks')!;
      if (!locks) Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined, configurable: true });
      const network = await controlNetwork();
      try {
        const first = await mountPortal({ token: s.contact.token, view: 'tasks' });
        const second = await mountPortal({ token: s.contact.token, view: 'tasks' });
        const title = `Send us your logo (${locks ? 'shared' : 'each its own'})`;
        await call('PATCH', `/v1/tasks/${s.tasks.loose}`, { title });
        for (const el of [first, second]) await until(() => textOf(el).includes(title), 'the change in each widget', 20_000);
        expect(network.requests.filter((r) => r === 'GET /v1/events')).to.have.length(locks ? 1 : 2);
        for (const el of [first, second]) el.parentElement!.remove();
      } finally {
        network.restore();
        Object.defineProperty(Navigator.prototype, 'locks', descriptor);
      }
    }
    await call('PATCH', `/v1/tasks/${s.tasks.loose}`, { title: 'Send us your logo' });
  });

  it('recovers when the service was away between the token and the first data: on "Try again", and by itself, with one cp-error', async () => {
    const network = await controlNetwork();
    try {
      network.set('down');
      const el = await preparePortal({ token: s.contact.token, view: 'tasks' });
      const errors = spy<ErrorDetail>(el, 'cp-error');
      const ready = spy(el, 'cp-ready');
      const container = place(el);
      await until(() => tryAgain(el), 'the error and its retry');
      await wait(500);
      expect(errors.map((e) => e.detail.code)).to.deep.equal(['network_error']);

      network.set('up');
      tryAgain(el)!.click();
      await until(() => ready.length === 1, 'cp-ready after Try again');
      await until(() => textOf(el).includes('Configure single sign-on'), 'the tasks');
      expect(errors).to.have.length(1);
      container.remove();

      // Nobody presses anything: it tries again by itself (2 s, then further apart).
      network.set('down');
      const alone = await preparePortal({ token: s.contact.token, view: 'tasks' });
      const aloneErrors = spy<ErrorDetail>(alone, 'cp-error');
      const aloneReady = spy(alone, 'cp-ready');
      const second = place(alone);
      await until(() => tryAgain(alone), 'the error');
      network.set('up');
      await until(() => aloneReady.length === 1, 'recovery by itself', 10_000);
      await until(() => textOf(alone).includes('Configure single sign-on'), 'the tasks');
      expect(aloneErrors).to.have.length(1);
      second.remove();
    } finally {
      network.restore();
    }
  });

  it('gives up on a service that accepts and never answers: offline, with a cp-error network_error', async () => {
    const { hung } = (await (await fetch('/__portal/info')).json()) as { hung: string };
    const el = await preparePortal({ token: s.contact.token, 'api-base': hung });
    el.requestTimeout = 1_000;
    const errors = spy<ErrorDetail>(el, 'cp-error');
    const container = place(el);
    await until(() => tryAgain(el), 'the error state', 5_000);
    expect(errors.map((e) => [e.detail.status, e.detail.code])).to.deep.equal([[0, 'network_error']]);
    expect(errors[0]!.detail.message).to.contain('did not answer in time');
    expect(deep(el, '[role=alert]')!.textContent).to.contain('could not be reached');
    container.remove();
  });

  it('shows itself offline when the service freezes, keeps the change, and is back (the change sent) when it answers again', async () => {
    const network = await controlNetwork();
    try {
      const element = await preparePortal({ token: s.contact.token, view: 'tasks', task: s.tasks.importUsers });
      element.requestTimeout = 1_000;
      const el = await mountPortal(element);
      const errors = spy<ErrorDetail>(el, 'cp-error');
      network.set('hung');
      await select(el, 'select[aria-label=Status]', 'in_progress');
      await until(() => deep(el, '[part=connection]'), 'the offline notice', 5_000);
      expect(textOf(deep(el, '[part=connection]')!)).to.contain('offline');
      expect(errors.map((e) => e.detail.code)).to.deep.equal(['network_error']);
      expect(deep<HTMLSelectElement>(el, 'select[aria-label=Status]')!.value).to.equal('in_progress');

      network.set('up');
      await until(() => !deep(el, '[part=connection]'), 'back online', 15_000);
      await until(async () => (await call<{ status: string }>('GET', `/v1/tasks/${s.tasks.importUsers}`)).status === 'in_progress', 'the change on the service');
      expect(errors).to.have.length(1);
      await call('PATCH', `/v1/tasks/${s.tasks.importUsers}`, { status: 'blocked' });
    } finally {
      network.restore();
    }
  });

  it('takes credentials given just after it is in the page (as React does in an effect) without a cp-error', async () => {
    // A background tab never gets an animation frame.
    await executeServerCommand('front');
    for (const later of [(f: () => void) => f(), (f: () => void) => queueMicrotask(f), (f: () => void) => setTimeout(f), (f: () => void) => requestAnimationFrame(f)]) {
      const el = await preparePortal({});
      const errors = spy(el, 'cp-error');
      const ready = spy(el, 'cp-ready');
      const container = place(el);
      later(() => (el.tokenProvider = async () => s.contact.token));
      await until(() => ready.length === 1, 'cp-ready');
      expect(errors).to.have.length(0);
      container.remove();
    }

    const none = await preparePortal({});
    const errors = spy<ErrorDetail>(none, 'cp-error');
    const container = place(none);
    await until(() => errors.length > 0, 'the missing credential');
    expect(errors.map((e) => e.detail.code)).to.deep.equal(['no_credentials']);
    container.remove();
  });
});
