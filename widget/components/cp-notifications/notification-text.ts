import { msg, str } from '@lit/localize';
import type { PortalNotification } from '../../api/api.types.js';
import { formatDate } from '../../lib/format.js';
import type { PortalStore } from '../../store/portal-store.js';

/**
 * A notification in the user's language when the widget knows its task; otherwise the
 * service's own wording.
 */
export function notificationText(n: PortalNotification, store: PortalStore): { title: string; excerpt: string } {
  const known = n.taskId ? store.task(n.taskId) : undefined;
  const task = known?.title;
  const actor = n.actor?.name || msg('Someone');
  const titles: Record<string, string> = task
    ? {
        assigned: msg(str`${actor} assigned you to “${task}”`),
        comment: msg(str`${actor} commented on “${task}”`),
        mention: msg(str`${actor} mentioned you on “${task}”`),
        due: msg(str`“${task}” is due soon`),
        customer_activity: msg(str`${actor} updated “${task}”`),
      }
    : {};
  // The task's current due date, in the person's date format (the service's text has the one of the moment it was written).
  const due = known?.dueDate && (n.kind === 'assigned' || n.kind === 'due') ? msg(str`Due ${formatDate(known.dueDate, store.dateFormat)}`) : null;
  return { title: titles[n.kind] ?? n.title, excerpt: due ?? n.body };
}
