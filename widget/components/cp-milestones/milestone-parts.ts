import { msg, str } from '@lit/localize';
import { html } from 'lit';
import type { Milestone, MilestoneStatus, Task } from '../../api/api.types.js';
import { formatNumber, plural } from '../../lib/format.js';
import type { Portal } from '../../lib/portal-context.js';

/** Shared by the project page's milestones and the dashboard's next one (both chunks). */
export const milestoneStatusLabel = (status: MilestoneStatus): string =>
  ({ upcoming: msg('Upcoming'), at_risk: msg('At risk'), reached: msg('Reached'), missed: msg('Missed') })[status];

const STATUS_CLASS: Record<MilestoneStatus, string> = { upcoming: 'status-todo', at_risk: 'overdue', reached: 'status-done', missed: 'overdue' };

export const milestoneBadge = (m: Pick<Milestone, 'status'>) => html`<span class="badge ${STATUS_CLASS[m.status]}">${milestoneStatusLabel(m.status)}</span>`;

const today = () => new Date().toISOString().slice(0, 10);
const daysFrom = (date: string, from: string) => Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** "today", "in 12 days", "3 days ago", by the plural rules of the user's language. */
export function daysLeft(dueDate: string, now = today()): string {
  const days = daysFrom(dueDate, now);
  if (days === 0) return msg('today');
  if (days > 0) return plural(days, { one: msg(str`in ${formatNumber(days)} day`), other: msg(str`in ${formatNumber(days)} days`) });
  const ago = -days;
  return plural(ago, { one: msg(str`${formatNumber(ago)} day ago`), other: msg(str`${formatNumber(ago)} days ago`) });
}

export const byDue = (a: Milestone, b: Milestone) => a.dueDate.localeCompare(b.dueDate) || a.name.localeCompare(b.name);

/** The next milestone to reach: the earliest not reached and not past (of one project, or all). */
export function nextMilestone(milestones: Iterable<Milestone>, projectId: string | null = null, now = today()): Milestone | undefined {
  return [...milestones].filter((m) => (!projectId || m.projectId === projectId) && m.status !== 'reached' && m.dueDate >= now).sort(byDue)[0];
}

/**
 * Keeps the store's milestones loaded and current: loaded once, and again (soon after, once)
 * whenever the tasks they count change, since the service computes their status from them.
 * @example const watch = milestoneWatch(); watch(this.portal); // in render()
 */
export function milestoneWatch(): (portal: Portal) => void {
  let signature: string | null = null;
  let revision = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (portal) => {
    const { store, actions } = portal;
    // A render of the view's own (a scroll, a zoom) changes no task.
    if (!store.can('tasks.view') || store.revision === revision) return;
    revision = store.revision;
    const next = store.taskList
      .filter((t: Task) => t.milestoneId)
      .map((t) => `${t.id}:${t.status}:${t.dueDate}:${t.milestoneId}:${t.visibility}`)
      .join();
    if (signature === null) void actions.loadMilestones();
    else if (next !== signature) {
      clearTimeout(timer);
      timer = setTimeout(() => void actions.loadMilestones(true), 300);
    }
    signature = next;
  };
}
