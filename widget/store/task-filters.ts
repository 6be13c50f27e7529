import type { Priority, Project, ProjectStatus, Task, TaskStatus } from '../api/api.types.js';

/** The task list's filters; kept in the store so they survive view switches and token renewals. */
export interface TaskFilters {
  projectStatus: ProjectStatus | '';
  status: TaskStatus | '';
  projectId: string;
  /** A user id, or `me`. */
  assigneeId: string;
  priority: Priority | '';
  q: string;
}

export const NO_FILTERS: TaskFilters = { projectStatus: '', status: '', projectId: '', assigneeId: '', priority: '', q: '' };

/** Lowercase, without accents: "Élan" matches "elan". */
export const fold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/**
 * The tasks that pass every filter. Keywords all have to appear in the title or description,
 * as `GET /v1/tasks?q=` does on the server.
 * @example filterTasks(store.taskList, store.filters, store.projects, me.user.id)
 */
export function filterTasks(tasks: readonly Task[], filters: TaskFilters, projects: ReadonlyMap<string, Project>, me: string): Task[] {
  const words = fold(filters.q).split(/\s+/).filter(Boolean);
  const assignee = filters.assigneeId === 'me' ? me : filters.assigneeId;
  return tasks.filter((task) => {
    if (filters.status && task.status !== filters.status) return false;
    if (filters.priority && task.priority !== filters.priority) return false;
    if (filters.projectId && task.projectId !== filters.projectId) return false;
    if (assignee && !task.assigneeIds.includes(assignee)) return false;
    if (filters.projectStatus && (!task.projectId || projects.get(task.projectId)?.status !== filters.projectStatus)) return false;
    if (words.length) {
      const text = fold(`${task.title} ${task.description}`);
      if (!words.every((w) => text.includes(w))) return false;
    }
    return true;
  });
}

export const activeFilterCount = (filters: TaskFilters) => Object.values(filters).filter(Boolean).length;
