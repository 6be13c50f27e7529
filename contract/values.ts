/**
 * The values of the contract's enums that the widget lists at run time (a select's options, a
 * filter's choices), as plain data: the schemas build their `z.enum`s from them, and the widget
 * imports them without zod. Imports nothing.
 * @example TASK_STATUSES.map((s) => html`<option value=${s}>${statusLabel(s)}</option>`)
 */
export const TASK_STATUSES = ['todo', 'in_progress', 'blocked', 'done'] as const;
export const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export const PROJECT_STATUSES = ['active', 'on_hold', 'completed', 'archived'] as const;
/** `invited` until the first sign-in; `deactivated` refuses every token at once. */
export const PORTAL_ACCESS = ['invited', 'active', 'deactivated'] as const;
/** The kinds of notification a person can switch, each for in-app and for email. */
export const NOTIFICATION_KINDS = ['assigned', 'comment', 'due', 'mention', 'customer_activity', 'message', 'approval', 'goal', 'request'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
