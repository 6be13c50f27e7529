import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { AccessCache } from '../auth/access.js';
import { audienceKey } from '../auth/grants.js';
import type { Principal, UserPrincipal } from '../auth/principal.js';
import { visibleTo } from '../auth/visibility.js';
import type { Storage } from '../db/connect.js';
import type { Database, EventRow } from '../db/database.js';
import { startLoop, type Worker } from '../lib/worker-loop.js';
import { findNotification } from '../notifications/notification.repository.js';
import type { EventBus } from './event-bus.js';
import { eventFrame, type LiveStream } from './live-stream.js';

/**
 * The streams that see exactly the same events. The rule for the `events` table looks at the
 * principal's tenant and kind and, for a contact, its customer, capabilities and memberships
 * (`audienceKey`), so every staff user of a tenant shares one audience and the contacts of a
 * customer who may do the same share another. An audience reads the log once per wake,
 * through the rule, for all of them.
 */
interface Audience {
  readonly key: string;
  /** Whom an event concerns, by tenant and customer (`scopeOf`): only those audiences read. */
  readonly scope: string;
  readonly principal: UserPrincipal;
  /** Every event up to here has been read for this audience (and sent to its members). */
  cursor: number;
  readonly members: Set<LiveStream>;
  /** Streams that still have to catch up from their resume point before they get live events. */
  readonly joining: Set<LiveStream>;
}

const staffScope = (tenantId: string) => `s ${tenantId}`;
const contactScope = (tenantId: string, customerId: string) => `c ${tenantId} ${customerId}`;
const scopeOf = (p: UserPrincipal) => (p.kind === 'contact' ? contactScope(p.tenantId, p.customerId) : staffScope(p.tenantId));
const PAGE = 500;

/** `: ping` this often keeps proxies from closing an idle stream; every stream's access is asked again then too. */
const HEARTBEAT_MS = 15_000;
/** The log is read this often even without a wake (writes by other processes on SQLite). */
const POLL_MS = 1000;
const log = (line: string) => console.error(line);

/**
 * Connections of the hub's own, so that a burst of writes queued on the shared ones (the
 * PostgreSQL pool, the one SQLite connection) does not hold back delivery: two PostgreSQL
 * connections, or a read-only handle on the SQLite file (WAL lets it read between the writes).
 * An in-memory SQLite database has only the one connection.
 */
function ownReader(storage: Storage): Kysely<Database> | null {
  if (storage.dialect === 'postgres' && storage.pgConfig) {
    const pool = new pg.Pool({ ...storage.pgConfig, max: 2, allowExitOnIdle: true });
    pool.on('error', () => {});
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  if (storage.sqlite && !storage.sqlite.memory) {
    const reader = new SqliteDatabase(storage.sqlite.name, { readonly: true });
    reader.pragma('busy_timeout = 5000');
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: reader }) });
  }
  return null;
}

/**
 * Feeds every open `GET /v1/events` of this instance from the event log. One serialized loop,
 * woken by the bus (this process's commits, other instances' through LISTEN/NOTIFY) and a poll
 * timer: it reads the ids of new events once, reads them through the visibility rule once for
 * each audience they may concern, and writes them to the audience's members. It also sends new
 * in-app notifications to their users' streams and ends the streams whose access has ended:
 * at once for those an event names (deactivation, portal off, tokens revoked: on whichever
 * instance it happened), and for every stream on each heartbeat, beside the loop. It runs
 * only while streams are open.
 * @example const stream = new LiveStream(principal, expiresAt, recheck); await deps.live.open(stream, lastEventId);
 */
export class LiveHub {
  private readonly audiences = new Map<string, Audience>();
  private readonly byUser = new Map<string, Set<LiveStream>>();
  private head = 0;
  private notificationHead = 0;
  private loop: (Worker & { wake(): void }) | null = null;
  /** Where the hub reads while it runs: its own connections where the database allows (see `ownReader`). */
  private db: Kysely<Database>;
  private heartbeat: NodeJS.Timeout | null = null;
  private starting: Promise<void> | null = null;
  private stopping: Promise<void> = Promise.resolve();
  private sweeping: Promise<void> | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly bus: EventBus,
    private readonly access: AccessCache,
  ) {
    this.db = storage.db;
  }

  /** Starts feeding `stream`, after `resumeAfter` (Last-Event-ID) or from now. */
  async open(stream: LiveStream, resumeAfter: number | null): Promise<void> {
    // The last other stream may close while this one waits (a tab handing its stream to another):
    // the hub then stopped, and must start again before this stream joins.
    do await this.start();
    while (!this.loop);
    stream.lastEventId = resumeAfter ?? this.head;
    const { principal } = stream;
    const key = audienceKey(principal);
    let audience = this.audiences.get(key);
    if (!audience) {
      // The rule reads no user id, only what the key holds: the first stream's principal speaks for all.
      audience = { key, scope: scopeOf(principal), principal, cursor: this.head, members: new Set(), joining: new Set() };
      this.audiences.set(key, audience);
    }
    audience.joining.add(stream);
    const mine = this.byUser.get(principal.userId) ?? new Set<LiveStream>();
    mine.add(stream);
    this.byUser.set(principal.userId, mine);
    const joined = audience;
    stream.onClose = () => this.forget(stream, joined);
    this.loop?.wake();
  }

  /** Ends every stream (server shutdown): the widgets reconnect elsewhere and resume. */
  async closeAll(): Promise<void> {
    for (const stream of this.streams()) stream.close();
    await this.stop();
  }

  private *streams(): Generator<LiveStream> {
    for (const audience of [...this.audiences.values()]) yield* [...audience.members, ...audience.joining];
  }

  private forget(stream: LiveStream, audience: Audience): void {
    audience.members.delete(stream);
    audience.joining.delete(stream);
    // Only this audience: a stream closing late must not drop the one its key now names.
    if (audience.members.size === 0 && audience.joining.size === 0 && this.audiences.get(audience.key) === audience) this.audiences.delete(audience.key);
    const mine = this.byUser.get(stream.principal.userId);
    mine?.delete(stream);
    if (mine?.size === 0) this.byUser.delete(stream.principal.userId);
    if (this.audiences.size === 0) void this.stop();
  }

  private start(): Promise<void> {
    this.starting ??= (async () => {
      // A loop still finishing its last round must not run beside the new one.
      await this.stopping;
      this.db = ownReader(this.storage) ?? this.storage.db;
      const [events, notifications] = await Promise.all([
        this.db.selectFrom('events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst(),
        this.db.selectFrom('notifications').select((eb) => eb.fn.max('event_id').as('id')).executeTakeFirst(),
      ]);
      this.head = Number(events?.id ?? 0);
      this.notificationHead = Number(notifications?.id ?? 0);
      this.loop = startLoop('live', () => this.tick(), { intervalMs: POLL_MS, bus: this.bus, log });
      this.heartbeat = setInterval(() => {
        // Beside the loop, not in it: thousands of writes and cache refreshes must not hold up events.
        this.sweeping ??= this.recheckAccess([...this.streams()], true)
          .catch((error: unknown) => log(`[live] ${error instanceof Error ? error.message : String(error)}`))
          .finally(() => {
            this.sweeping = null;
          });
      }, HEARTBEAT_MS);
      this.heartbeat.unref();
    })();
    return this.starting;
  }

  private stop(): Promise<void> {
    const loop = this.loop;
    const own = this.db !== this.storage.db ? this.db : null;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.loop = null;
    this.starting = null;
    this.stopping = Promise.all([this.stopping, loop?.stop()]).then(async () => {
      await this.sweeping;
      await own?.destroy();
    });
    this.db = this.storage.db;
    return this.stopping;
  }

  /** One round: new events to their audiences, new notifications to their users, access re-checked. */
  private async tick(): Promise<boolean> {
    const fresh = await this.db
      .selectFrom('events')
      .select(['id', 'tenant_id', 'customer_id', 'type', 'subject_id'])
      .where('id', '>', this.head)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    const touched = new Set<string>();
    const recheck = new Set<LiveStream>();
    for (const row of fresh) {
      // Whom an event can concern: its tenant's staff and, with a customer, that customer's
      // contacts (the rule requires both). Only those audiences read; the rule decides the rest.
      touched.add(staffScope(row.tenant_id));
      if (row.customer_id) touched.add(contactScope(row.tenant_id, row.customer_id));
      for (const stream of this.accessChangedBy(row)) recheck.add(stream);
    }
    if (fresh.length > 0) this.head = fresh[fresh.length - 1]!.id;
    // Before any event goes out: a stream whose access ended or changed in this batch must not
    // get the batch's later events under its old principal.
    await this.recheckAccess(recheck);

    for (const audience of [...this.audiences.values()]) {
      await this.admit(audience);
      if (touched.has(audience.scope)) await this.pull(audience);
      audience.cursor = this.head;
    }
    await this.pushNotifications();
    const now = Date.now();
    for (const stream of this.streams()) if (now >= stream.expiresAt) stream.close();
    return fresh.length === PAGE;
  }

  /** The visible events of `principal` in (after, upto], page by page. */
  private async *visible(principal: Principal, after: number, upto: number): AsyncGenerator<EventRow[]> {
    for (let from = after; from < upto; ) {
      const rows = await this.db
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

  /** Catches joining streams up to the audience's cursor through their own principal, then makes them members. */
  private async admit(audience: Audience): Promise<void> {
    for (const stream of [...audience.joining]) {
      // A resume point past the log (after the read above) is not one this service gave out.
      if (stream.lastEventId > this.head) stream.lastEventId = this.head;
      for await (const rows of this.visible(stream.principal, stream.lastEventId, audience.cursor)) {
        for (const row of rows) stream.sendEvent(row.id, eventFrame(row, stream.principal));
      }
      audience.joining.delete(stream);
      if (!stream.isClosed) audience.members.add(stream);
    }
  }

  private async pull(audience: Audience): Promise<void> {
    for await (const rows of this.visible(audience.principal, audience.cursor, this.head)) {
      for (const row of rows) {
        const frame = eventFrame(row, audience.principal);
        for (const stream of audience.members) stream.sendEvent(row.id, frame);
      }
    }
  }

  /**
   * New in-app notifications, to the streams of their users. The fan-out commits them in event
   * order, one batch at a time, so reading by `event_id` never skips one. Each is read through
   * the user's own listing query (the task must still be visible to them).
   */
  private async pushNotifications(): Promise<void> {
    const bound = await this.db
      .selectFrom('notifications')
      .select('event_id')
      .where('event_id', '>', this.notificationHead)
      .where('in_app', '=', 1)
      .orderBy('event_id')
      .offset(PAGE - 1)
      .limit(1)
      .executeTakeFirst();
    let query = this.db
      .selectFrom('notifications')
      .select(['id', 'user_id', 'event_id'])
      .where('event_id', '>', this.notificationHead)
      .where('in_app', '=', 1);
    if (bound?.event_id) query = query.where('event_id', '<=', bound.event_id);
    const rows = await query.orderBy('event_id').execute();
    for (const row of rows) {
      this.notificationHead = Math.max(this.notificationHead, row.event_id ?? 0);
      const streams = this.byUser.get(row.user_id);
      const first = streams?.values().next().value;
      if (!first) continue;
      const notification = await findNotification(this.db, first.principal, row.id);
      if (notification) for (const stream of streams!) stream.sendNotification(notification);
    }
  }

  /**
   * The streams whose access an event may have ended (deactivation, a customer's portal turned
   * off, the tenant's tokens revoked), with this instance's cached answers about them dropped,
   * so they are asked again at once whichever instance made the change.
   */
  private accessChangedBy(row: { type: string; tenant_id: string; customer_id: string | null; subject_id: string }): LiveStream[] {
    const of = (audiences: Iterable<Audience>) => [...audiences].flatMap((a) => [...a.members, ...a.joining]);
    switch (row.type) {
      case 'user.updated':
        this.access.forgetUser(row.subject_id);
        return [...(this.byUser.get(row.subject_id) ?? [])];
      case 'customer.updated': {
        this.access.forgetAllUsers();
        const scope = contactScope(row.tenant_id, row.subject_id);
        return of([...this.audiences.values()].filter((a) => a.scope === scope));
      }
      case 'project.members_updated':
        this.access.forgetAllUsers();
        return row.customer_id ? of([...this.audiences.values()].filter((a) => a.scope === contactScope(row.tenant_id, row.customer_id!))) : [];
      case 'permission_set.updated':
      case 'settings.updated':
        this.access.forgetAllUsers();
        return of([...this.audiences.values()].filter((a) => a.principal.tenantId === row.tenant_id && a.principal.kind === 'contact'));
      case 'tenant.tokens_revoked':
        this.access.forgetTenant(row.tenant_id);
        return of([...this.audiences.values()].filter((a) => a.principal.tenantId === row.tenant_id));
      default:
        return [];
    }
  }

  /**
   * Asks again for each of `streams` whether its credential still grants access (and pings it
   * first on a heartbeat); expired tokens end quietly.
   */
  private async recheckAccess(streams: Iterable<LiveStream>, ping = false): Promise<void> {
    const now = Date.now();
    let asked = 0;
    for (const stream of streams) {
      // Each write and each SQLite answer is synchronous work: a pause every hundred streams lets
      // requests and events through instead of holding them until the last stream.
      if (++asked % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
      if (stream.isClosed) continue;
      if (now >= stream.expiresAt) {
        stream.close();
        continue;
      }
      if (ping) stream.comment('ping');
      const reason = await stream.recheck();
      if (reason) stream.revoke(reason);
    }
  }
}
