import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ApiClient } from '../api/api-client.js';
import { RequestError } from '../api/request-error.js';
import { fromWire } from '../api/wire.js';
import { createSseParser, type SseMessage } from './sse-parser.js';
import { leadWhileActive } from './tab-leader.js';

export type LiveStatus = 'idle' | 'connecting' | 'open' | 'retrying' | 'closed';

export interface LiveEventsOptions {
  api: () => ApiClient | undefined;
  /**
   * Whose stream this is (the service, tenant and user): the tabs of a browser showing the same
   * key share one stream. Null (or a browser without Web Locks) gives each widget its own.
   */
  key?: () => string | null;
  /** Each message, its `data` parsed and camelCased. */
  onMessage(type: string, data: any): void;
  onStatus?(status: LiveStatus, error?: RequestError): void;
}

/** What the leading tab tells the others: an event of the stream, or the stream's status. */
type Shared = { id?: number; type: string; data: unknown } | { status: LiveStatus };

const BACKOFF_MIN_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
/** The service pings every 15 s: a stream silent for longer than this has died unnoticed. */
const SILENCE_MS = 35_000;

const revokedError = () => new RequestError(401, 'access_revoked', 'Portal access has been revoked');

/**
 * The live event stream over `fetch` (EventSource cannot send the token in a header):
 * resumes with `Last-Event-ID`, reconnects with jittered exponential backoff, and stops
 * for good on `access.revoked` or when the credential is refused. The tabs of one browser
 * share it: the tab holding a Web Lock reads the stream and passes each event and its status
 * to the others over a `BroadcastChannel`; when it closes (or stays hidden), another takes
 * over and resumes after the last event every tab saw.
 * @example live = new LiveEventsController(this, { api: () => this.api, key: () => key, onMessage: (t, d) => store.applyMessage(t, d) }); live.start();
 */
export class LiveEventsController implements ReactiveController {
  lastEventId: number | null = null;
  status: LiveStatus = 'idle';
  private abort: AbortController | null = null;
  /** Whether the stream should run: it pauses while the element is out of the page. */
  private wanted = false;
  private share: ((message: Shared) => void) | null = null;
  private wake: (() => void) | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: LiveEventsOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.wanted) this.start();
  }

  hostDisconnected(): void {
    this.abort?.abort();
    this.abort = null;
  }

  /** Connects (again); a running stream is kept. */
  start(): void {
    this.wanted = true;
    if (this.abort) return;
    const abort = (this.abort = new AbortController());
    void this.run(abort.signal);
  }

  stop(status: LiveStatus = 'idle', error?: RequestError): void {
    this.wanted = false;
    this.abort?.abort();
    this.abort = null;
    this.setStatus(status, error);
  }

  /** A new user: nothing of the old stream may be resumed. */
  restart(): void {
    this.stop();
    this.lastEventId = null;
    this.start();
  }

  /** The network is back: a stream waiting to reconnect tries now. */
  retryNow(): void {
    this.wake?.();
  }

  private setStatus(status: LiveStatus, error?: RequestError): void {
    if (status === this.status && !error) return;
    this.status = status;
    this.share?.({ status });
    this.options.onStatus?.(status, error);
  }

  private async run(signal: AbortSignal): Promise<void> {
    const key = this.options.key?.();
    if (!key || !navigator.locks || typeof BroadcastChannel !== 'function') return this.stream(signal);
    const channel = new BroadcastChannel(`cp-live:${key}`);
    channel.onmessage = ({ data }: MessageEvent<Shared>) => {
      if (this.share) return;
      if ('status' in data) this.setStatus(data.status);
      else this.deliver(data.type, data.data, data.id);
    };
    signal.addEventListener('abort', () => channel.close(), { once: true });
    await leadWhileActive(`cp-live:${key}`, signal, async (lead) => {
      this.share = (message) => lead.aborted || channel.postMessage(message);
      try {
        await this.stream(lead);
      } finally {
        this.share = null;
      }
    });
  }

  /** An event, from the stream or from the leading tab: applied, and shared when leading. */
  private deliver(type: string, data: unknown, id?: number): void {
    if (id !== undefined) this.lastEventId = id;
    this.share?.({ id, type, data });
    if (type === 'access.revoked') this.stop('closed', revokedError());
    else this.options.onMessage(type, data);
  }

  private async stream(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      const api = this.options.api();
      if (!api) return;
      this.setStatus(failures ? 'retrying' : 'connecting');
      try {
        const response = await api.events(this.lastEventId, signal);
        this.setStatus('open');
        failures = 0;
        await this.read(response, signal);
      } catch (error) {
        if (signal.aborted) return;
        // A refused credential or a revoked access will not heal by retrying.
        if (error instanceof RequestError && [401, 403, 404].includes(error.status)) return this.stop('closed', error);
      }
      const wait = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** failures++);
      await new Promise<void>((resolve) => {
        const timer = setTimeout((this.wake = resolve), wait / 2 + Math.random() * (wait / 2));
        signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
      this.wake = null;
    }
  }

  /** Reads until the stream ends, is revoked or falls silent. */
  private async read(response: Response, signal: AbortSignal): Promise<void> {
    const feed = createSseParser((message: SseMessage) => {
      let data: unknown = null;
      try {
        data = message.data ? fromWire(JSON.parse(message.data)) : null;
      } catch {
        return;
      }
      this.deliver(message.event, data, message.id !== undefined && /^\d+$/.test(message.id) ? Number(message.id) : undefined);
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let silence: ReturnType<typeof setTimeout> | undefined;
    try {
      for (;;) {
        clearTimeout(silence);
        silence = setTimeout(() => void reader.cancel().catch(() => {}), SILENCE_MS);
        const { value, done } = await reader.read();
        if (done || signal.aborted) break;
        feed(value);
      }
    } finally {
      clearTimeout(silence);
      reader.cancel().catch(() => {});
    }
  }
}
