import { AsyncResource } from 'node:async_hooks';
import { sql, type Kysely } from 'kysely';
import type { Database } from './database.js';

interface Pending {
  work: (trx: Kysely<Database>) => Promise<unknown>;
  /** The writer's async context (its request's `requestOrigin()`), which the work runs in. */
  context: AsyncResource;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for SQLite's one connection: the writes that are waiting when a transaction
 * starts, and those that arrive while it runs, share it, each inside its own savepoint, and
 * one COMMIT makes them durable together. A commit costs far more than a small write (a WAL
 * append, and with `synchronous = FULL` an fsync), so under load this multiplies the write
 * rate while every write stays all-or-nothing:
 * - a write that throws is rolled back to its savepoint and fails alone;
 * - nobody hears of a write before the COMMIT that holds it has returned, so an answered
 *   write is exactly as durable as one committed alone;
 * - a failed COMMIT fails every write of the group (none of them is kept).
 * Writers are taken in arrival order; a group holds at most `maxGroup` of them, so the reads
 * queued behind it wait for one group, not for the whole burst. Nothing waits on a timer:
 * a lone write commits at once.
 * @example const comment = await commits.run((trx) => createComment(trx, principal, taskId, input));
 */
export class GroupCommit {
  private readonly queue: Pending[] = [];
  private draining = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly maxGroup = 32,
  ) {}

  run<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // The group runs in the first writer's async context: each work keeps its own request's.
      // (A resource and `runInAsyncScope`, not `AsyncResource.bind`, which in Node 20 also
      // wraps two deprecation warnings around every bound function.)
      this.queue.push({ work, context: new AsyncResource('GroupCommitWrite'), resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) {
        this.draining = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  /**
   * better-sqlite3 answers synchronously, so a request reaches its commit without ever
   * yielding to the event loop: started at once, every group would hold one write. A group
   * starts after the requests already read from the sockets have queued (`setImmediate`
   * runs after the poll phase), and the next one after the sockets were read again.
   */
  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        await this.commitGroup();
        if (this.queue.length > 0) await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.draining = false;
    }
  }

  private async commitGroup(): Promise<void> {
    const done: { pending: Pending; value: unknown }[] = [];
    let trx;
    try {
      trx = await this.db.startTransaction().execute();
    } catch (error) {
      for (const pending of this.queue.splice(0, this.maxGroup)) pending.reject(error);
      return;
    }
    while (this.queue.length > 0 && done.length < this.maxGroup) {
      const pending = this.queue.shift()!;
      await sql`savepoint w`.execute(trx);
      try {
        const value = await pending.context.runInAsyncScope(pending.work, null, trx);
        await sql`release w`.execute(trx);
        done.push({ pending, value });
      } catch (error) {
        pending.reject(error);
        try {
          // ROLLBACK TO keeps the savepoint open; RELEASE closes it, the others' work stays.
          await sql`rollback to w`.execute(trx);
          await sql`release w`.execute(trx);
        } catch (broken) {
          // The connection is in no state to go on: nothing of this group is kept.
          await trx.rollback().execute().catch(() => {});
          for (const { pending: other } of done) other.reject(broken);
          return;
        }
      }
    }
    try {
      await trx.commit().execute();
    } catch (error) {
      await trx.rollback().execute().catch(() => {});
      for (const { pending } of done) pending.reject(error);
      return;
    }
    for (const { pending, value } of done) pending.resolve(value);
  }
}
