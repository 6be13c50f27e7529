import type { Approval, Capability, Comment, Customer, DateFormat, Me, Milestone, Role, Person, PortalDocument, PortalNotification, Project, Task } from '../api/api.types.js';
import type { RequestError } from '../api/request-error.js';
import type { View } from '../lib/labels.js';
import type { OutboxEntry } from './outbox.js';
import { NO_FILTERS, type TaskFilters } from './task-filters.js';
import { ThreadState } from './thread-state.js';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';
export interface Load {
  status: LoadStatus;
  error?: RequestError | undefined;
}

export interface Notice {
  id: number;
  text: string;
  kind: 'info' | 'error';
}

/** A comment still on its way to the server (shown at once, dimmed). */
export type ThreadComment = Comment & { pending?: boolean };

export interface TaskChange {
  task: Task;
  /** `user`: this user's own change, confirmed by the server; `live`: from the event stream. */
  source: 'user' | 'live';
}

const IDLE: Load = { status: 'idle' };
const NOTICE_MS = 10_000;

/**
 * The client-side store every view renders from. The event stream and the user's own actions
 * change it through the same methods; it fires `change` (batched per microtask), `task-change`
 * and `error`.
 * @example store.addEventListener('change', () => this.requestUpdate()); store.putTasks(page);
 */
export class PortalStore extends EventTarget {
  me: Me | null = null;
  /** From the token, known before `/v1/me` answers: staff lists must be scoped from the start. */
  role: Role | null = null;
  customers: Customer[] = [];
  /** The customer every list is about: a contact's own, or the one staff picked. */
  customerId: string | null = null;
  /** The `project` attribute: every view shows that project only. */
  projectId: string | null = null;
  /** The `preview` attribute (staff): only what the customer's contacts see, as they see it. */
  portalOnly = false;
  readonly tasks = new Map<string, Task>();
  readonly projects = new Map<string, Project>();
  readonly people = new Map<string, Person>();
  readonly documents = new Map<string, PortalDocument>();
  readonly milestones = new Map<string, Milestone>();
  /** Approvals the user was asked for, and those of the tasks opened. */
  readonly approvals = new Map<string, Approval>();
  /** Threads by task id, present once loaded. */
  readonly comments = new Map<string, ThreadComment[]>();
  /** The customer's message threads and their loaded messages. */
  readonly threads = new ThreadState(
    () => this.changed(),
    () => this.me?.user.id,
  );
  notifications: PortalNotification[] = [];
  /** Unread notifications on the server, all pages together. */
  unread = 0;
  filters: TaskFilters = { ...NO_FILTERS };
  /** What is on screen: set through `Portal.navigate`, which also tells the host page. */
  route: { view: View; task: string | null; project?: string | null } = { view: 'dashboard', task: null };
  notices: Notice[] = [];
  readonly loads = new Map<string, Load>();
  /** Bumps on every change: views recompute derived lists only when it moves. */
  revision = 0;
  /** False while the service cannot be reached (requests fail or time out, the stream is down). */
  online = true;
  /** Writes made offline, by Idempotency-Key, shown as pending until the service has them. */
  readonly unsent = new Map<string, { kind: OutboxEntry['kind']; target: string; comment?: ThreadComment }>();
  /** This widget's task writes: in flight (by task id, `new` for a creation) and the versions they wrote. */
  private readonly flying = new Map<string, number>();
  private readonly wrote = new Map<string, number>();
  private readonly optimistic = new Map<string, { key: number; patch: Partial<Task> }[]>();
  private merged: { revision: number; tasks: Task[] } | null = null;
  private sequence = 0;
  private queued = false;

  load(key: string): Load {
    return this.loads.get(key) ?? IDLE;
  }

  setLoad(key: string, load: Load): void {
    this.loads.set(key, load);
    this.changed();
  }

  get dateFormat(): DateFormat {
    return this.me?.user.preferences?.dateFormat ?? 'auto';
  }

  /** Staff: the customer shown is a partner (its partner views are offered). */
  get isPartner(): boolean {
    return this.customers.find((c) => c.id === this.customerId)?.portalType === 'partner';
  }

  get isStaff(): boolean {
    return (this.me?.user.role ?? this.role) === 'staff';
  }

  /** Staff tools on screen (visibility controls, internal notes): not in a preview as a contact. */
  get showsStaffTools(): boolean {
    return this.isStaff && !this.portalOnly;
  }

  /** Staff who may change branding, settings and access rules (a service without roles: every one). */
  get isAdmin(): boolean {
    return this.isStaff && this.me?.user.staffRole !== 'member';
  }

  /**
   * Whether the user holds `capability`: staff hold every one; a contact only once `/v1/me` has
   * said which (a service that predates capabilities gives every contact today's rights).
   * Nothing is offered before that, so no button appears and then vanishes.
   */
  can(capability: Capability): boolean {
    if (this.isStaff) return true;
    if (!this.me) return false;
    return !this.me.capabilities || this.me.capabilities.includes(capability);
  }

  /** A task as the user sees it: the server's, with any change still in flight on top. */
  task(id: string): Task | undefined {
    const task = this.tasks.get(id);
    const patches = this.optimistic.get(id);
    return task && patches ? patches.reduce((t, p) => ({ ...t, ...p.patch }), task) : task;
  }

  /** Every task in scope, as the user sees it. */
  get taskList(): Task[] {
    if (this.merged?.revision !== this.revision) {
      let tasks = this.optimistic.size ? [...this.tasks.keys()].map((id) => this.task(id)!) : [...this.tasks.values()];
      // A preview as a contact: a shared task of a project still internal is not theirs either.
      if (this.portalOnly) tasks = tasks.filter((t) => !t.projectId || this.projects.get(t.projectId)?.visibility !== 'internal');
      this.merged = { revision: this.revision, tasks };
    }
    return this.merged.tasks;
  }

  personName(id: string | null): string {
    return (id && this.people.get(id)?.name) || '';
  }

  /** Whether a row belongs to what this widget shows (its customer, its project). */
  inScope(row: { customerId: string | null; projectId?: string | null; visibility?: string }): boolean {
    if (this.customerId && row.customerId !== this.customerId) return false;
    if (this.portalOnly && row.visibility === 'internal') return false;
    return !this.projectId || row.projectId === undefined || row.projectId === this.projectId;
  }

  /** Adds or replaces tasks; an older version never overwrites a newer one. */
  putTasks(tasks: readonly Task[]): void {
    for (const task of tasks) {
      const known = this.tasks.get(task.id);
      if (this.inScope(task) && (!known || known.version <= task.version)) this.tasks.set(task.id, task);
      else if (known && !this.inScope(task)) this.tasks.delete(task.id);
    }
    this.changed();
  }

  removeTask(id: string): void {
    this.tasks.delete(id) && this.changed();
  }

  /** Shows `patch` at once; the returned function takes it back (on success or refusal alike). */
  applyOptimistic(taskId: string, patch: Partial<Task>): () => void {
    const entry = { key: ++this.sequence, patch };
    this.optimistic.set(taskId, [...(this.optimistic.get(taskId) ?? []), entry]);
    this.changed();
    return () => {
      const rest = (this.optimistic.get(taskId) ?? []).filter((e) => e !== entry);
      if (rest.length) this.optimistic.set(taskId, rest);
      else this.optimistic.delete(taskId);
      this.changed();
    };
  }

  putAll<T extends { id: string }>(map: Map<string, T>, rows: readonly T[]): void {
    for (const row of rows) map.set(row.id, row);
    this.changed();
  }

  /** A thread as loaded: comments still waiting for the network stay at its end. */
  putComments(taskId: string, comments: ThreadComment[]): void {
    const unsent = [...this.unsent.values()].flatMap((u) => (u.comment?.taskId === taskId && !comments.some((c) => c.id === u.comment!.id) ? [u.comment] : []));
    this.comments.set(taskId, [...comments, ...unsent]);
    this.changed();
  }

  /** Adds a comment to its thread (if loaded), replacing the pending copy it confirms. */
  addComment(comment: ThreadComment, replaces?: string): void {
    const thread = this.comments.get(comment.taskId);
    if (!thread) return;
    // The stream may bring the confirmed comment before the POST answers: it then takes the place
    // of its pending copy at once, so the thread never shows the comment twice.
    const confirms = replaces ?? (comment.pending ? undefined : thread.find((c) => c.pending && c.authorId === comment.authorId && c.body.trim() === comment.body.trim())?.id);
    const rest = thread.filter((c) => c.id !== confirms);
    // A confirmed comment that waited in the outbox is no longer one to keep at the thread's end.
    for (const unsent of this.unsent.values()) if (unsent.comment && unsent.comment.id === confirms) delete unsent.comment;
    this.putComments(comment.taskId, rest.some((c) => c.id === comment.id) ? rest : [...rest, comment]);
  }

  removeComment(taskId: string, id: string): void {
    const thread = this.comments.get(taskId);
    if (thread) this.putComments(taskId, thread.filter((c) => c.id !== id));
  }

  /** A freshly loaded first page; what the stream brought while it loaded stays on top. */
  replaceNotifications(list: PortalNotification[], unread: number): void {
    const newest = list[0]?.createdAt ?? '';
    const arrived = this.notifications.filter((n) => n.createdAt > newest && !list.some((l) => l.id === n.id));
    this.setNotifications([...arrived, ...list], unread + arrived.filter((n) => !n.readAt).length);
  }

  setNotifications(list: PortalNotification[], unread = this.unread): void {
    this.notifications = list;
    this.unread = Math.max(0, unread);
    this.changed();
  }

  /** A message for the user, dismissed by itself after a while. */
  notify(text: string, kind: Notice['kind'] = 'info'): void {
    const id = ++this.sequence;
    this.notices = [...this.notices.slice(-2), { id, text, kind }];
    this.changed();
    setTimeout(() => this.dismiss(id), NOTICE_MS);
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
    this.changed();
  }

  fail(error: RequestError): void {
    this.dispatchEvent(new CustomEvent('error', { detail: error }));
  }

  /**
   * Marks a write of this widget to task `key` (or `new`) as in flight; the returned function
   * ends it with the task the service answered. The stream's echo of such a write is not
   * reported again as a live change.
   */
  writing(key: string): (task?: Task) => void {
    this.flying.set(key, (this.flying.get(key) ?? 0) + 1);
    return (task) => {
      const left = this.flying.get(key)! - 1;
      if (left) this.flying.set(key, left);
      else this.flying.delete(key);
      if (task) this.wrote.set(task.id, Math.max(task.version, this.wrote.get(task.id) ?? 0));
    };
  }

  private ownEcho(type: string, actorId: string | undefined, task: Task): boolean {
    if (!actorId || actorId !== this.me?.user.id) return false;
    return this.flying.has(task.id) || (type === 'task.created' && this.flying.has('new')) || (this.wrote.get(task.id) ?? -1) >= task.version;
  }

  taskChanged(change: TaskChange): void {
    this.dispatchEvent(new CustomEvent<TaskChange>('task-change', { detail: change }));
  }

  /**
   * One message of the live stream, applied through the same methods as the user's actions.
   * Staff streams carry every customer; only the one on screen is kept.
   */
  applyMessage(type: string, data: any): void {
    // Views that fetch their own items (deals, billing, the partner views) hear of every live event by its type.
    this.dispatchEvent(new CustomEvent('live', { detail: { type } }));
    if (type === 'notification.created' && data?.notification) {
      if (!this.notifications.some((n) => n.id === data.notification.id)) this.setNotifications([data.notification, ...this.notifications], this.unread + 1);
      return;
    }
    const payload = data?.data;
    if (!payload || (this.customerId && data.customerId && data.customerId !== this.customerId)) return;
    if (type === 'task.deleted') this.removeTask(payload.task.id);
    else if (type.startsWith('task.') && payload.task) {
      this.putTasks([payload.task]);
      const task = this.task(payload.task.id);
      if (task && type !== 'task.completed' && !this.ownEcho(type, data.actorId, payload.task)) this.taskChanged({ task, source: 'live' });
    } else if (type === 'comment.created' && payload.comment) this.addComment(payload.comment);
    else if (type === 'milestone.deleted' || (this.portalOnly && payload.milestone?.visibility === 'internal')) this.milestones.delete(payload.milestone.id) && this.changed();
    else if (type.startsWith('milestone.') && payload.milestone) this.putAll(this.milestones, [payload.milestone]);
    else if (type === 'message.created' && payload.message) this.threads.add(payload.message);
    else if (type === 'message.read' && payload.read) this.threads.read(payload.read);
    else if (type.startsWith('approval.') && payload.approval) this.putAll(this.approvals, [payload.approval]);
    else if (type === 'thread.created' && payload.thread && !(this.portalOnly && payload.thread.visibility === 'internal'))
      this.threads.put([{ ...payload.thread, lastMessageAt: null, unreadCount: 0, createdAt: new Date().toISOString() }]);
    else if (this.portalOnly && (payload.document ?? payload.project)?.visibility === 'internal') {
      const row = payload.document ?? payload.project;
      (payload.document ? this.documents : this.projects).delete(row.id) && this.changed();
    } else if ((type === 'document.created' || type === 'document.updated' || type === 'document.version_created') && payload.document && !payload.document.libraryCategory) this.putAll(this.documents, [payload.document]);
    else if (type === 'document.deleted') this.documents.delete(payload.document.id) && this.changed();
    else if (type.startsWith('project.') && payload.project) this.putAll(this.projects, [payload.project]);
  }

  /** Another user: nothing cached for the previous one may remain. */
  clear(): void {
    this.me = null;
    this.role = null;
    this.customers = [];
    this.customerId = null;
    for (const map of [this.tasks, this.projects, this.people, this.documents, this.milestones, this.approvals, this.comments, this.loads, this.optimistic, this.unsent, this.flying, this.wrote]) map.clear();
    this.threads.clear();
    this.online = true;
    this.notifications = [];
    this.unread = 0;
    this.filters = { ...NO_FILTERS };
    this.notices = [];
    this.changed();
  }

  /** Clears what belongs to one customer (staff switching customers); the user stays. */
  clearCustomerData(): void {
    for (const map of [this.tasks, this.projects, this.people, this.documents, this.milestones, this.approvals, this.comments, this.optimistic]) map.clear();
    this.threads.clear();
    for (const key of [...this.loads.keys()]) if (key !== 'me' && key !== 'customers' && key !== 'notifications') this.loads.delete(key);
    this.filters = { ...NO_FILTERS };
    this.changed();
  }

  changed(): void {
    this.revision++;
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      this.dispatchEvent(new Event('change'));
    });
  }
}
