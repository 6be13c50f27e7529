import { msg, str } from '@lit/localize';
import type { RequestFieldType, RequestStatus } from '../api/request.types.js';

export const requestStatusLabel = (status: RequestStatus) =>
  ({ open: msg('Open', { id: 'request-status-open', desc: 'A request that is open (not yet resolved)' }), in_progress: msg('In progress'), resolved: msg('Resolved'), canceled: msg('Canceled') })[status];

export const requestStatusTone = (status: RequestStatus) => ({ open: 'status-todo', in_progress: 'status-in_progress', resolved: 'status-done', canceled: 'status-todo' })[status];

export const fieldTypeLabel = (type: RequestFieldType) =>
  ({ text: msg('Short text'), textarea: msg('Long text'), number: msg('Number'), date: msg('Date'), select: msg('Choice'), file: msg('File') })[type];

/** How long until (or since) a request's due time, in hours or days: "Due in 3 h", "2 days overdue". */
export function slaText(dueAt: string, now = Date.now()): string {
  const ms = Date.parse(dueAt) - now;
  const hours = Math.max(1, Math.round(Math.abs(ms) / 3_600_000));
  const days = Math.round(hours / 24);
  if (ms < 0) return hours >= 48 ? msg(str`${days} days overdue`) : msg(str`${hours} h overdue`);
  if (hours >= 48) return msg(str`Due in ${days} days`);
  return ms >= 3_600_000 - 30_000 ? msg(str`Due in ${hours} h`) : msg('Due within the hour');
}
