/** A write kept while the service could not be reached, sent again with the same key. */
export interface OutboxEntry {
  /** The `Idempotency-Key` of every attempt: the service writes it once however often it is sent. */
  key: string;
  /** Whose write it is (the service, tenant and user): only that user's widgets send it. */
  owner: string;
  kind: 'task' | 'comment' | 'message';
  /** The task changed or commented on; for a message, its thread. */
  target: string;
  /** The task's patch, or the comment's or message's `{body, visibility}`. */
  body: any;
  at: number;
}

const STORE = 'outbox';

const done = <T>(request: IDBRequest<T> | IDBTransaction) =>
  new Promise<T>((resolve, reject) => {
    if (request instanceof IDBTransaction) request.oncomplete = () => resolve(undefined as T);
    else request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

/**
 * The page's outbox in IndexedDB (loaded in its own chunk, off the first paint): writes made
 * offline wait there, across reloads, until `flush` sends them. Tabs share it; the flush runs
 * in one tab at a time (a Web Lock), and the idempotency key guards what remains.
 * @example const outbox = new Outbox(owner); await outbox.add(entry); await outbox.flush(send);
 */
export class Outbox {
  private readonly db: Promise<IDBDatabase>;

  constructor(readonly owner: string) {
    const open = indexedDB.open('customer-portal', 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE, { keyPath: 'key' }).createIndex('owner', 'owner');
    this.db = done(open);
  }

  private async store(mode: IDBTransactionMode): Promise<IDBObjectStore> {
    return (await this.db).transaction(STORE, mode).objectStore(STORE);
  }

  async add(entry: Omit<OutboxEntry, 'owner' | 'at'>): Promise<void> {
    const store = await this.store('readwrite');
    store.put({ ...entry, owner: this.owner, at: Date.now() });
    await done(store.transaction);
  }

  /** This owner's entries, oldest first. */
  async list(): Promise<OutboxEntry[]> {
    const entries = await done((await this.store('readonly')).index('owner').getAll(this.owner));
    return (entries as OutboxEntry[]).sort((a, b) => a.at - b.at);
  }

  /**
   * Sends the entries in order, in one tab at a time; `send` answers whether the entry is done
   * with (sent, or refused for good) or must wait (the network is still away): then the flush
   * stops. `seen` first receives the keys still waiting, so a tab can let go of what another sent.
   */
  async flush(send: (entry: OutboxEntry) => Promise<boolean>, seen: (keys: Set<string>) => Promise<void>): Promise<void> {
    const run = async () => {
      const entries = await this.list();
      await seen(new Set(entries.map((e) => e.key)));
      for (const entry of entries) {
        if (!(await send(entry))) return;
        const store = await this.store('readwrite');
        store.delete(entry.key);
        await done(store.transaction);
      }
    };
    await (navigator.locks ? navigator.locks.request(`cp-outbox:${this.owner}`, run) : run());
  }
}
