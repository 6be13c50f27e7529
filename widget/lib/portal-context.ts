import { createContext } from '@lit/context';
import type { ApiClient } from '../api/api-client.js';
import type { SessionController } from '../controllers/session.controller.js';
import type { PortalActions } from '../store/portal-actions.js';
import type { PortalStore } from '../store/portal-store.js';
import type { View } from './labels.js';

/** Where to go: a view, and the task open in it (null closes it). */
export interface Navigation {
  view?: View;
  task?: string | null;
  /** The project page open in the Projects view (null closes it). */
  project?: string | null;
}

/** What every view works with: the session, the API client, the store and the actions on it. */
export interface Portal {
  session: SessionController;
  api: ApiClient;
  store: PortalStore;
  actions: PortalActions;
  /** Switches view or opens a task; the element fires `cp-navigate`. */
  navigate(to: Navigation): void;
}

/**
 * Provided by `<customer-portal>` (and by the admin page), consumed by every `cp-*` component.
 * A private symbol, so two bundles on one page never answer each other's requests.
 * @example @consume({ context: portalContext, subscribe: true }) portal?: Portal;
 */
export const portalContext = createContext<Portal>(Symbol('cp-portal'));
