import { sendKeys } from '@web/test-runner-commands';
import { oneEvent } from '@open-wc/testing';
import type { CustomerPortal } from '../customer-portal/customer-portal.js';
import '../index.js';
import { seedScenario, type Call, type Scenario } from './scenario.js';

/** Calls the real service through the test server (API key unless a token is given). */
export const call: Call = async (method, path, body, token) => {
  const response = await fetch('/__portal/api', { method: 'POST', body: JSON.stringify({ method, path, body, token }) });
  const reply = (await response.json()) as { status: number; body: any };
  if (reply.status < 200 || reply.status >= 300) throw new Error(`${method} ${path} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  return reply.body;
};

let service: Promise<string> | undefined;
/** The real service's origin (another origin than the test page). */
export const serviceUrl = () => (service ??= fetch('/__portal/info').then(async (r) => ((await r.json()) as { url: string }).url));

/** The proxy in front of the service (portal-server.plugin.mjs): it logs what passes, and cuts or stalls an upload when armed. */
export const proxyUrl = async () => ((await (await fetch('/__portal/info')).json()) as { flaky: string }).flaky;

/** What passed through the proxy, oldest first. */
export const proxied = async () =>
  ((await (await fetch('/__portal/requests')).json()) as { requests: { method: string; path: string; offset: number; range: string | null; status: number }[] }).requests;

/** A `token-url` on the test server that issues tokens for this person. */
export const tokenUrl = (externalId: string, name: string, role: 'contact' | 'staff', customer?: string) =>
  `/__portal/token?spec=${encodeURIComponent(JSON.stringify({ user: { external_id: externalId, name, role }, ...(customer ? { customer: { external_id: customer } } : {}) }))}`;

export const scenario = (tag?: string): Promise<Scenario> => seedScenario(call, tag);

const mounted: HTMLElement[] = [];
// Every widget a test mounted leaves with the test (and closes its event stream).
afterEach(function () {
  for (const container of mounted.splice(0)) container.remove();
  reportable(this.currentTest?.err);
});

/**
 * The test runner sends results to Node by structured clone: a failed assertion about an element
 * (its `actual`) cannot be cloned, and the whole file would then time out instead of failing.
 * Such values travel as their markup.
 */
function reportable(error: (Error & { actual?: unknown; expected?: unknown }) | undefined): void {
  if (!error) return;
  for (const key of ['actual', 'expected'] as const) {
    try {
      structuredClone(error[key]);
    } catch {
      const value = error[key];
      error[key] = value instanceof Element ? value.outerHTML.slice(0, 500) : String(value);
    }
  }
}

/** A `<customer-portal>` for the real service, not yet in the page (to spy on it first). */
export async function preparePortal(attributes: Record<string, string | boolean>): Promise<CustomerPortal> {
  const element = document.createElement('customer-portal');
  element.setAttribute('api-base', await serviceUrl());
  element.setAttribute('no-tour', '');
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false) element.removeAttribute(name);
    else element.setAttribute(name, value === true ? '' : value);
  }
  return element;
}

/**
 * Mounts `<customer-portal>` against the real service and waits for `cp-ready`.
 * @example const el = await mountPortal({ token: s.contact.token, view: 'tasks' });
 */
export async function mountPortal(attributes: Record<string, string | boolean> | CustomerPortal): Promise<CustomerPortal> {
  const element = attributes instanceof HTMLElement ? attributes : await preparePortal(attributes);
  const ready = oneEvent(element, 'cp-ready');
  // Not open-wc's fixture(): it waits for an animation frame, which a hidden page never gets.
  const container = document.body.appendChild(document.createElement('div'));
  container.append(element);
  mounted.push(container);
  await ready;
  await settle(element);
  return element;
}

/**
 * Every element matching `selector` in `root` and the shadow roots below it; ` >>> ` steps into
 * what the previous part found (each part matches within one tree).
 * @example deepAll(el, '[part=task-detail] >>> cp-markdown >>> strong')
 */
export function deepAll<E extends Element = HTMLElement>(root: Element | ShadowRoot | Document, selector: string): E[] {
  const within = (start: Element | ShadowRoot | Document, part: string): Element[] => {
    const found: Element[] = [];
    const visit = (node: Element | ShadowRoot | Document) => {
      found.push(...Array.from(node.querySelectorAll(part)));
      for (const el of Array.from(node.querySelectorAll('*'))) if (el.shadowRoot) visit(el.shadowRoot);
    };
    visit(start instanceof Element && start.shadowRoot ? start.shadowRoot : start);
    return found;
  };
  const [first, ...rest] = selector.split('>>>').map((p) => p.trim());
  let found = within(root, first!);
  for (const part of rest) found = found.flatMap((el) => within(el, part));
  return found as E[];
}

export const deep = <E extends Element = HTMLElement>(root: Element | ShadowRoot | Document, selector: string): E | null => deepAll<E>(root, selector)[0] ?? null;

/** The visible text of an element and its shadow roots, spaces collapsed. */
export function textOf(root: Element): string {
  const parts: string[] = [];
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    const el = node as Element;
    if (el.shadowRoot) el.shadowRoot.childNodes.forEach(visit);
    if (el.localName === 'style' || el.localName === 'script') return;
    node.childNodes.forEach(visit);
  };
  visit(root);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** Waits until `check` passes (returns truthy), or fails with `message` after `timeout` ms. */
export async function until<T>(check: () => T | Promise<T>, message = 'condition', timeout = 8000): Promise<NonNullable<T>> {
  const start = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() - start > timeout) throw new Error(`Timed out waiting for ${message}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Lets every pending Lit update (in every shadow root) render. */
export async function settle(root: Element): Promise<void> {
  for (let round = 0; round < 3; round++) {
    await Promise.all(deepAll(root, '*').map((el) => (el as unknown as { updateComplete?: Promise<unknown> }).updateComplete));
    await (root as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
    // Not requestAnimationFrame: it never fires in a page the browser considers hidden.
    await new Promise((r) => setTimeout(r));
  }
}

/** Spies on a `cp-*` event. */
export function spy<T = unknown>(target: EventTarget, name: string): CustomEvent<T>[] {
  const events: CustomEvent<T>[] = [];
  target.addEventListener(name, (e) => events.push(e as CustomEvent<T>));
  return events;
}

/** Uploads a file to the real service as `token`'s user. */
export async function uploadAs(token: string, name: string, content: string | Uint8Array, fields: Record<string, string> = {}): Promise<{ id: string }> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  form.set('file', new File([content as BlobPart], name, { type: typeof content === 'string' ? 'text/plain' : 'application/octet-stream' }));
  const response = await fetch(`${await serviceUrl()}/v1/documents`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  if (!response.ok) throw new Error(`upload: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Picks `<select>` option `value` the way a user would. */
export async function select(root: Element, selector: string, value: string): Promise<void> {
  const element = deep<HTMLSelectElement>(root, selector)!;
  element.value = value;
  element.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await settle(root);
}

/**
 * Types `text` into a widget's comment or message box and sends it (staff: as an internal note
 * when `internal`; the choice stays as it was left after a send, so it is set each time).
 * @example await writeInto(el, `Hello`, true);
 */
export async function writeInto(el: Element, text: string, internal = false): Promise<void> {
  await until(() => deep(el, '[part=comment-box] textarea'), 'the comment box', 20_000);
  const choice = deep<HTMLInputElement>(el, `[part=comment-box] >>> [part=visibility] input[value=${internal ? 'internal' : 'portal'}]`);
  if (choice && !choice.checked) {
    choice.click();
    await settle(el);
  }
  deep<HTMLTextAreaElement>(el, '[part=comment-box] textarea')!.focus();
  await sendKeys({ type: text });
  deep<HTMLButtonElement>(el, '[part=comment-box] button[type=submit]')!.click();
}
