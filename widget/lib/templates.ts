import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import type { Task } from '../api/api.types.js';
import { isOverdue } from '../store/selectors.js';
import { formatDate } from './format.js';
import { priorityLabel, statusLabel } from './labels.js';

/** Small pieces of markup several views share. */
export const statusBadge = (task: Pick<Task, 'status'>) => html`<span class="badge status-${task.status}">${statusLabel(task.status)}</span>`;

export const priorityBadge = (task: Pick<Task, 'priority'>) =>
  task.priority === 'high' || task.priority === 'urgent' ? html`<span class="badge priority-${task.priority}">${priorityLabel(task.priority)}</span>` : nothing;

export const internalBadge = (item: { visibility: string }) =>
  item.visibility === 'internal' ? html`<span class="badge internal" part="internal-badge">${msg('Internal')}</span>` : nothing;

/** The due date, marked (in words, not only colour) when overdue. */
export const dueLabel = (task: Task, dateFormat?: Parameters<typeof formatDate>[1]) => {
  if (!task.dueDate) return nothing;
  const date = formatDate(task.dueDate, dateFormat);
  return isOverdue(task)
    ? html`<span class="due overdue"><strong>${msg('Overdue')}</strong> · ${msg(str`due ${date}`)}</span>`
    : html`<span class="due muted">${msg(str`due ${date}`)}</span>`;
};
