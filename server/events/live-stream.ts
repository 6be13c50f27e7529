import type { ServerResponse } from 'node:http';
import type { Principal, UserPrincipal } from '../auth/principal.js';
import { redactForViewer } from '../commercial/deals/deal-view.js';
import type { PortalEventView } from '../../contract/schemas/event.schema.js';
import type { EventRow } from '../db/database.js';
import type { NotificationView } from '../notifications/notification.schema.js';

const encoder = new TextEncoder();
/** A client that has not read this much is not keeping up: it is closed, and resumes with Last-Event-ID. */
const MAX_BUFFERED = 1024 * 1024;

/**
 * One event of the log as the stream sends it: `id:`, `event:` and one `data:` line of JSON
 * (`PortalEventSchema` of the contract).
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
  } satisfies PortalEventView);
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
  const joined = frames.length === 1 ? frames[0]! : Buffer.concat(frames);
  return { ids: rows.map((row) => row.id), frames, joined };
}

/**
 * Where a stream's bytes go. Under the Node server, straight into the HTTP response
 * (`ResponseSink`); without a socket (in-process requests, tests), a web `ReadableStream` the
 * response reads (`WebSink`). A web stream and @hono/node-server's reader loop between them held
 * about 7 KB per idle stream and cost a few promises per write (docs/decisions/live.md).
 */
interface Sink {
  /** `shared`: the same bytes go to many streams (a round's batch, a ping), and never change. */
  write(chunk: Uint8Array, shared: boolean): void;
  /** Bytes written that the client has not taken yet. */
  buffered(): number;
  end(): void;
}

/** Shared bytes framed as one HTTP/1.1 chunk (`<hex length>\r\n<bytes>\r\n`), made once for all the streams they go to. */
const httpChunks = new WeakMap<Uint8Array, Buffer>();
const httpChunk = (bytes: Uint8Array): Buffer => {
  let chunk = httpChunks.get(bytes);
  if (!chunk) {
    const head = `${bytes.byteLength.toString(16)}\r\n`;
    chunk = Buffer.allocUnsafe(head.length + bytes.byteLength + 2);
    chunk.write(head, 0, 'latin1');
    chunk.set(bytes, head.length);
    chunk.write('\r\n', head.length + bytes.byteLength, 'latin1');
    httpChunks.set(bytes, chunk);
  }
  return chunk;
};

/**
 * Node's response, its head already sent. A class, not closures: thousands of streams share its methods.
 * Shared bytes go to the socket directly, framed once as a chunk for every stream: `res.write`
 * formats a chunk header and corks, queues four buffers and uncorks for a `writev` on every
 * stream (a burst's profile: a third of the CPU in the writes). That is only right while the
 * response is its socket's current one (`res.socket`, set only then), chunked, not ended, and
 * its head gone out (`attachTo`); anything else, an HTTP/1.0 client's unframed body included,
 * goes through `res.write`. `res.end` still writes the last chunk (`0\r\n\r\n`) after them.
 */
class ResponseSink implements Sink {
  constructor(private readonly res: ServerResponse) {}

  write(chunk: Uint8Array, shared: boolean): void {
    const { res } = this;
    // A client that has gone takes nothing (its 'close' ends the stream).
    if (res.destroyed || res.writableEnded || chunk.byteLength === 0) return;
    const socket = res.socket;
    if (shared && socket && res.chunkedEncoding && !socket.destroyed) socket.write(httpChunk(chunk));
    else res.write(chunk);
  }

  buffered(): number {
    return this.res.writableLength;
  }

  end(): void {
    if (!this.res.writableEnded) this.res.end();
  }
}

class WebSink implements Sink {
  readonly body: ReadableStream<Uint8Array>;
  private controller!: ReadableStreamDefaultController<Uint8Array>;

  constructor(stream: LiveStream) {
    this.body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.controller = controller;
        },
        cancel: () => stream.close(),
      },
      { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
    );
  }

  write(chunk: Uint8Array): void {
    this.controller.enqueue(chunk);
  }

  buffered(): number {
    return -(this.controller.desiredSize ?? 0);
  }

  end(): void {
    try {
      this.controller.close();
    } catch {
      // already cancelled by the client
    }
  }
}

/** The frames of comments, encoded once: every stream gets `: connected`, and one `: ping` each heartbeat. */
const comments = new Map<string, Uint8Array>();
const commentFrame = (text: string) => {
  let frame = comments.get(text);
  if (!frame) comments.set(text, (frame = encoder.encode(`: ${text}\n\n`)));
  return frame;
};

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
  private early: Uint8Array[] | null = [];
  private closed = false;

  constructor(
    readonly principal: UserPrincipal,
    /** When the token behind it expires (ms): the stream ends then, and the widget reconnects with a fresh one. */
    readonly expiresAt: number,
    /** Asks again whether the credential still grants access; answers the reason when it does not. */
    readonly recheck: () => Promise<string | null>,
  ) {}

  /**
   * Writes into Node's response `res`, whose head (status, headers) is written: what was written
   * before goes out with it.
   */
  attachTo(res: ServerResponse): void {
    res.once('close', () => this.close());
    // The head goes out on its own, before the greeting: the sink may write past the response to
    // its socket only once the head is there, and written alone the head's text (built up
    // header by header, a tree of a hundred-odd strings the response keeps) is flattened.
    res.flushHeaders();
    this.use(new ResponseSink(res));
    // The client may have gone while the stream was being opened, before 'close' had a listener.
    if (res.destroyed || res.socket?.destroyed) this.close();
  }

  /** The stream as a web `ReadableStream`, for a response without a socket of its own. */
  readable(): ReadableStream<Uint8Array> {
    const sink = new WebSink(this);
    this.use(sink);
    return sink.body;
  }

  private use(sink: Sink): void {
    this.sink = sink;
    for (const chunk of this.early ?? []) sink.write(chunk, false);
    this.early = null;
    if (this.closed) sink.end();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Sends an event frame if the stream has not had that id yet. */
  sendEvent(id: number, frame: Uint8Array, shared = false): void {
    if (id <= this.lastEventId) return;
    this.write(frame, shared);
    this.lastEventId = id;
  }

  /** Sends a batch's events, in one write when the stream has had none of them (as a member has). */
  sendEvents(batch: FrameBatch): void {
    const { ids, frames } = batch;
    if (ids.length === 0) return;
    if (ids[0]! > this.lastEventId) {
      this.write(batch.joined, true);
      this.lastEventId = ids[ids.length - 1]!;
      return;
    }
    for (let i = 0; i < ids.length; i++) this.sendEvent(ids[i]!, frames[i]!, true);
  }

  sendNotification(notification: NotificationView): void {
    this.write(encoder.encode(`event: notification.created\ndata: ${JSON.stringify({ notification })}\n\n`), false);
  }

  comment(text: 'connected' | 'ping'): void {
    this.write(commentFrame(text), true);
  }

  /** Tells the widget its access has ended, and closes. */
  revoke(reason: string): void {
    this.write(encoder.encode(`event: access.revoked\ndata: ${JSON.stringify({ reason })}\n\n`), false);
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.sink?.end();
    this.onClose?.();
  }

  private write(chunk: Uint8Array, shared: boolean): void {
    if (this.closed) return;
    if (!this.sink) {
      this.early?.push(chunk);
      return;
    }
    if (this.sink.buffered() > MAX_BUFFERED) {
      this.close();
      return;
    }
    this.sink.write(chunk, shared);
  }
}
