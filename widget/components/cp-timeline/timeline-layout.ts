import type { Milestone, Task } from '../../api/api.types.js';

/** How many pixels a day takes at each zoom. */
export const ZOOMS = { week: 36, month: 12, quarter: 4 } as const;
export type Zoom = keyof typeof ZOOMS;

const DAY = 86_400_000;
const toDay = (date: string) => Math.floor(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / DAY);
export const fromDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
export const shiftDate = (date: string, days: number) => fromDay(toDay(date) + days);

export interface Bar {
  task: Task;
  /** Days from the chart's first day. */
  start: number;
  length: number;
  /** Start and end as shown: the start date, else the creation day. */
  from: string;
  to: string;
  undated: boolean;
}

export interface Layout {
  first: number;
  days: number;
  today: number;
  bars: Bar[];
  milestones: { milestone: Milestone; at: number }[];
  /** Month starts and (zoomed in) Mondays, as days from the first. */
  ticks: { at: number; date: string; month: boolean }[];
}

/** The start a bar is drawn from: `start_date`, else its creation day (never after its due date). */
export function barDates(task: Task): { from: string; to: string; undated: boolean } {
  let from = task.startDate ?? task.createdAt.slice(0, 10);
  if (task.dueDate && task.dueDate < from) from = task.dueDate;
  return { from, to: task.dueDate ?? from, undated: !task.dueDate };
}

/**
 * Places a project's tasks (bars from start to due date, by start) and milestones on a scale of
 * days around them and today. Pure, so the whole chart is laid out in one pass over the tasks.
 */
export function layout(tasks: readonly Task[], milestones: readonly Milestone[], zoom: Zoom, todayDate = new Date().toISOString().slice(0, 10)): Layout {
  const today = toDay(todayDate);
  const dated = tasks.map((task) => ({ task, ...barDates(task) }));
  let min = today;
  let max = today;
  for (const d of dated) {
    min = Math.min(min, toDay(d.from));
    max = Math.max(max, toDay(d.to));
  }
  for (const m of milestones) {
    min = Math.min(min, toDay(m.dueDate));
    max = Math.max(max, toDay(m.dueDate));
  }
  const first = min - 3;
  const days = max - first + 14;
  dated.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.task.title.localeCompare(b.task.title));
  const bars = dated.map((d) => ({ task: d.task, start: toDay(d.from) - first, length: toDay(d.to) - toDay(d.from) + 1, from: d.from, to: d.to, undated: d.undated }));
  const ticks: Layout['ticks'] = [];
  for (let day = first; day < first + days; day++) {
    const date = fromDay(day);
    const month = date.endsWith('-01');
    // Thursday 1970-01-01 is day 0: day % 7 === 4 is a Monday.
    const monday = ((day % 7) + 7) % 7 === 4;
    if (month || (monday && zoom !== 'quarter')) ticks.push({ at: day - first, date, month });
  }
  return { first, days, today: today - first, bars, milestones: milestones.map((milestone) => ({ milestone, at: toDay(milestone.dueDate) - first })), ticks };
}
