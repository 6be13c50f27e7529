import type { Message, Thread } from '../api/api.types.js';

/** A thread's loaded messages, oldest first, and where the earlier ones continue (null: none left). */
export interface LoadedMessages {
  list: Message[];
  earlier: string | null;
}

/** A read marker as the `message.read` event carries it. */
export interface ReadMark {
  threadId: string;
  messageId: string;
  userId: string;
  name: string;
  role?: 'staff' | 'contact';
  readAt: string;
}

/**
 * The threads of the customer on screen and their loaded messages: the live stream and the
 * user's own posts change them through the same methods. Part of the store (the Messages tab's
 * unread count shows before the view's chunk loads).
 * @example store.threads.add(message); store.threads.unread // 3
 */
export class ThreadState {
  readonly byId = new Map<string, Thread>();
  readonly messages = new Map<string, LoadedMessages>();
  /** Messages written offline, by their pending id: they stay at their thread's end, loaded or not, until sent. */
  private readonly waiting = new Map<string, Message>();

  constructor(
    private readonly changed: () => void,
    private readonly me: () => string | undefined,
  ) {}

  /** Unread messages of every thread: the Messages tab's badge. */
  get unread(): number {
    let n = 0;
    for (const t of this.byId.values()) n += t.unreadCount;
    return n;
  }

  /** The threads, the general one first, then by latest message. */
  get list(): Thread[] {
    return [...this.byId.values()].sort((a, b) => Number(b.general) - Number(a.general) || ((b.lastMessageAt ?? b.createdAt) > (a.lastMessageAt ?? a.createdAt) ? 1 : -1));
  }

  put(threads: readonly Thread[]): void {
    for (const t of threads) this.byId.set(t.id, t);
    this.changed();
  }

  /** A page from the service (newest first): the first one replaces, later ones go before. */
  putPage(threadId: string, page: readonly Message[], earlier: string | null, first: boolean): void {
    const older = [...page].reverse();
    const current = this.messages.get(threadId);
    const pending = current?.list.filter((m) => m.pending) ?? [];
    const waiting = [...this.waiting.values()].filter((m) => m.threadId === threadId && !pending.some((p) => p.id === m.id));
    const kept = first ? [...pending, ...waiting] : (current?.list ?? []);
    const list = first ? [...older, ...kept] : [...older.filter((m) => !kept.some((k) => k.id === m.id)), ...kept];
    this.messages.set(threadId, { list, earlier });
    this.changed();
  }

  /** Keeps a message written offline at its thread's end (shown as pending) until `remove` or its confirmation. */
  wait(message: Message): void {
    this.waiting.set(message.id, message);
    this.add(message);
  }

  /** Adds a message to its thread (if loaded), taking the place of the pending copy it confirms. */
  add(message: Message, replaces?: string): void {
    if (replaces) this.waiting.delete(replaces);
    const thread = this.byId.get(message.threadId);
    const mine = message.authorId !== null && message.authorId === this.me();
    if (thread && !message.pending) {
      const known = this.messages.get(message.threadId)?.list.some((m) => m.id === message.id);
      this.byId.set(thread.id, { ...thread, lastMessageAt: message.createdAt, unreadCount: thread.unreadCount + (mine || known ? 0 : 1) });
    }
    const loaded = this.messages.get(message.threadId);
    if (loaded) {
      const confirms = replaces ?? (message.pending ? undefined : loaded.list.find((m) => m.pending && m.authorId === message.authorId && m.body.trim() === message.body.trim())?.id);
      if (confirms) this.waiting.delete(confirms);
      const rest = loaded.list.filter((m) => m.id !== confirms);
      loaded.list = rest.some((m) => m.id === message.id) ? rest : [...rest, message];
    }
    this.changed();
  }

  remove(threadId: string, id: string): void {
    this.waiting.delete(id);
    const loaded = this.messages.get(threadId);
    if (loaded) loaded.list = loaded.list.filter((m) => m.id !== id);
    this.changed();
  }

  /**
   * A person read up to a message: their receipt moves onto every loaded message up to it (an
   * internal note is read by the team only), and for the user, the thread's unread count follows.
   */
  read(mark: ReadMark): void {
    const loaded = this.messages.get(mark.threadId);
    const index = loaded?.list.findIndex((m) => m.id === mark.messageId) ?? -1;
    if (loaded && index >= 0) {
      loaded.list = loaded.list.map((m, i) => {
        if (i > index || m.pending || m.authorId === mark.userId || (m.visibility === 'internal' && mark.role === 'contact')) return m;
        return { ...m, readBy: [...m.readBy.filter((r) => r.userId !== mark.userId), { userId: mark.userId, name: mark.name, readAt: mark.readAt }] };
      });
    }
    const thread = this.byId.get(mark.threadId);
    if (thread && mark.userId === this.me()) {
      const after = loaded && index >= 0 ? loaded.list.slice(index + 1).filter((m) => !m.pending && m.authorId !== mark.userId).length : 0;
      this.byId.set(thread.id, { ...thread, unreadCount: after });
    }
    this.changed();
  }

  clear(): void {
    this.byId.clear();
    this.messages.clear();
    this.waiting.clear();
    this.changed();
  }
}
