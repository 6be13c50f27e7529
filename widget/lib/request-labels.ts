import { msg, str } from '@lit/localize';
import type { RequestFieldType, RequestStatus } from '../api/request.types.js';

export const requestStatusLabel = (status: RequestStatus) =>
  ({ open: msg('Open'), in_progress: msg('In progress'), resolved: msg('Resolved'), canceled: msg('Canceled') })[status];

export const requestStatusTone = (status: RequestStatus) => ({ open: 'status-todo', in_progress: 'status-in_progress', resolved: 'status-done', canceled: 'status-todo' })[status];

export const fieldTypeLabel = (type: RequestFieldType) =>
  ({ text: msg('Short text'), textarea: msg('Long text'), number: msg('Number'), date: msg('Date'), select: msg('Choice'), file: msg('File') })[type];

/** How long until (or since) a request's due time, in hours or days: "due in 3 h", "2 days overdue". */
export function slaText(dueAt: string, now = Date.now()): string {
  const hours = Math.round((Date.parse(dueAt) - now) / 3_600_000);
  const days = Math.round(Math.abs(hours) / 24);
  if (hours >= 48) return msg(str`Due in ${days} days`);
  if (hours >= 1) return msg(str`Due in ${hours} h`);
  if (hours > -1) return msg('Due within the hour');
  if (hours > -48) return msg(str`${-hours} h overdue`);
  return msg(str`${days} days overdue`);
}
