/**
 * customer-portal: the `<customer-portal>` element and what a second entry (the admin page)
 * reuses: the components, the session and live controllers, the API client and the store.
 * @example import '@customer-portal/widget'; // defines <customer-portal> and every cp-* element
 */
export { CustomerPortal } from './customer-portal/customer-portal.js';

// What is not on the first paint (the task panel with its comments, attachments and Markdown,
// documents, settings, the project page, the tour, the new-task dialog) is a chunk the element
// loads on first use: none of it is exported here, which would pull it into the first bundle.

export { CpDashboard } from './components/cp-dashboard/cp-dashboard.js';
export { CpNotifications } from './components/cp-notifications/cp-notifications.js';
export { CpProjectCard } from './components/cp-project-card/cp-project-card.js';
export { CpProjects } from './components/cp-projects/cp-projects.js';
export { CpState } from './components/cp-state/cp-state.js';
export { CpTaskFilters } from './components/cp-task-filters/cp-task-filters.js';
export { CpTaskList } from './components/cp-task-list/cp-task-list.js';

export { ApiClient, type ApiClientOptions } from './api/api-client.js';
export type * from './api/api.types.js';
export { RequestError } from './api/request-error.js';
export { AppearanceController } from './controllers/appearance.controller.js';
export { LiveEventsController, type LiveStatus } from './controllers/live-events.controller.js';
export { SessionController, type TokenSource } from './controllers/session.controller.js';
export { decodeClaims, type TokenClaims } from './controllers/token-claims.js';
export { getLocale, setLocale } from './lib/localization.js';
export { portalContext, type Navigation, type Portal } from './lib/portal-context.js';
export { define, PortalElement } from './lib/portal-element.js';
export { PortalActions } from './store/portal-actions.js';
export { PortalStore } from './store/portal-store.js';
export { sharedStyles } from './styles/shared.styles.js';
export { brandingSheet, tokenStyles } from './styles/tokens.styles.js';
