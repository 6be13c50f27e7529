import type { EventRow } from '../db/database.js';
import { formatCalendarDate } from '../../contract/dates.js';
import { DEFAULT_PREFERENCES, type NotificationKind, type Preferences } from '../users/preferences.js';
import type { NotificationText } from './notification.repository.js';
import { wordsFor } from './notification-words.js';

/** What a customer's contact did, as the vendor's staff hear of it (`customer_activity`). */
export type Activity = 'commented' | 'uploaded' | 'completed' | 'blocked' | 'engagement' | 'access_request';

/** Who an event may notify, and of what: recipients are then checked one by one against the visibility rule. */
export interface NotificationPlan {
  /** The row each recipient must be able to see. */
  subject: { table: 'tasks' | 'comments' | 'documents' | 'messages' | 'approvals' | 'customers' | 'goals' | 'access_requests' | 'requests'; id: string };
  taskId: string | null;
  /** The thread of a message: its subject names it, and the notification goes with it. */
  thread: { id: string; subject: string } | null;
  /** A portal message: the customer's contacts hear of the team's, the account team of a contact's. */
  messageTo: 'contacts' | 'team' | null;
  /** A message in a deal's thread: the deal's owner (the rep) hears of each one, internal notes included. */
  dealId?: string | null;
  /** An approval: `pending` asks the recipient to decide; another status says how it ended. */
  approvalStatus?: string;
  /** Per user id, the kinds this event gives them (before preferences and visibility). */
  targets: Map<string, Set<NotificationKind>>;
  /** Set when a contact's action should reach the vendor's staff; checked against the actor's role. */
  activity: Activity | null;
  taskTitle: string | null;
  dueDate: string | null;
  excerpt: string;
  documentName: string | null;
  stage: 'soon' | 'overdue' | null;
  /**
   * A request's event: `created` reaches its task's assignees (or the account team when none),
   * `breached` the account owner and the admins, `updated` the person who filed it.
   */
  request?: { event: 'created' | 'breached' | 'updated'; typeName: string; detail: string | null; status: string; submittedBy: string | null };
  /** Progress on a goal: its owners, of whom the fan-out notifies those on the other side of the actor. */
  goalOwners?: { id: string; role: 'staff' | 'contact' }[];
  /** Progress on a goal: the value recorded (null without a metric) and its unit, and the note. */
  goal?: { value: number | null; unit: string; note: string };
  /** A customer's new engagement trend and score (`customer.engagement_changed`). */
  engagement?: { trend: string; previous: string; score: number };
  /** Someone asking for access (`access_request.created`): the tenant's admins hear of it. */
  accessRequest?: { name: string; company: string; email: string };
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

export function add(targets: Map<string, Set<NotificationKind>>, ids: readonly string[] | undefined, kind: NotificationKind): void {
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
    thread: null,
    messageTo: null,
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
      // A request's task: its assignees hear of the request itself (`request.created`).
      if (!data.request_id) add(plan.targets, data.task.assignee_ids, 'assigned');
      return plan;
    }
    case 'request.created':
    case 'request.sla_breached':
    case 'request.updated': {
      const request = data.request as { id: string; type: { name: string }; values: Record<string, unknown>; status: string; submitted_by: string | null };
      if (event.type === 'request.updated' && !(data.changes as string[] | undefined)?.includes('status')) return null;
      const detail = Object.values(request.values ?? {}).find((v): v is string => typeof v === 'string' && !/^doc_/.test(v)) ?? null;
      const plan: NotificationPlan = {
        subject: { table: 'requests', id: request.id },
        taskId: null,
        thread: null,
        messageTo: null,
        targets: new Map(),
        activity: null,
        taskTitle: null,
        dueDate: null,
        excerpt: '',
        documentName: null,
        stage: null,
        request: {
          event: event.type === 'request.created' ? 'created' : event.type === 'request.sla_breached' ? 'breached' : 'updated',
          typeName: request.type.name,
          detail: detail ? excerptOf(detail).slice(0, 120) : null,
          status: request.status,
          submittedBy: request.submitted_by,
        },
      };
      if (event.type === 'request.created') add(plan.targets, data.assignee_ids, 'request');
      if (event.type === 'request.updated') add(plan.targets, request.submitted_by ? [request.submitted_by] : [], 'request');
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
        thread: null,
        messageTo: null,
        targets: new Map(),
        activity: 'uploaded',
        taskTitle: null,
        dueDate: null,
        excerpt: '',
        documentName: document.name,
        stage: null,
      };
    }
    case 'approval.requested':
    case 'approval.decided':
    case 'approval.completed': {
      const approval = data.approval as { id: string; task_id: string | null; status: string; mode: string; subject: { title: string }; steps: { approver_id: string; decision: string | null }[]; next_approver_id: string | null; created_by: string | null };
      const plan: NotificationPlan = {
        subject: { table: 'approvals', id: approval.id },
        taskId: approval.task_id,
        thread: null,
        messageTo: null,
        approvalStatus: approval.status,
        targets: new Map(),
        activity: null,
        taskTitle: approval.subject.title,
        dueDate: null,
        excerpt: '',
        documentName: null,
        stage: null,
      };
      if (event.type === 'approval.completed') add(plan.targets, approval.created_by ? [approval.created_by] : [], 'approval');
      else if (approval.status === 'pending') {
        // With `sequence`, each approver hears of it when their turn comes.
        const asked = approval.mode === 'sequence' ? (approval.next_approver_id ? [approval.next_approver_id] : []) : event.type === 'approval.requested' ? approval.steps.map((s) => s.approver_id) : [];
        add(plan.targets, asked, 'approval');
      }
      return plan;
    }
    case 'message.created': {
      const { message, thread } = data as { message: { id: string; body: string; visibility: string; mentions?: string[] }; thread: { id: string; subject: string; deal_id?: string | null } };
      const portal = message.visibility === 'portal';
      const plan: NotificationPlan = {
        subject: { table: 'messages', id: message.id },
        taskId: null,
        thread: { id: thread.id, subject: thread.subject },
        messageTo: portal ? 'contacts' : null,
        dealId: thread.deal_id ?? null,
        targets: new Map(),
        activity: null,
        taskTitle: null,
        dueDate: null,
        // An internal note's text stays in the app: no email carries it.
        excerpt: portal ? excerptOf(message.body ?? '') : '',
        documentName: null,
        stage: null,
      };
      add(plan.targets, message.mentions, 'mention');
      return plan;
    }
    case 'goal.progress_recorded': {
      const { goal, update } = data as { goal: { id: string; title: string; due_date?: string | null; metric: { unit: string } | null; owners: { id: string; role: 'staff' | 'contact' }[] }; update: { value: number | null; note: string } };
      return {
        subject: { table: 'goals', id: goal.id },
        taskId: null,
        thread: null,
        messageTo: null,
        targets: new Map(),
        activity: null,
        taskTitle: goal.title,
        dueDate: goal.due_date ?? null,
        excerpt: '',
        documentName: null,
        stage: null,
        goalOwners: goal.owners,
        // Written for each reader: the value in their locale's numbers (`describe`).
        goal: { value: update.value !== null && goal.metric ? update.value : null, unit: goal.metric?.unit ?? '', note: excerptOf(update.note ?? '') },
      };
    }
    case 'customer.engagement_changed':
      // The account team hears of it (the fan-out adds them, as for a contact's activity).
      return {
        subject: { table: 'customers', id: event.subject_id },
        taskId: null,
        thread: null,
        messageTo: null,
        targets: new Map(),
        activity: 'engagement',
        taskTitle: null,
        dueDate: null,
        excerpt: '',
        documentName: null,
        stage: null,
        engagement: { trend: String(data.engagement?.trend), previous: String(data.previous?.trend), score: Number(data.engagement?.score ?? 0) },
      };
    case 'access_request.created':
      // The tenant's admins hear of it (the fan-out adds them): they decide.
      return {
        subject: { table: 'access_requests', id: event.subject_id },
        taskId: null,
        thread: null,
        messageTo: null,
        targets: new Map(),
        activity: 'access_request',
        taskTitle: null,
        dueDate: null,
        excerpt: '',
        documentName: null,
        stage: null,
        accessRequest: { name: String(data.access_request?.name ?? ''), company: String(data.access_request?.company ?? ''), email: String(data.access_request?.email ?? '') },
      };
    default:
      return null;
  }
}

const daysFrom = (today: string, day: string) => Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);

/**
 * The title and body of one notification, in the words the person sees in the app and in email:
 * in their language (`notification-words.ts`), with dates in their date format and numbers as
 * their locale writes them. `actor` is the doer's name (null for the vendor's backend or the
 * scheduler); `customer` the doer's company, shown to staff.
 */
export function describe(
  kind: NotificationKind,
  plan: NotificationPlan,
  actor: string | null,
  customer: string | null,
  at: string,
  reader: Pick<Preferences, 'date_format' | 'locale'> = DEFAULT_PREFERENCES,
): NotificationText {
  const words = wordsFor(reader.locale);
  const task = words.quote(plan.taskTitle ?? '');
  const due = plan.dueDate ? formatCalendarDate(plan.dueDate, reader.date_format, reader.locale) : null;
  switch (kind) {
    case 'assigned':
      return { title: words.assigned(actor, task), body: due ? words.due(due) : '' };
    case 'comment':
      return { title: words.commented(actor, task), body: plan.excerpt };
    case 'mention':
      return { title: words.mentioned(actor, plan.thread ? { thread: words.quote(plan.thread.subject) } : { task }), body: plan.excerpt };
    case 'approval': {
      const status = plan.approvalStatus ?? 'pending';
      return { title: status === 'pending' ? words.approvalAsked(actor, task) : words.approvalEnded(task, status), body: '' };
    }
    case 'request': {
      const r = plan.request!;
      const what = words.request(r.typeName, r.detail);
      if (r.event === 'breached') return words.requestBreached(what, customer);
      if (r.event === 'updated') return { title: words.requestUpdated(what, r.status), body: '' };
      return { title: words.requestFiled(actor ? (customer ? `${actor} (${customer})` : actor) : (customer ?? words.aCustomer), what), body: '' };
    }
    case 'message':
      return { title: words.wrote(actor ? (customer ? `${actor} (${customer})` : actor) : (customer ?? words.theTeam), words.quote(plan.thread?.subject ?? '')), body: plan.excerpt };
    case 'goal': {
      const g = plan.goal;
      const value = g?.value != null ? `${new Intl.NumberFormat(reader.locale).format(g.value)} ${g.unit}`.trim() : '';
      const said = value && g?.note ? words.colon(value, g.note) : value || (g?.note ?? '');
      return { title: words.goalProgress(actor, task), body: [said, due ? words.due(due) : ''].filter(Boolean).join(' · ') };
    }
    case 'due':
      return plan.stage === 'overdue' ? words.overdue(task, due ?? '') : { title: words.dueIn(task, daysFrom(at.slice(0, 10), plan.dueDate ?? at.slice(0, 10))), body: due ? words.due(due) : '' };
    case 'customer_activity': {
      const by = actor ? (customer ? `${actor} (${customer})` : actor) : (customer ?? words.aCustomer);
      switch (plan.activity) {
        case 'uploaded':
          return { title: words.uploaded(by, words.quote(plan.documentName ?? '')), body: '' };
        case 'completed':
          return { title: words.completed(by, task), body: '' };
        case 'engagement':
          return words.engagement(customer ?? words.aCustomer, String(plan.engagement?.trend), Number(plan.engagement?.score), String(plan.engagement?.previous));
        case 'blocked':
          return { title: words.blocked(by, task), body: '' };
        case 'access_request':
          return words.accessRequested(String(plan.accessRequest?.name), String(plan.accessRequest?.company), String(plan.accessRequest?.email));
        default:
          return { title: words.commented(by, task), body: plan.excerpt };
      }
    }
  }
}
