import type { Project, Task, TaskStatus } from '../api/api.types.js';

/** Today as `YYYY-MM-DD` in the user's own time zone: what "overdue" is measured against. */
export const today = (now = new Date()) =>
  `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;

export const isOverdue = (task: Task, day = today()) => task.status !== 'done' && task.dueDate !== null && task.dueDate < day;

/** One collator for every sort: `localeCompare` builds one per call, too slow for thousands of tasks. */
export const collator = new Intl.Collator(undefined, { numeric: true });

/** Projects, people, anything named: in alphabetical order. */
export const byName = (a: { name: string }, b: { name: string }) => collator.compare(a.name, b.name);

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const STATUS_ORDER: Record<TaskStatus, number> = { blocked: 0, in_progress: 1, todo: 2, done: 3 };

/** Open tasks first, each by due date (undated last), then by title. */
export const byDueDate = (a: Task, b: Task) =>
  Number(a.status === 'done') - Number(b.status === 'done') ||
  compareText(a.dueDate ?? '9999', b.dueDate ?? '9999') ||
  STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
  collator.compare(a.title, b.title);

export interface ProjectGroup {
  project: Project | null;
  tasks: Task[];
}

/** Tasks grouped by project (by name; tasks without a project last), each group by due date. */
export function groupByProject(tasks: readonly Task[], projects: ReadonlyMap<string, Project>): ProjectGroup[] {
  const groups = new Map<string | null, Task[]>();
  for (const task of tasks) {
    const key = task.projectId && projects.has(task.projectId) ? task.projectId : null;
    groups.get(key)?.push(task) ?? groups.set(key, [task]);
  }
  return [...groups]
    .map(([id, list]) => ({ project: id ? projects.get(id)! : null, tasks: list.sort(byDueDate) }))
    .sort((a, b) => (a.project ? (b.project ? byName(a.project, b.project) : -1) : 1));
}

export interface ProjectProgress {
  project: Project;
  done: number;
  total: number;
  /** The open task due first. */
  next: Task | null;
}

export function projectProgress(project: Project, tasks: readonly Task[]): ProjectProgress {
  const own = tasks.filter((t) => t.projectId === project.id);
  const open = own.filter((t) => t.status !== 'done' && t.dueDate).sort(byDueDate);
  return { project, done: own.filter((t) => t.status === 'done').length, total: own.length, next: open[0] ?? null };
}

/** A list of the dashboard: a status, the overdue tasks, or every open one (what it starts with). */
export type DashboardList = TaskStatus | 'overdue' | 'open';

export interface Dashboard {
  /** The customer's tasks by status, and the overdue ones, each by due date. */
  lists: Record<DashboardList, Task[]>;
  /** Open tasks assigned to the user, by due date. */
  upcoming: Task[];
  /** Active projects where the user has an open task. */
  projects: ProjectProgress[];
}

/**
 * What the dashboard shows, derived from the store's tasks (so a live change moves it too).
 * @example dashboard(store.taskList, store.projects, me.user.id).lists.blocked.length
 */
export function dashboard(tasks: readonly Task[], projects: ReadonlyMap<string, Project>, userId: string): Dashboard {
  const day = today();
  const lists: Dashboard['lists'] = { todo: [], in_progress: [], blocked: [], done: [], overdue: [], open: [] };
  for (const task of tasks) {
    lists[task.status].push(task);
    if (task.status !== 'done') lists.open.push(task);
    if (isOverdue(task, day)) lists.overdue.push(task);
  }
  for (const list of Object.values(lists)) list.sort(byDueDate);
  const mine = tasks.filter((t) => t.status !== 'done' && t.assigneeIds.includes(userId)).sort(byDueDate);
  const withMine = new Set(mine.map((t) => t.projectId));
  return {
    lists,
    upcoming: mine,
    projects: [...projects.values()]
      .filter((p) => p.status === 'active' && withMine.has(p.id))
      .sort(byName)
      .map((p) => projectProgress(p, tasks)),
  };
}
