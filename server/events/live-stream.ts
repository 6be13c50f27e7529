import type { Principal, UserPrincipal } from '../auth/principal.js';
import { redactForViewer } from '../commercial/deals/deal-view.js';
import type { EventRow } from '../db/database.js';
import type { NotificationView } from '../notifications/notification.schema.js';

const encoder = new TextEncoder();
/** A client that has not read this much is not keeping up: it is closed, and resumes with Last-Event-ID. */
const MAX_BUFFERED = 1024 * 1024;

/**
 * One event of the log as the stream sends it: `id:`, `event:` and one `data:` line of JSON.
 * A contact does not get `previous` values: they may name what the contact cannot see (the
 * internal project a task came from). Everything else in `data` describes the subject, which
 * the contact may see (the event's visibility says so), less what its capabilities withhold
 * (a deal's value: `redactForViewer`).
 * @example controller.enqueue(eventFrame(row, principal));
 */
export function eventFrame(row: EventRow, viewer: Principal): Uint8Array {
  const data = redactForViewer(JSON.parse(row.data) as Record<string, unknown>, viewer);
  if (viewer.kind === 'contact') delete data.previous;
  const json = JSON.stringify({
    id: row.id,
    type: row.type,
    customer_id: row.customer_id,
    subject_id: row.subject_id,
    task_id: row.task_id,
    actor_id: row.actor_id,
    created_at: row.created_at,
    data,
  });
  return encoder.encode(`id: ${row.id}\nevent: ${row.type}\ndata: ${json}\n\n`);
}

/** Consecutive event frames of the log, in id order, and all of them as one chunk. */
export interface FrameBatch {
  readonly ids: readonly number[];
  readonly frames: readonly Uint8Array[];
  readonly joined: Uint8Array;
}

/**
 * `frames` (of `rows`, in id order) as one batch, written to a stream in one go.
 * @example stream.sendEvents(joinFrames(rows, rows.map((row) => eventFrame(row, principal))));
 */
export function joinFrames(rows: readonly { id: number }[], frames: Uint8Array[]): FrameBatch {
  const joined = frames.length === 1 ? frames[0]! : new Uint8Array(frames.reduce((n, f) => n + f.byteLength, 0));
  if (frames.length > 1) {
    let at = 0;
    for (const frame of frames) {
      joined.set(frame, at);
      at += frame.byteLength;
    }
  }
  return { ids: rows.map((row) => row.id), frames, joined };
}

/**
 * Where a stream's bytes go: a web `ReadableStream` the response reads (through `c.body`, so the
 * headers set before, CORS included, reach the browser). Writing straight into Node's response
 * saved about 4 KB per idle stream but was taken out again: two-widget live tests lost events
 * through it now and then (docs/decisions/live.md).
 */
interface Sink {
  write(chunk: Uint8Array): void;
  /** Bytes written that the client has not taken yet. */
  buffered(): number;
  end(): void;
}

/**
 * One open `GET /v1/events` response: what the hub writes into, and where it stands in the log.
 * Holds no timers of its own, so thousands of idle streams cost little.
 */
export class LiveStream {
  /** The last event id sent (or resumed after): nothing at or below it is sent again. */
  lastEventId = 0;
  /** Called once when the stream ends, whoever ends it. */
  onClose: (() => void) | null = null;
  private sink: Sink | null = null;
  /** What was written before the response was given a sink (the greeting, a replay). */
  private early: Uint8Array[] = [];
  private closed = false;

  constructor(
    readonly principal: UserPrincipal,
    /** When the token behind it expires (ms): the stream ends then, and the widget reconnects with a fresh one. */
    readonly expiresAt: number,
    /** Asks again whether the credential still grants access; answers the reason when it does not. */
    readonly recheck: () => Promise<string | null>,
  ) {}

  /** The stream as a web `ReadableStream`, for a response without a socket of its own. */
  readable(): ReadableStream<Uint8Array> {
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>(
      {
        start: (c) => {
          controller = c;
        },
        cancel: () => this.close(),
      },
      { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
    );
    this.use({
      write: (chunk) => controller.enqueue(chunk),
      buffered: () => -(controller.desiredSize ?? 0),
      end: () => {
        try {
          controller.close();
        } catch {
          // already cancelled by the client
        }
      },
    });
    return body;
  }

  private use(sink: Sink): void {
    this.sink = sink;
    for (const chunk of this.early) sink.write(chunk);
    this.early = [];
    if (this.closed) sink.end();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Sends an event frame if the stream has not had that id yet. */
  sendEvent(id: number, frame: Uint8Array): void {
    if (id <= this.lastEventId) return;
    this.write(frame);
    this.lastEventId = id;
  }

  /** Sends a batch's events, in one write when the stream has had none of them (as a member has). */
  sendEvents(batch: FrameBatch): void {
    const { ids, frames } = batch;
    if (ids.length === 0) return;
    if (ids[0]! > this.lastEventId) {
      this.write(batch.joined);
      this.lastEventId = ids[ids.length - 1]!;
      return;
    }
    for (let i = 0; i < ids.length; i++) this.sendEvent(ids[i]!, frames[i]!);
  }

  sendNotification(notification: NotificationView): void {
    this.write(encoder.encode(`event: notification.created\ndata: ${JSON.stringify({ notification })}\n\n`));
  }

  comment(text: string): void {
    this.write(encoder.encode(`: ${text}\n\n`));
  }

  /** Tells the widget its access has ended, and closes. */
  revoke(reason: string): void {
    this.write(encoder.encode(`event: access.revoked\ndata: ${JSON.stringify({ reason })}\n\n`));
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.sink?.end();
    this.onClose?.();
  }

  private write(chunk: Uint8Array): void {
    if (this.closed) return;
    if (!this.sink) {
      this.early.push(chunk);
      return;
    }
    if (this.sink.buffered() > MAX_BUFFERED) {
      this.close();
      return;
    }
    this.sink.write(chunk);
  }
}
