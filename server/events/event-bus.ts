/**
 * Wakes the readers of the event log (live streams, notification and webhook workers) when
 * new events have committed. It carries no events: readers always read the log itself,
 * which stays the one source of truth.
 * @example const off = bus.subscribe(() => stream.catchUp()); bus.wake();
 */
export class EventBus {
  private readonly listeners = new Set<() => void>();
  private changes = 0;

  /** Grows with every wake: anything derived from the database before a wake is stale after it. */
  get version(): number {
    return this.changes;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  wake(): void {
    this.changes++;
    for (const listener of this.listeners) {
      try {
        listener();
      } catch {
        // One failing reader must not keep the others asleep.
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
