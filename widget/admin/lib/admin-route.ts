import { ADMIN_TABS, type AdminRoute, type AdminTab } from './admin-context.js';

const ID = /^[a-z]{3}_[0-9A-Za-z]{1,40}$/;

/** Which tabs are about one customer; Activity and Engagement may also show all of them. */
export const needsCustomer = (tab: AdminTab) => tab === 'access' || tab === 'work' || tab === 'projects' || tab === 'goals';

/** The tabs with a customer picker that offers "All customers" too. */
export const anyCustomer = (tab: AdminTab) => tab === 'activity' || tab === 'engagement';

/** The tabs only admins may change anything in (members see them, their controls disabled with the reason). */
export const adminOnly = (tab: AdminTab) => tab === 'branding' || tab === 'settings' || tab === 'permissions' || tab === 'webhooks';

/**
 * The route in an address fragment, `#tab/customer/task`; anything unknown is left out.
 * @example readRoute('#work/cus_1/tsk_2') // { tab: 'work', customer: 'cus_1', task: 'tsk_2' }
 */
export function readRoute(hash: string): Partial<AdminRoute> {
  const [tab, customer, task] = hash.replace(/^#/, '').split('/');
  if (!ADMIN_TABS.includes(tab as AdminTab)) return {};
  return { tab: tab as AdminTab, customer: customer && ID.test(customer) ? customer : null, task: task && ID.test(task) ? task : null };
}

export function writeRoute(route: AdminRoute): string {
  const parts: string[] = [route.tab];
  if (route.customer && (needsCustomer(route.tab) || anyCustomer(route.tab))) {
    parts.push(route.customer);
    if (route.task && route.tab === 'work') parts.push(route.task);
  }
  return `#${parts.join('/')}`;
}
