import type { Kysely } from 'kysely';
import type { AccessInvalidator } from '../auth/access-invalidator.js';
import type { Storage } from '../db/connect.js';
import type { Database } from '../db/database.js';
import { startLoop, type Worker } from '../lib/worker-loop.js';
import type { EventBus } from './event-bus.js';
import { recheckAccess, streamsConcernedBy } from './live-access.js';
import { Audiences, scopesOf, type Audience } from './live-audiences.js';
import { admit, deliver, prepareAudience } from './live-delivery.js';
import { NotificationPush } from './live-notifications.js';
import { ownReader } from './live-reader.js';
import type { LiveStream } from './live-stream.js';

const PAGE = 500;
/** `: ping` this often keeps proxies from closing an idle stream; every stream's access is asked again then too. */
const HEARTBEAT_MS = 15_000;
/** The log is read this often even without a wake (writes by other processes on SQLite). */
const POLL_MS = 1000;
const log = (line: string) => console.error(line);

/**
 * Feeds every open `GET /v1/events` of this instance from the event log: its lifecycle (it
 * runs only while streams are open, on connections of its own: `live-reader.ts`), its loop
 * and its heartbeat. The loop is serialized and woken by the bus (this process's commits,
 * other instances' through LISTEN/NOTIFY) and a poll timer: it reads the ids of new events
 * once, has each audience that they may concern read them through the visibility rule once
 * (`live-audiences.ts`, `live-delivery.ts`), pushes new in-app notifications
 * (`live-notifications.ts`) and ends the streams whose access has ended (`live-access.ts`): at
 * once for those an event names, on whichever instance it happened, and for every stream on
 * each heartbeat, beside the loop.
 * @example const stream = new LiveStream(principal, expiresAt, recheck); await deps.live.open(stream, lastEventId);
 */
export class LiveHub {
  private readonly audiences = new Audiences();
  private head = 0;
  private notifications: NotificationPush | null = null;
  private loop: (Worker & { wake(): void }) | null = null;
  /** Where the hub reads while it runs: its own connections where the database allows. */
  private db: Kysely<Database>;
  private heartbeat: NodeJS.Timeout | null = null;
  private starting: Promise<void> | null = null;
  private stopping: Promise<void> = Promise.resolve();
  private sweeping: Promise<void> | null = null;
  private expiriesCheckedAt = 0;

  constructor(
    private readonly storage: Storage,
    private readonly bus: EventBus,
    private readonly invalidator: AccessInvalidator,
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
    const audience = this.audiences.join(stream, this.head);
    if (audience.members.size === 0 && audience.joining.size === 1) prepareAudience(this.db, audience);
    stream.onClose = () => {
      this.audiences.leave(stream, audience);
      if (this.audiences.size === 0) void this.stop();
    };
    this.loop?.wake();
  }

  /** How many streams this instance holds open. */
  get openStreams(): number {
    return this.audiences.streams().length;
  }

  /** Ends every stream (server shutdown): the widgets reconnect elsewhere and resume. */
  async closeAll(): Promise<void> {
    for (const stream of this.audiences.streams()) stream.close();
    await this.stop();
  }

  private start(): Promise<void> {
    this.starting ??= (async () => {
      // A loop still finishing its last round must not run beside the new one.
      await this.stopping;
      this.db = ownReader(this.storage) ?? this.storage.db;
      const [events, notifications] = await Promise.all([
        this.db.selectFrom('events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst(),
        NotificationPush.from(this.db),
      ]);
      this.head = Number(events?.id ?? 0);
      this.notifications = notifications;
      this.loop = startLoop('live', () => this.tick(), { intervalMs: POLL_MS, bus: this.bus, log });
      this.heartbeat = setInterval(() => {
        // Beside the loop, not in it: thousands of writes and cache refreshes must not hold up events.
        this.sweeping ??= recheckAccess(this.audiences.streams(), true)
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
    /** The scopes the batch may concern, each with its first (oldest) event. */
    const touched = new Map<string, number>();
    const recheck = new Set<LiveStream>();
    for (const row of fresh) {
      // Only the audiences an event may concern read it; the rule decides the rest.
      for (const scope of scopesOf(row.tenant_id, row.customer_id)) if (!touched.has(scope)) touched.set(scope, row.id);
      for (const stream of streamsConcernedBy(row, this.audiences)) recheck.add(stream);
    }
    if (fresh.length > 0) this.head = fresh[fresh.length - 1]!.id;
    // Before any event goes out: a stream whose access ended or changed in this batch must not
    // get the batch's later events under its old principal. The access cache must have
    // forgotten what these events changed before the streams ask it.
    if (recheck.size > 0) await this.invalidator.catchUp();
    await recheckAccess(recheck);

    // The audiences of the oldest events first: a batch commits together, so its first event has
    // waited longest for its commit, and writing to thousands of streams takes as long again
    // (the last audience of a round waited for every write before it). Each audience is served
    // once, whole, so no stream's events change order.
    const order = (audience: Audience) => touched.get(audience.scope) ?? Number.MAX_SAFE_INTEGER;
    for (const audience of this.audiences.all().sort((a, b) => order(a) - order(b))) {
      await admit(this.db, audience, this.head);
      if (touched.has(audience.scope)) await deliver(this.db, audience, this.head);
      audience.cursor = this.head;
    }
    await this.notifications!.send(this.db, this.audiences);
    // Once a second is enough for token expiry; a burst makes many rounds, each over every stream.
    const now = Date.now();
    if (now - this.expiriesCheckedAt >= POLL_MS) {
      this.expiriesCheckedAt = now;
      for (const stream of this.audiences.streams()) if (now >= stream.expiresAt) stream.close();
    }
    return fresh.length === PAGE;
  }
}
