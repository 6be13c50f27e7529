import { msg } from '@lit/localize';
import type { Capability, Me, Priority, ProjectStatus, TaskStatus, Theme } from '../api/api.types.js';

/** Every enum value's name in the user's language (called at render time, so a switch shows at once). */
export const statusLabel = (status: TaskStatus) =>
  ({ todo: msg('To do'), in_progress: msg('In progress'), blocked: msg('Blocked'), done: msg('Done') })[status];

export const priorityLabel = (priority: Priority) =>
  ({ low: msg('Low'), medium: msg('Medium'), high: msg('High'), urgent: msg('Urgent') })[priority];

export const projectStatusLabel = (status: ProjectStatus) =>
  ({ active: msg('Active'), on_hold: msg('On hold'), completed: msg('Completed'), archived: msg('Archived') })[status];

export const themeLabel = (theme: Theme) => ({ light: msg('Light'), dark: msg('Dark'), auto: msg('Automatic (follows the system)') })[theme];

export const viewLabel = (view: View) =>
  ({ dashboard: msg('Dashboard'), tasks: msg('Tasks'), projects: msg('Projects'), timeline: msg('Timeline'), documents: msg('Documents'), library: msg('Library'), settings: msg('Settings') })[view];

export const VIEWS = ['dashboard', 'tasks', 'projects', 'timeline', 'documents', 'library', 'settings'] as const;
export type View = (typeof VIEWS)[number];

/** The capability a view shows the items of; a view without one is for everyone. */
const VIEW_CAPABILITY: Partial<Record<View, Capability>> = { dashboard: 'tasks.view', tasks: 'tasks.view', timeline: 'tasks.view', documents: 'documents.view', library: 'documents.view' };

/** What a partner's contact needs besides a view's capability: the library is the partner library. */
const PARTNER_CAPABILITY: Partial<Record<View, Capability>> = { library: 'partner.library' };

/**
 * The views offered to the user: only those whose items they may see (`store.can`). Until
 * `/v1/me` has said, every view (most people hold every one; the first view is painting meanwhile).
 */
export const allowedViews = (store: { can(capability: Capability): boolean; me: Me | null }): View[] =>
  VIEWS.filter((view) => {
    if (!store.me) return true;
    const capability = VIEW_CAPABILITY[view];
    const partner = store.me.customer?.portalType === 'partner' && store.me.user.role === 'contact' ? PARTNER_CAPABILITY[view] : undefined;
    return (!capability || store.can(capability)) && (!partner || store.can(partner));
  });

/** A library category's name: the usual ones in the user's language, the vendor's own as written. */
export const libraryCategoryLabel = (category: string) =>
  ({ collateral: msg('Collateral'), technical: msg('Technical'), training: msg('Training'), templates: msg('Templates') })[category] ?? category.charAt(0).toUpperCase() + category.slice(1).replace(/[-_]/g, ' ');

export const notificationKindLabel = (kind: string) =>
  ({
    assigned: msg('Assigned to you'),
    comment: msg('New comments'),
    due: msg('Due dates'),
    mention: msg('Mentions'),
    customerActivity: msg('Customer activity'),
  })[kind] ?? kind;
