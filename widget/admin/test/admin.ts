import { oneEvent } from '@open-wc/testing';
import '../../admin.js';
import type { CpAdmin } from '../cp-admin/cp-admin.js';
import { serviceUrl, settle } from '../../test/portal.js';

export { call, deep, deepAll, scenario, select, settle, spy, textOf, tokenUrl, until } from '../../test/portal.js';

const mounted: HTMLElement[] = [];
// Every admin page a test mounted leaves with the test, and the address fragment it wrote too.
afterEach(() => {
  for (const element of mounted.splice(0)) element.remove();
  history.replaceState(null, '', location.pathname + location.search);
});

/** A `<cp-admin>` for the real service, not yet in the page (to spy on it first). */
export async function prepareAdmin(attributes: Record<string, string>): Promise<CpAdmin> {
  const element = document.createElement('cp-admin');
  element.setAttribute('api-base', await serviceUrl());
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

/**
 * Mounts `<cp-admin>` against the real service and waits for `cp-ready`.
 * @example const el = await mountAdmin({ token: s.staff.token, tab: 'access', customer: s.customerId });
 */
export async function mountAdmin(attributes: Record<string, string> | CpAdmin): Promise<CpAdmin> {
  const element = attributes instanceof HTMLElement ? attributes : await prepareAdmin(attributes);
  const ready = oneEvent(element, 'cp-ready');
  document.body.append(element);
  mounted.push(element);
  await ready;
  await settle(element);
  return element;
}

/** Types into a field as a user would (sets the value, then fires `input` and `change`). */
export function type(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}
