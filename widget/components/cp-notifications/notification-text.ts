import { msg, str } from '@lit/localize';
import type { PortalNotification } from '../../api/api.types.js';
import type { PortalStore } from '../../store/portal-store.js';

/**
 * A notification in the user's language when the widget knows its task; otherwise the
 * service's own wording.
 */
export function notificationText(n: PortalNotification, store: PortalStore): { title: string; excerpt: string } {
  const task = n.taskId ? store.task(n.taskId)?.title : undefined;
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
  return { title: titles[n.kind] ?? n.title, excerpt: n.body };
}
