/**
 * customer-portal: the `<customer-portal>` element and what a second entry (the admin page)
 * reuses: the components, the session and live controllers, the API client and the store.
 * The task panel and what only it uses (comments, Markdown, DOMPurify) load in a chunk of their
 * own when first needed: they are exported as types only, so the first bundle stays small.
 * @example import '@customer-portal/widget'; // defines <customer-portal> and every cp-* element
 */
export { CustomerPortal } from './customer-portal/customer-portal.js';

// The views not on the first paint (documents, settings, the project page, the tour, the
// new-task dialog) are chunks the element loads on first use: they are not exported here;
// nor, but as types, is what only the task panel and the documents use (chunks too).

export type { CpAssigneePicker } from './components/cp-assignee-picker/cp-assignee-picker.js';
export type { CpCommentComposer } from './components/cp-comment-composer/cp-comment-composer.js';
export type { CpComments } from './components/cp-comments/cp-comments.js';
export { CpDashboard } from './components/cp-dashboard/cp-dashboard.js';
export type { CpDocumentList } from './components/cp-document-list/cp-document-list.js';
export type { CpFileUpload } from './components/cp-file-upload/cp-file-upload.js';
export type { CpInlineEdit } from './components/cp-inline-edit/cp-inline-edit.js';
export type { CpMarkdown } from './components/cp-markdown/cp-markdown.js';
export { CpNotifications } from './components/cp-notifications/cp-notifications.js';
export { CpProjectCard } from './components/cp-project-card/cp-project-card.js';
export { CpProjects } from './components/cp-projects/cp-projects.js';
export { CpState } from './components/cp-state/cp-state.js';
export type { CpTaskDetail } from './components/cp-task-detail/cp-task-detail.js';
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
