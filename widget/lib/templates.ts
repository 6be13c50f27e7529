import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { Task } from '../api/api.types.js';
import type { PortalStore } from '../store/portal-store.js';
import { isOverdue } from '../store/selectors.js';
import { formatDate, formatNumber, plural } from './format.js';
import { priorityLabel, statusLabel } from './labels.js';

/** Small pieces of markup several views share. */
export const statusBadge = (task: Pick<Task, 'status'>) => html`<span class="badge status-${task.status}">${statusLabel(task.status)}</span>`;

export const priorityBadge = (task: Pick<Task, 'priority'>) =>
  task.priority === 'high' || task.priority === 'urgent' ? html`<span class="badge priority-${task.priority}">${priorityLabel(task.priority)}</span>` : nothing;

export const internalBadge = (item: { visibility: string }) =>
  item.visibility === 'internal' ? html`<span class="badge internal" part="internal-badge">${msg('Internal')}</span>` : nothing;

/** "1 of 4 tasks done", by the plural rules of the user's language (about the total). */
export const tasksDone = (done: number, total: number) =>
  plural(total, { one: msg(str`${formatNumber(done)} of ${formatNumber(total)} task done`), other: msg(str`${formatNumber(done)} of ${formatNumber(total)} tasks done`) });

/** The Messages tab's badge: "2 unread" (French: "2 non lus"). */
export const unreadMessages = (count: number) =>
  plural(count, { one: msg(str`${formatNumber(count)} unread`), other: msg(str`${formatNumber(count)} unread`, { id: 'unread-many' }) });

/** "3 tasks", "1 task" (French: "0 tâche", "1 tâche", "2 tâches"). */
export const taskCount = (count: number) => plural(count, { one: msg(str`${formatNumber(count)} task`), other: msg(str`${formatNumber(count)} tasks`) });

/** The due date, marked (in words, not only colour) when overdue. */
export const dueLabel = (task: Task, dateFormat?: Parameters<typeof formatDate>[1]) => {
  if (!task.dueDate) return nothing;
  const date = formatDate(task.dueDate, dateFormat);
  return isOverdue(task)
    ? html`<span class="due overdue"><strong>${msg('Overdue')}</strong> · ${msg(str`due ${date}`)}</span>`
    : html`<span class="due muted">${msg(str`due ${date}`)}</span>`;
};

/** The confirmations and refusals of `store.notices`, each dismissable (the element's `notices` part). */
export const notices = (store: PortalStore) => html`<div class="notices" part="notices">
  ${store.notices.map(
    (n) => html`<div class="notice ${n.kind}" role=${n.kind === 'error' ? 'alert' : 'status'}>
      <span>${n.text}</span>
      <button class="icon" aria-label=${msg('Dismiss')} @click=${() => store.dismiss(n.id)}>✕</button>
    </div>`,
  )}
</div>`;
