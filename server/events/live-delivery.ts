import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import { visibleTo } from '../auth/visibility.js';
import type { Database, EventRow } from '../db/database.js';
import type { Audience } from './live-audiences.js';
import { eventFrame } from './live-stream.js';

const PAGE = 500;

/** The visible events of `principal` in (after, upto], page by page. */
async function* visible(db: Kysely<Database>, principal: Principal, after: number, upto: number): AsyncGenerator<EventRow[]> {
  for (let from = after; from < upto; ) {
    const rows = await db
      .selectFrom('events as e')
      .selectAll('e')
      .where('e.id', '>', from)
      .where('e.id', '<=', upto)
      .where(visibleTo(principal, 'events', 'e'))
      .orderBy('e.id')
      .limit(PAGE)
      .execute();
    if (rows.length > 0) yield rows;
    if (rows.length < PAGE) return;
    from = rows[rows.length - 1]!.id;
  }
}

/**
 * Catches the audience's joining streams up from their resume points to its cursor, each
 * through its own principal, then makes them members. A resume point past `head` is not one
 * this service gave out: it is taken as `head`.
 * @example await admit(db, audience, head);
 */
export async function admit(db: Kysely<Database>, audience: Audience, head: number): Promise<void> {
  for (const stream of [...audience.joining]) {
    if (stream.lastEventId > head) stream.lastEventId = head;
    for await (const rows of visible(db, stream.principal, stream.lastEventId, audience.cursor)) {
      for (const row of rows) stream.sendEvent(row.id, eventFrame(row, stream.principal));
    }
    audience.joining.delete(stream);
    if (!stream.isClosed) audience.members.add(stream);
  }
}

/**
 * Sends the audience's members the events from its cursor up to `head`, read once for all of
 * them through the audience's principal.
 * @example await deliver(db, audience, head); audience.cursor = head;
 */
export async function deliver(db: Kysely<Database>, audience: Audience, head: number): Promise<void> {
  for await (const rows of visible(db, audience.principal, audience.cursor, head)) {
    for (const row of rows) {
      const frame = eventFrame(row, audience.principal);
      for (const stream of audience.members) stream.sendEvent(row.id, frame);
    }
  }
}
