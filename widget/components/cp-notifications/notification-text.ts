import { msg, str } from '@lit/localize';
import type { PortalNotification } from '../../api/api.types.js';
import type { PortalStore } from '../../store/portal-store.js';

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** A notification in words: who did what on which task. */
export function notificationText(n: PortalNotification, store: PortalStore): { title: string; excerpt: string } {
  const data = n.data ?? {};
  const task = text(data.taskTitle) || text((data.task as { title?: unknown } | undefined)?.title) || (n.taskId ? (store.task(n.taskId)?.title ?? '') : '') || msg('a task');
  const actor = text(data.actorName) || store.personName(n.actorId) || msg('Someone');
  const titles: Record<string, string> = {
    assigned: msg(str`${actor} assigned you to “${task}”`),
    comment: msg(str`${actor} commented on “${task}”`),
    mention: msg(str`${actor} mentioned you on “${task}”`),
    due: msg(str`“${task}” is due soon`),
    customer_activity: msg(str`${actor} updated “${task}”`),
    customerActivity: msg(str`${actor} updated “${task}”`),
  };
  return { title: titles[n.kind] ?? (text(data.title) || msg(str`Update on “${task}”`)), excerpt: text(data.excerpt) };
}
