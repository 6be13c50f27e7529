/**
 * The names a view beacon may carry (`POST /v1/analytics/views`), shared by the service (which
 * refuses any other) and the widget (which reports them). Nothing here may import from
 * `server/` or `widget/`. The widget's tabs, the pages opened inside them (`task`, `project`,
 * `document`), and the views of the grown widget (API.md, "The widget, grown").
 */
export const ANALYTICS_VIEWS = [
  'dashboard',
  'tasks',
  'task',
  'projects',
  'project',
  'timeline',
  'documents',
  'document',
  'settings',
  'messages',
  'requests',
  'approvals',
  'goals',
  'pages',
  'help',
  'library',
  'billing',
  'deals',
  'registrations',
  'referrals',
  'commissions',
  'partner',
] as const;

export type AnalyticsView = (typeof ANALYTICS_VIEWS)[number];
