import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { findNotification } from '../notifications/notification.repository.js';
import type { Audiences } from './live-audiences.js';

const PAGE = 500;

/**
 * Sends new in-app notifications to the open streams of their users. The fan-out commits them
 * in event order, one batch at a time, so reading by `event_id` never skips one. Each is read
 * through the user's own listing query (the task must still be visible to them).
 * @example const push = await NotificationPush.from(db); …; await push.send(db, audiences);
 */
export class NotificationPush {
  private constructor(private head: number) {}

  /** Starts after the notifications that exist now. */
  static async from(db: Kysely<Database>): Promise<NotificationPush> {
    const last = await db.selectFrom('notifications').select((eb) => eb.fn.max('event_id').as('id')).executeTakeFirst();
    return new NotificationPush(Number(last?.id ?? 0));
  }

  async send(db: Kysely<Database>, audiences: Audiences): Promise<void> {
    const bound = await db
      .selectFrom('notifications')
      .select('event_id')
      .where('event_id', '>', this.head)
      .where('in_app', '=', 1)
      .orderBy('event_id')
      .offset(PAGE - 1)
      .limit(1)
      .executeTakeFirst();
    let query = db.selectFrom('notifications').select(['id', 'user_id', 'event_id']).where('event_id', '>', this.head).where('in_app', '=', 1);
    if (bound?.event_id) query = query.where('event_id', '<=', bound.event_id);
    const rows = await query.orderBy('event_id').execute();
    for (const row of rows) {
      this.head = Math.max(this.head, row.event_id ?? 0);
      const streams = audiences.ofUser(row.user_id);
      const first = streams?.values().next().value;
      if (!first) continue;
      const notification = await findNotification(db, first.principal, row.id);
      if (notification) for (const stream of streams!) stream.sendNotification(notification);
    }
  }
}
