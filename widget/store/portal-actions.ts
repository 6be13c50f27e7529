import { msg, str } from '@lit/localize';
import { idempotencyKey, type ApiClient } from '../api/api-client.js';
import type { LiveStatus } from '../controllers/live-events.controller.js';
import type { Comment, Message, Milestone, MilestoneInput, PortalDocument, PreferencesPatch, Task, TaskInput, Visibility } from '../api/api.types.js';
import { asRequestError, type RequestError } from '../api/request-error.js';
import { errorText } from '../lib/error-text.js';
import type { Outbox, OutboxEntry } from './outbox.js';
import type { PortalStore, ThreadComment } from './portal-store.js';

/** A write that never reached the service (not one it refused): it can wait for the network. */
const unreached = (error: RequestError) => error.status === 0 && error.code === 'network_error';
/**
 * What a task change offline may wait for: the day-to-day fields. Not visibility (the team must
 * know at once whether a customer sees a task), nor text edits (sent later, they would overwrite).
 */
const KEPT = new Set(['status', 'priority', 'dueDate', 'assigneeIds']);
/** What a write kept in the outbox and then refused tells the user, by kind. */
const NOT_SENT: Record<OutboxEntry['kind'], () => string> = {
  task: () => msg('Your change was not saved.'),
  comment: () => msg('Your comment was not posted.'),
  message: () => msg('Your message was not sent.'),
};
type Posted = 'comment' | 'message';
/** What a flush leaves for later: the network, the service or an earlier attempt are not done yet. */
const later = (error: RequestError) => unreached(error) || error.status >= 500 || error.status === 429 || error.code === 'request_in_progress';

/**
 * What the user can do, as calls to the API whose results go into the store. Status changes
 * and comments show at once and are rolled back, with a message, when the server refuses.
 * @example await actions.updateTask(task.id, { status: 'done' });
 */
export class PortalActions {
  private readonly running = new Map<string, Promise<void>>();
  /** The user's marks as read: how many were made, and the last one on its way to the service. */
  private notificationEdits = 0;
  private marking: Promise<unknown> = Promise.resolve();
  /** The user's outbox, once the shell opened it (IndexedDB may be unavailable: then none). */
  outbox: Promise<Outbox> | null = null;
  /** How to take back each unsent task change shown in this tab, by its Idempotency-Key. */
  private readonly undos = new Map<string, () => void>();

  constructor(
    readonly api: ApiClient,
    readonly store: PortalStore,
  ) {}

  /** Runs the load `key` once (again with `force`); its state and error are kept in the store. */
  load(key: string, work: () => Promise<unknown>, force = false): Promise<void> {
    const status = this.store.load(key).status;
    const running = this.running.get(key);
    // A forced load must see what changed since it was asked for: it follows the running one.
    if (running) return force ? running.then(() => this.load(key, work, true)) : running;
    if (!force && status === 'ready') return Promise.resolve();
    this.store.setLoad(key, { status: 'loading' });
    const promise = work().then(
      () => this.store.setLoad(key, { status: 'ready' }),
      (error) => {
        const failure = asRequestError(error);
        // A kind of item the user's capabilities hide is not a failure: its view is not offered.
        if (failure.code === 'capability_required') return this.store.setLoad(key, { status: 'ready' });
        this.store.setLoad(key, { status: 'error', error: failure });
        this.store.fail(failure);
      },
    );
    this.running.set(key, promise);
    return promise.finally(() => this.running.delete(key));
  }

  private get customerQuery(): string | undefined {
    return this.store.isStaff ? (this.store.customerId ?? undefined) : undefined;
  }

  loadMe = (force = false) => this.load('me', async () => (this.store.me = await this.api.me()), force);
  loadCustomers = (force = false) => this.load('customers', async () => (this.store.customers = await this.api.customers()), force);
  loadTasks = (force = false) =>
    this.load(
      'tasks',
      () => this.api.tasks({ customerId: this.customerQuery, projectId: this.store.projectId, visibility: this.store.portalOnly ? 'portal' : undefined }, (page) => this.store.putTasks(page)),
      force,
    );
  loadProjects = (force = false) =>
    this.load('projects', async () => this.store.putAll(this.store.projects, (await this.api.projects(this.customerQuery)).filter((p) => this.store.inScope({ customerId: p.customerId, visibility: p.visibility }))), force);
  loadPeople = (force = false) => this.load('people', async () => this.store.putAll(this.store.people, await this.api.people(this.customerQuery)), force);
  loadDocuments = (force = false) =>
    this.load('documents', async () => this.store.putAll(this.store.documents, (await this.api.documents(this.customerQuery)).filter((d) => this.store.inScope({ customerId: d.customerId, visibility: d.visibility }))), force);
  loadMilestones = (force = false) =>
    this.load('milestones', async () => this.store.putAll(this.store.milestones, (await this.api.milestones(this.customerQuery)).filter((m) => this.store.inScope({ customerId: m.customerId, visibility: m.visibility }))), force);
  loadNotifications = (force = false) =>
    this.load(
      'notifications',
      async () => {
        // A page read while the user was marking notifications read would predate the marks.
        for (;;) {
          await this.marking;
          const edits = this.notificationEdits;
          const page = await this.api.notifications();
          if (edits === this.notificationEdits) return this.store.replaceNotifications(page.data, page.unreadCount);
        }
      },
      force,
    );
  /**
   * Notifications carry no event id a stream could resume from, so their list follows the live
   * stream: it loads as the stream first connects (the bell shows at once), and again each time
   * the stream (re)opens, so whatever arrived while it was away is in it. When the stream cannot
   * open at all, the list still loads.
   */
  followLiveStatus(status: LiveStatus): void {
    if (status === 'open' || status === 'connecting' || status === 'retrying') void this.loadNotifications(status === 'open');
  }
  loadComments = (taskId: string, force = false) => this.load(`comments:${taskId}`, async () => this.store.putComments(taskId, await this.api.comments(taskId)), force);

  /** Approvals waiting for the user's decision (the dashboard), and a task's (its panel). */
  loadWaitingApprovals = (force = false) =>
    this.load('approvals:mine', async () => this.store.putAll(this.store.approvals, await this.api.approvals({ approverId: 'me', status: 'pending', customerId: this.customerQuery })), force);
  loadTaskApprovals = (taskId: string, force = false) => this.load(`approvals:${taskId}`, async () => this.store.putAll(this.store.approvals, await this.api.approvals({ subjectId: taskId })), force);

  /** The customer's threads, with the user's unread counts (the Messages tab shows their sum). */
  loadThreads = (force = false) =>
    this.load('threads', async () => this.store.threads.put((await this.api.threads(this.customerQuery)).filter((t) => this.store.inScope({ customerId: t.customerId, visibility: t.visibility }))), force);

  /** What a customer's views need, the threads for the unread count and the approvals waiting for the user; the documents and messages load when shown. */
  loadCustomerData(force = false): Promise<unknown> {
    return Promise.all([this.loadTasks(force), this.loadProjects(force), this.loadPeople(force), this.loadThreads(force), this.loadWaitingApprovals(force)]);
  }

  /** Staff: show another customer. */
  async selectCustomer(customerId: string): Promise<void> {
    if (customerId === this.store.customerId) return;
    this.store.customerId = customerId;
    this.store.clearCustomerData();
    await this.loadCustomerData();
  }

  /** Tells the user that `what` failed, and why. */
  refused(error: unknown, what: string): RequestError {
    const failure = asRequestError(error);
    this.store.notify(what ? `${what} ${errorText(failure)}` : errorText(failure), 'error');
    this.store.fail(failure);
    return failure;
  }

  /**
   * Changes a task. The change shows at once; `version` (for text edits) makes a change made
   * meanwhile by someone else a refusal rather than an overwrite.
   */
  async updateTask(id: string, patch: TaskInput, version?: number): Promise<Task> {
    const undo = this.store.applyOptimistic(id, patch as Partial<Task>);
    const key = idempotencyKey();
    const end = this.store.writing(id);
    try {
      const task = await this.api.updateTask(id, patch, version, key);
      end(task);
      undo();
      this.savedTask(task);
      return task;
    } catch (error) {
      end();
      if (version === undefined && Object.keys(patch).every((field) => KEPT.has(field)) && (await this.keep(error, { key, kind: 'task', target: id, body: patch }))) {
        this.undos.set(key, undo);
        return this.store.task(id)!;
      }
      undo();
      throw this.refused(error, NOT_SENT.task());
    }
  }

  private savedTask(task: Task): void {
    this.store.putTasks([task]);
    this.store.taskChanged({ task, source: 'user' });
  }

  /** Keeps a write the service never received in the outbox; false when it cannot wait. */
  private async keep(error: unknown, entry: Omit<OutboxEntry, 'owner' | 'at'>): Promise<boolean> {
    const failure = asRequestError(error);
    if (!unreached(failure) || !this.outbox) return false;
    try {
      await (await this.outbox).add(entry);
    } catch {
      return false;
    }
    this.store.unsent.set(entry.key, { kind: entry.kind, target: entry.target });
    this.store.fail(failure);
    this.store.changed();
    return true;
  }

  /**
   * Shows what waits in the outbox (after a reload, or written by another tab) as pending, and
   * sends it: under the outbox's lock, so two tabs back online at once send each write once.
   */
  async flushOutbox(): Promise<void> {
    const outbox = await this.outbox?.catch(() => null);
    if (!outbox) return;
    const { store } = this;
    await outbox
      .flush(
        async (entry) => {
          const end = entry.kind === 'task' ? store.writing(entry.target) : () => {};
          try {
            if (entry.kind === 'task') {
              const task = await this.api.updateTask(entry.target, entry.body, undefined, entry.key);
              end(task);
              this.settle(entry.key);
              this.savedTask(task);
            } else if (entry.kind === 'comment') {
              this.settle(entry.key, await this.api.createComment(entry.target, entry.body.body, entry.body.visibility, entry.key));
            } else {
              this.settle(entry.key, await this.api.createMessage(entry.target, entry.body.body, entry.body.visibility, entry.key));
            }
          } catch (error) {
            end();
            const failure = asRequestError(error);
            if (later(failure)) return false;
            this.settle(entry.key);
            this.refused(failure, NOT_SENT[entry.kind]());
          }
          return true;
        },
        (waiting) => {
          // What another tab sent is no longer pending here; what this tab did not know yet is.
          for (const key of [...store.unsent.keys()]) if (!waiting.has(key)) this.settle(key);
          return this.restore(outbox);
        },
      )
      .catch(() => {});
  }

  private async restore(outbox: Outbox): Promise<void> {
    for (const { key, kind, target, body } of await outbox.list()) {
      if (this.store.unsent.has(key)) continue;
      if (kind === 'task') this.undos.set(key, this.store.applyOptimistic(target, body));
      const comment = kind === 'comment' ? this.pendingComment(target, body.body, body.visibility, key) : undefined;
      this.store.unsent.set(key, { kind, target, comment });
      if (comment) this.store.addComment(comment);
      if (kind === 'message') this.store.threads.wait(this.pendingMessage(target, body.body, body.visibility, key));
    }
    this.store.changed();
  }

  /** An unsent write is done with: its pending mark goes (a comment or message is replaced by the service's). */
  private settle(key: string, written?: Comment | Message): void {
    const unsent = this.store.unsent.get(key);
    this.store.unsent.delete(key);
    this.undos.get(key)?.();
    this.undos.delete(key);
    if (unsent && unsent.kind !== 'task') {
      if (written) this.show(unsent.kind, written, `pending-${key}`);
      else this.unshow(unsent.kind, unsent.target, `pending-${key}`);
    }
    this.store.changed();
  }

  async createTask(input: TaskInput): Promise<Task> {
    const end = this.store.writing('new');
    try {
      const task = await this.api.createTask({ ...input, customerId: input.projectId || input.dealId ? undefined : (this.store.customerId ?? undefined) });
      end(task);
      this.savedTask(task);
      return task;
    } catch (error) {
      end();
      throw this.refused(error, msg('The task was not created.'));
    }
  }

  private pendingComment(taskId: string, body: string, visibility: Visibility | undefined, key: string): ThreadComment {
    return { id: `pending-${key}`, taskId, authorId: this.store.me?.user.id ?? null, body, visibility: visibility ?? 'portal', createdAt: new Date().toISOString(), pending: true };
  }

  private pendingMessage(threadId: string, body: string, visibility: Visibility | undefined, key: string): Message {
    const me = this.store.me?.user;
    const author = me ? { id: me.id, name: me.name, role: me.role } : null;
    return { id: `pending-${key}`, threadId, customerId: this.store.customerId ?? '', authorId: me?.id ?? null, author, body, visibility: visibility ?? 'portal', mentions: [], documentIds: [], readBy: [], createdAt: new Date().toISOString(), pending: true };
  }

  /** Shows a comment or a message in its thread, in the place of the pending copy `replaces`. */
  private show(kind: Posted, written: Comment | Message, replaces?: string): void {
    if (kind === 'comment') this.store.addComment(written as Comment, replaces);
    else this.store.threads.add(written as Message, replaces);
  }

  private unshow(kind: Posted, target: string, id: string): void {
    if (kind === 'comment') this.store.removeComment(target, id);
    else this.store.threads.remove(target, id);
  }

  /**
   * Posts a comment on a task, shown at once; a refusal removes it and rethrows so the composer
   * keeps the text. Offline, it waits in the outbox (still shown as pending) and the composer empties.
   */
  addComment = (taskId: string, body: string, visibility?: Visibility) => this.post('comment', taskId, body, visibility) as Promise<Comment>;
  /** Posts a message in a thread, as `addComment` posts a comment (offline too). */
  addMessage = (threadId: string, body: string, visibility?: Visibility) => this.post('message', threadId, body, visibility) as Promise<Message>;

  private async post(kind: Posted, target: string, body: string, visibility: Visibility | undefined): Promise<Comment | Message> {
    const key = idempotencyKey();
    const chosen = this.store.isStaff ? visibility : undefined;
    const pending = kind === 'comment' ? this.pendingComment(target, body, chosen, key) : this.pendingMessage(target, body, chosen, key);
    this.show(kind, pending);
    try {
      const written = await (kind === 'comment' ? this.api.createComment(target, body, chosen, key) : this.api.createMessage(target, body, chosen, key));
      this.show(kind, written, pending.id);
      return written;
    } catch (error) {
      if (await this.keep(error, { key, kind, target, body: { body, visibility: chosen } })) {
        if (kind === 'comment') this.store.unsent.set(key, { kind, target, comment: pending as ThreadComment });
        else this.store.threads.wait(pending as Message);
        return pending;
      }
      this.unshow(kind, target, pending.id);
      throw this.refused(error, NOT_SENT[kind]());
    }
  }

  /** Uploads a new document, or (with `versionOf`) a new version of one. */
  async upload(
    file: File,
    fields: { taskId?: string; visibility?: Visibility; folderId?: string; dealId?: string },
    onProgress?: (sent: number, total: number) => void,
    signal?: AbortSignal,
    versionOf?: PortalDocument,
  ): Promise<PortalDocument> {
    try {
      const document = versionOf
        ? await this.api.upload(file, {}, onProgress, signal, versionOf.id)
        : await this.api.upload(file, { ...fields, customerId: fields.taskId || fields.dealId ? undefined : this.customerQuery }, onProgress, signal);
      this.store.putAll(this.store.documents, [document]);
      return document;
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw this.refused(error, msg(str`${file.name} was not uploaded.`));
    }
  }

  /** Creates or changes a milestone (staff); a refusal is told and thrown, so a form keeps what was typed. */
  async saveMilestone(id: string | null, input: MilestoneInput): Promise<Milestone> {
    try {
      const milestone = id ? await this.api.updateMilestone(id, input) : await this.api.createMilestone(input);
      this.store.putAll(this.store.milestones, [milestone]);
      return milestone;
    } catch (error) {
      throw this.refused(error, msg('The milestone was not saved.'));
    }
  }

  async deleteMilestone(milestone: Milestone): Promise<void> {
    try {
      await this.api.deleteMilestone(milestone.id);
      this.store.milestones.delete(milestone.id);
      this.store.changed();
    } catch (error) {
      this.refused(error, msg(str`${milestone.name} was not deleted.`));
    }
  }

  async deleteDocument(document: PortalDocument): Promise<void> {
    try {
      await this.api.deleteDocument(document.id);
      this.store.documents.delete(document.id);
      this.store.changed();
    } catch (error) {
      this.refused(error, msg(str`${document.name} was not deleted.`));
    }
  }

  /** Saves the document (or one of its versions) under its own name (a link could not carry the token). */
  async download(document: PortalDocument, version?: { number: number; name: string }): Promise<void> {
    try {
      const url = URL.createObjectURL(await this.api.download(document.id, version?.number));
      const link = Object.assign(window.document.createElement('a'), { href: url, download: version?.name ?? document.name });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      this.refused(error, msg(str`${document.name} could not be downloaded.`));
    }
  }

  async markRead(ids: string[] | 'all'): Promise<void> {
    const before = this.store.notifications;
    const unread = this.store.unread;
    const now = new Date().toISOString();
    const marked = before.filter((n) => !n.readAt && (ids === 'all' || ids.includes(n.id))).length;
    this.store.setNotifications(
      before.map((n) => (!n.readAt && (ids === 'all' || ids.includes(n.id)) ? { ...n, readAt: now } : n)),
      ids === 'all' ? 0 : unread - marked,
    );
    this.notificationEdits++;
    const request = this.api.markRead(ids);
    this.marking = request.catch(() => undefined);
    try {
      await request;
    } catch (error) {
      this.store.setNotifications(before, unread);
      this.refused(error, msg('The notifications were not marked as read.'));
    }
  }

  async updatePreferences(patch: PreferencesPatch): Promise<void> {
    const me = this.store.me;
    if (!me?.user.preferences) return;
    const current = me.user.preferences;
    const notifications = { ...current.notifications };
    for (const [kind, change] of Object.entries(patch.notifications ?? {})) notifications[kind as keyof typeof notifications] = { ...notifications[kind as keyof typeof notifications], ...change };
    this.store.me = { ...me, user: { ...me.user, preferences: { ...current, ...patch, notifications } } };
    this.store.changed();
    try {
      await this.api.updatePreferences(patch);
    } catch (error) {
      this.store.me = me;
      this.store.changed();
      this.refused(error, msg('Your settings were not saved.'));
    }
  }
}
