import { msg } from '@lit/localize';
import type { Priority, ProjectStatus, TaskStatus, Theme } from '../api/api.types.js';

/** Every enum value's name in the user's language (called at render time, so a switch shows at once). */
export const statusLabel = (status: TaskStatus) =>
  ({ todo: msg('To do'), in_progress: msg('In progress'), blocked: msg('Blocked'), done: msg('Done') })[status];

export const priorityLabel = (priority: Priority) =>
  ({ low: msg('Low'), medium: msg('Medium'), high: msg('High'), urgent: msg('Urgent') })[priority];

export const projectStatusLabel = (status: ProjectStatus) =>
  ({ active: msg('Active'), on_hold: msg('On hold'), completed: msg('Completed'), archived: msg('Archived') })[status];

export const themeLabel = (theme: Theme) => ({ light: msg('Light'), dark: msg('Dark'), auto: msg('Automatic (follows the system)') })[theme];

export const viewLabel = (view: View) =>
  ({ dashboard: msg('Dashboard'), tasks: msg('Tasks'), projects: msg('Projects'), documents: msg('Documents'), settings: msg('Settings') })[view];

export const VIEWS = ['dashboard', 'tasks', 'projects', 'documents', 'settings'] as const;
export type View = (typeof VIEWS)[number];

export const notificationKindLabel = (kind: string) =>
  ({
    assigned: msg('Assigned to you'),
    comment: msg('New comments'),
    due: msg('Due dates'),
    mention: msg('Mentions'),
    customerActivity: msg('Customer activity'),
  })[kind] ?? kind;
