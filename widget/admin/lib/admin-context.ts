import { createContext } from '@lit/context';
import type { AdminApiClient } from '../api/admin-api.js';

export const ADMIN_TABS = ['customers', 'access', 'work', 'projects', 'goals', 'templates', 'requests', 'library', 'pages', 'faq', 'branding', 'settings', 'permissions', 'webhooks', 'partners', 'activity', 'engagement'] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];

/** Where the admin page is; the address bar carries it as `#tab/customer/task`. */
export interface AdminRoute {
  tab: AdminTab;
  /** The customer the Access, Work and Activity tabs are about (Activity: null for all). */
  customer: string | null;
  /** Work: the task open in the side panel. */
  task: string | null;
}

/** A message of the live stream, as the `live` event of `Admin.live` carries it. */
export interface LiveMessage {
  type: string;
  data: any;
}

/** What the admin views share, beside the portal (session, store, notices) they also receive. */
export interface Admin {
  api: AdminApiClient;
  route: AdminRoute;
  /** Moves the page (another tab, customer or task); it is remembered in the address bar. */
  go(to: Partial<AdminRoute>): void;
  /** The service's origin, for the `<customer-portal>` the Work and Branding tabs embed. */
  apiBase: string;
  /**
   * The scheme the page is in: the widgets it embeds follow it (and its language), so the
   * page and the widget never disagree.
   */
  scheme: 'light' | 'dark';
  /** A staff token from the page's own session, for those embedded widgets. */
  tokenProvider: () => Promise<string>;
  /** Fires `live` (a `CustomEvent<LiveMessage>`) for each message of the page's event stream. */
  live: EventTarget;
  /** Customers were added or changed: the pickers and lists load them again. */
  customersChanged(): void;
}

/**
 * Provided by `<cp-admin>`, consumed by every admin view (through `AdminElement`).
 * @example @consume({ context: adminContext, subscribe: true }) admin?: Admin;
 */
export const adminContext = createContext<Admin>(Symbol('cp-admin'));
