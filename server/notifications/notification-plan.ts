import type { EventRow } from '../db/database.js';
import { formatCalendarDate } from '../../contract/dates.js';
import { DEFAULT_PREFERENCES, type NotificationKind, type Preferences } from '../users/preferences.js';
import type { NotificationText } from './notification.repository.js';

/** What a customer's contact did, as the vendor's staff hear of it (`customer_activity`). */
export type Activity = 'commented' | 'uploaded' | 'completed' | 'blocked';

/** Who an event may notify, and of what: recipients are then checked one by one against the visibility rule. */
export interface NotificationPlan {
  /** The row each recipient must be able to see. */
  subject: { table: 'tasks' | 'comments' | 'documents'; id: string };
  taskId: string | null;
  /** Per user id, the kinds this event gives them (before preferences and visibility). */
  targets: Map<string, Set<NotificationKind>>;
  /** Set when a contact's action should reach the vendor's staff; checked against the actor's role. */
  activity: Activity | null;
  taskTitle: string | null;
  dueDate: string | null;
  excerpt: string;
  documentName: string | null;
  stage: 'soon' | 'overdue' | null;
}

interface TaskData {
  id: string;
  title: string;
  status?: string;
  due_date?: string | null;
  assignee_ids?: string[];
}

const EXCERPT = 280;
const excerptOf = (markdown: string) => {
  const flat = markdown.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT - 1)}…` : flat;
};

function add(targets: Map<string, Set<NotificationKind>>, ids: readonly string[] | undefined, kind: NotificationKind): void {
  for (const id of ids ?? []) {
    const kinds = targets.get(id) ?? new Set<NotificationKind>();
    kinds.add(kind);
    targets.set(id, kinds);
  }
}

function taskPlan(task: TaskData, activity: Activity | null = null): NotificationPlan {
  return {
    subject: { table: 'tasks', id: task.id },
    taskId: task.id,
    targets: new Map(),
    activity,
    taskTitle: task.title,
    dueDate: task.due_date ?? null,
    excerpt: '',
    documentName: null,
    stage: null,
  };
}

/**
 * What an event of the log may notify, read from its data as `event-types.ts` describes it;
 * null for events that notify no one.
 * @example const plan = planFor(event); if (plan) for (const [userId, kinds] of plan.targets) …
 */
export function planFor(event: EventRow): NotificationPlan | null {
  const data = JSON.parse(event.data) as Record<string, any>;
  switch (event.type) {
    case 'task.created': {
      const plan = taskPlan(data.task);
      add(plan.targets, data.task.assignee_ids, 'assigned');
      return plan;
    }
    case 'task.updated': {
      const changes: string[] = data.changes ?? [];
      const blocked = changes.includes('status') && data.task.status === 'blocked';
      const plan = taskPlan(data.task, blocked ? 'blocked' : null);
      if (changes.includes('assignee_ids')) {
        const before = new Set<string>(data.previous?.assignee_ids ?? []);
        add(plan.targets, (data.task.assignee_ids as string[]).filter((id) => !before.has(id)), 'assigned');
      }
      return plan;
    }
    case 'task.completed':
      return taskPlan(data.task, 'completed');
    case 'task.due_soon':
    case 'task.overdue': {
      const plan = { ...taskPlan(data.task), stage: event.type === 'task.overdue' ? ('overdue' as const) : ('soon' as const) };
      add(plan.targets, data.task.assignee_ids, 'due');
      return plan;
    }
    case 'comment.created': {
      const { comment, task } = data as { comment: { id: string; task_id: string; body: string; mentions?: string[] }; task: TaskData };
      const plan: NotificationPlan = {
        ...taskPlan(task, 'commented'),
        subject: { table: 'comments', id: comment.id },
        excerpt: excerptOf(comment.body ?? ''),
      };
      add(plan.targets, comment.mentions, 'mention');
      add(plan.targets, task.assignee_ids, 'comment');
      return plan;
    }
    case 'document.created': {
      const document = data.document as { id: string; task_id: string | null; name: string };
      return {
        subject: { table: 'documents', id: document.id },
        taskId: document.task_id,
        targets: new Map(),
        activity: 'uploaded',
        taskTitle: null,
        dueDate: null,
        excerpt: '',
        documentName: document.name,
        stage: null,
      };
    }
    default:
      return null;
  }
}

const quote = (text: string | null) => `“${text ?? ''}”`;

function relativeDay(dueDate: string, today: string): string {
  const days = Math.round((Date.parse(`${dueDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  if (days <= 0) return 'today';
  if (days === 1) return 'tomorrow';
  return `in ${days} days`;
}

/**
 * The title and body of one notification, in the words the person sees in the app and in email.
 * `actor` is the doer's name (null for the vendor's backend or the scheduler); `customer` the
 * doer's company, shown to staff.
 */
export function describe(
  kind: NotificationKind,
  plan: NotificationPlan,
  actor: string | null,
  customer: string | null,
  at: string,
  reader: Pick<Preferences, 'date_format' | 'locale'> = DEFAULT_PREFERENCES,
): NotificationText {
  const task = quote(plan.taskTitle);
  const due = plan.dueDate ? formatCalendarDate(plan.dueDate, reader.date_format, reader.locale) : null;
  switch (kind) {
    case 'assigned':
      return { title: actor ? `${actor} assigned you ${task}` : `You were assigned ${task}`, body: due ? `Due ${due}` : '' };
    case 'comment':
      return { title: actor ? `${actor} commented on ${task}` : `New comment on ${task}`, body: plan.excerpt };
    case 'mention':
      return { title: actor ? `${actor} mentioned you on ${task}` : `You were mentioned on ${task}`, body: plan.excerpt };
    case 'due':
      return plan.stage === 'overdue'
        ? { title: `${task} is overdue`, body: `It was due ${due}` }
        : { title: `${task} is due ${relativeDay(plan.dueDate ?? at.slice(0, 10), at.slice(0, 10))}`, body: `Due ${due}` };
    case 'customer_activity': {
      const by = actor ? (customer ? `${actor} (${customer})` : actor) : (customer ?? 'A customer');
      switch (plan.activity) {
        case 'uploaded':
          return { title: `${by} uploaded ${quote(plan.documentName)}`, body: '' };
        case 'completed':
          return { title: `${by} completed ${task}`, body: '' };
        case 'blocked':
          return { title: `${by} marked ${task} as blocked`, body: '' };
        default:
          return { title: `${by} commented on ${task}`, body: plan.excerpt };
      }
    }
  }
}
