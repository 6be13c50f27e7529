import { msg } from '@lit/localize';
import { html } from 'lit';
import type { Goal, GoalStatus } from '../../api/goal.types.js';

/** Shared by the Goals view and the dashboard's summary of them (both chunks). */
export const goalStatusLabel = (status: GoalStatus): string =>
  ({ on_track: msg('On track'), at_risk: msg('At risk'), off_track: msg('Off track'), achieved: msg('Achieved') })[status];

const STATUS_CLASS: Record<GoalStatus, string> = { on_track: 'status-in_progress', at_risk: 'overdue', off_track: 'overdue', achieved: 'status-done' };

export const goalBadge = (g: Pick<Goal, 'status'>) => html`<span class="badge ${STATUS_CLASS[g.status]}">${goalStatusLabel(g.status)}</span>`;

/** Goals the way people scan them: the open ones by due date (none last), achieved ones after. */
export const byDue = (a: Goal, b: Goal) =>
  Number(a.status === 'achieved') - Number(b.status === 'achieved') || (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.title.localeCompare(b.title);
