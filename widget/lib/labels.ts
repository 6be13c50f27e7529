import { msg } from '@lit/localize';
import type { Capability, Priority, ProjectStatus, TaskStatus, Theme } from '../api/api.types.js';

/** Every enum value's name in the user's language (called at render time, so a switch shows at once). */
export const statusLabel = (status: TaskStatus) =>
  ({ todo: msg('To do'), in_progress: msg('In progress'), blocked: msg('Blocked'), done: msg('Done') })[status];

export const priorityLabel = (priority: Priority) =>
  ({ low: msg('Low'), medium: msg('Medium'), high: msg('High'), urgent: msg('Urgent') })[priority];

export const projectStatusLabel = (status: ProjectStatus) =>
  ({ active: msg('Active'), on_hold: msg('On hold'), completed: msg('Completed'), archived: msg('Archived') })[status];

export const themeLabel = (theme: Theme) => ({ light: msg('Light'), dark: msg('Dark'), auto: msg('Automatic (follows the system)') })[theme];

export const viewLabel = (view: View) =>
  ({
    dashboard: msg('Dashboard'),
    tasks: msg('Tasks'),
    projects: msg('Projects'),
    timeline: msg('Timeline'),
    goals: msg('Goals'),
    messages: msg('Messages'),
    requests: msg('Requests'),
    documents: msg('Documents'),
    pages: msg('Pages'),
    help: msg('Help'),
    library: msg('Library'),
    deals: msg('Deals'),
    billing: msg('Billing'),
    partner: msg('Partner'),
    registrations: msg('Registrations'),
    referrals: msg('Referrals'),
    commissions: msg('Commissions'),
    settings: msg('Settings'),
  })[view];

export const VIEWS = ['dashboard', 'tasks', 'projects', 'timeline', 'goals', 'messages', 'requests', 'documents', 'pages', 'help', 'library', 'deals', 'billing', 'partner', 'registrations', 'referrals', 'commissions', 'settings'] as const;
export type View = (typeof VIEWS)[number];

/** The capabilities (any one of them) a view shows the items of; a view without one is for everyone. */
const VIEW_CAPABILITY: Partial<Record<View, readonly Capability[]>> = {
  dashboard: ['tasks.view'],
  tasks: ['tasks.view'],
  timeline: ['tasks.view'],
  goals: ['goals.view'],
  messages: ['messages.view'],
  requests: ['requests.submit'],
  documents: ['documents.view'],
  library: ['documents.view'],
  deals: ['deals.view'],
  billing: ['finance.view'],
  partner: ['partner.view_tier'],
  registrations: ['partner.register_deals', 'partner.view_pipeline'],
  referrals: ['partner.register_deals', 'partner.view_pipeline'],
  commissions: ['partner.view_commissions'],
};

/** The partner portal's own views: for staff, only while the customer shown is a partner. */
const PARTNER_VIEWS: readonly View[] = ['partner', 'registrations', 'referrals', 'commissions'];

/**
 * The views offered to the user: only those whose items they may see (`store.can`). Until
 * `/v1/me` has said, the customer views (most people hold every one; the first view is painting meanwhile).
 */
export const allowedViews = (store: { can(capability: Capability): boolean; me: unknown; isStaff?: boolean; isPartner?: boolean }): View[] =>
  VIEWS.filter((view) => {
    if (PARTNER_VIEWS.includes(view) && store.isStaff && !store.isPartner) return false;
    if (!store.me) return !PARTNER_VIEWS.includes(view);
    // The partner library asks for `partner.library` besides `documents.view`.
    if (view === 'library' && store.isPartner && !store.can('partner.library')) return false;
    const capabilities = VIEW_CAPABILITY[view];
    return !capabilities || capabilities.some((c) => store.can(c));
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
    message: msg('Messages'),
    approval: msg('Approvals'),
    goal: msg('Goal progress'),
    request: msg('Requests'),
  })[kind] ?? kind;
