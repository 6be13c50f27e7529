import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ApiClient } from '../api/api-client.js';
import { RequestError } from '../api/request-error.js';
import { fromWire } from '../api/wire.js';
import { createSseParser, type SseMessage } from './sse-parser.js';

export type LiveStatus = 'idle' | 'connecting' | 'open' | 'retrying' | 'closed';

export interface LiveEventsOptions {
  api: () => ApiClient | undefined;
  /** Each message, its `data` parsed and camelCased. */
  onMessage(type: string, data: any): void;
  onStatus?(status: LiveStatus, error?: RequestError): void;
}

const BACKOFF_MIN_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * The live event stream over `fetch` (EventSource cannot send the token in a header):
 * resumes with `Last-Event-ID`, reconnects with jittered exponential backoff, and stops
 * for good on `access.revoked` or when the credential is refused.
 * @example live = new LiveEventsController(this, { api: () => this.api, onMessage: (t, d) => store.applyMessage(t, d) }); live.start();
 */
export class LiveEventsController implements ReactiveController {
  lastEventId: number | null = null;
  status: LiveStatus = 'idle';
  private abort: AbortController | null = null;
  /** Whether the stream should run: it pauses while the element is out of the page. */
  private wanted = false;

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

  private setStatus(status: LiveStatus, error?: RequestError): void {
    if (status === this.status && !error) return;
    this.status = status;
    this.options.onStatus?.(status, error);
  }

  private async run(signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      const api = this.options.api();
      if (!api) return;
      this.setStatus(failures ? 'retrying' : 'connecting');
      try {
        const response = await api.events(this.lastEventId, signal);
        this.setStatus('open');
        failures = 0;
        if (await this.read(response, signal)) return;
      } catch (error) {
        if (signal.aborted) return;
        // A refused credential or a revoked access will not heal by retrying.
        if (error instanceof RequestError && [401, 403, 404].includes(error.status)) {
          if (this.abort?.signal === signal) this.stop('closed', error);
          return;
        }
      }
      const wait = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** failures++);
      await sleep(wait / 2 + Math.random() * (wait / 2), signal);
    }
  }

  /** Reads until the stream ends; true when the server said access was revoked. */
  private async read(response: Response, signal: AbortSignal): Promise<boolean> {
    let revoked = false;
    const feed = createSseParser((message: SseMessage) => {
      if (message.id !== undefined && /^\d+$/.test(message.id)) this.lastEventId = Number(message.id);
      if (message.event === 'access.revoked') revoked = true;
      let data: unknown = null;
      try {
        data = fromWire(JSON.parse(message.data));
      } catch {
        return;
      }
      this.options.onMessage(message.event, data);
    });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done || signal.aborted) break;
        feed(value);
        if (revoked) break;
      }
    } finally {
      reader.cancel().catch(() => {});
    }
    if (revoked && !signal.aborted) this.stop('closed', new RequestError(401, 'access_revoked', 'Portal access has been revoked'));
    return revoked;
  }
}
