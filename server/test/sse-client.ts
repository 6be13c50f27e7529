/** One message of an event stream, as EventSource would dispatch it. */
export interface SseMessage {
  event: string;
  id: string | null;
  data: string;
}

/**
 * A Server-Sent Events parser: feed it text as it arrives, it calls `onMessage` per complete
 * message (comments are ignored, as EventSource does).
 * @example const push = sseParser((m) => console.log(m.event)); push(chunk);
 */
export function sseParser(onMessage: (message: SseMessage) => void): (chunk: string) => void {
  let buffer = '';
  return (chunk) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      let id: string | null = null;
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'id') id = value;
        else if (field === 'data') data.push(value);
      }
      if (data.length > 0) onMessage({ event, id, data: data.join('\n') });
    }
  };
}

/**
 * Reads an event stream's body in the background and lets a test wait for what it expects.
 * `raw` keeps every byte received, to assert what never appeared.
 * @example const s = new SseReader(res.body!); const m = await s.waitFor((m) => m.event === 'task.created');
 */
export class SseReader {
  readonly messages: SseMessage[] = [];
  raw = '';
  ended = false;
  private waiters: (() => void)[] = [];
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;

  constructor(body: ReadableStream<Uint8Array>) {
    const reader = body.getReader();
    this.reader = reader;
    const push = sseParser((message) => this.messages.push(message));
    const decoder = new TextDecoder();
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          const text = decoder.decode(value, { stream: true });
          this.raw += text;
          push(text);
          this.notify();
        }
      } catch {
        // cancelled
      }
      this.ended = true;
      this.notify();
    })();
  }

  /** The parsed JSON of every message of `event`. */
  all(event: string): any[] {
    return this.messages.filter((m) => m.event === event).map((m) => JSON.parse(m.data));
  }

  /** Resolves with the first message (received so far or later) that matches, or rejects after `timeoutMs`. */
  async waitFor(match: (message: SseMessage) => boolean, timeoutMs = 5000): Promise<SseMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      if (this.ended) throw new Error(`stream ended before the expected message; got ${this.messages.map((m) => m.event).join(', ')}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no expected message within ${timeoutMs} ms; got ${this.messages.map((m) => m.event).join(', ')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves once the server has closed the stream. */
  async waitForEnd(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) {
      if (Date.now() > deadline) throw new Error('the stream is still open');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    await this.reader.cancel().catch(() => {});
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
