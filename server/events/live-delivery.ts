import { CompiledQuery, type Kysely } from 'kysely';
import { audienceKey } from '../auth/grants.js';
import type { Principal } from '../auth/principal.js';
import { freshlyVisibleTo } from '../auth/visibility.js';
import { compiledOnce } from '../db/compiled-queries.js';
import type { Database, EventRow } from '../db/database.js';
import type { Audience } from './live-audiences.js';
import { eventFrame, joinFrames } from './live-stream.js';

const PAGE = 500;
/** Values no event id can be: the query is compiled with them, then run with the real bounds in their place. */
const AFTER = -1_000_000_001;
const UPTO = -1_000_000_002;

/**
 * The rule's query for the events of `principal`'s audience, compiled once per audience and
 * database kind (`compiledOnce`): the contact rule is long, and compiling it each round cost
 * more than running it (a burst's profile: 6 % of the CPU; the SQLite reader also prepares each
 * text once). The SQL and parameters depend on the principal only through `audienceKey`, as
 * the rule does. Its rule is built afresh, not remembered: only the SQL is kept.
 */
function visibleQuery(db: Kysely<Database>, principal: Principal, after: number, upto: number): CompiledQuery<EventRow> {
  const query = compiledOnce(db, `live events ${audienceKey(principal)}`, () => {
    const fresh = db
      .selectFrom('events as e')
      .selectAll('e')
      .where('e.id', '>', AFTER)
      .where('e.id', '<=', UPTO)
      .where(freshlyVisibleTo(principal, 'events', 'e'))
      .orderBy('e.id')
      .limit(PAGE)
      .compile();
    if (fresh.parameters[0] !== AFTER || fresh.parameters[1] !== UPTO) throw new Error('the live query must take its bounds first');
    return fresh;
  });
  return CompiledQuery.raw(query.sql, [after, upto, ...query.parameters.slice(2)]) as CompiledQuery<EventRow>;
}

/**
 * Builds an audience's query ahead of its first events (when its first stream opens): building
 * the contact rule and compiling it took about 5 ms an audience, which the first burst after a
 * start paid for a hundred audiences at once.
 * @example prepareAudience(db, audience);
 */
export function prepareAudience(db: Kysely<Database>, audience: Audience): void {
  visibleQuery(db, audience.principal, 0, 0);
}

/** The visible events of `principal` in (after, upto], page by page. */
async function* visible(db: Kysely<Database>, principal: Principal, after: number, upto: number): AsyncGenerator<EventRow[]> {
  for (let from = after; from < upto; ) {
    const { rows } = await db.executeQuery(visibleQuery(db, principal, from, upto));
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
 * Sends the audience's members the events from its cursor up to `head`, read and encoded once
 * for all of them through the audience's principal, in one write per member: a socket write
 * costs more than the bytes it carries (a burst's profile: a fifth of the CPU in `writev`).
 * @example await deliver(db, audience, head); audience.cursor = head;
 */
export async function deliver(db: Kysely<Database>, audience: Audience, head: number): Promise<void> {
  for await (const rows of visible(db, audience.principal, audience.cursor, head)) {
    const frames = rows.map((row) => eventFrame(row, audience.principal));
    const batch = joinFrames(rows, frames);
    for (const stream of audience.members) stream.sendEvents(batch);
  }
}
