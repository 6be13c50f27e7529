import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import type { AppEnv } from '../context.js';
import type { EventBus } from '../events/event-bus.js';
import { callerKey } from '../auth/principal.js';

interface Entry {
  version: number;
  storedAt: number;
  /** Kept encoded: a cache hit then costs no UTF-8 encoding of the page. */
  body: Uint8Array;
}

/**
 * Remembers the JSON of hot reads (a widget's task list) per caller and query, until anything
 * is written: every committed write wakes the event bus, whose version then no longer matches.
 * With several instances the bus is woken by PostgreSQL notifications, which arrive within
 * milliseconds; entries also expire after `maxAgeMs`, so a lost notification cannot keep
 * an answer stale for long. Keys hold the caller's own identity, so no answer is ever served
 * to anyone but the principal it was computed for; authentication runs before the cache.
 * @example return deps.reads.json(c, () => listTasks(db, principal, query));
 */
export class ReadCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly bus: EventBus,
    private readonly maxEntries = 5_000,
    private readonly maxAgeMs = 5_000,
  ) {}

  /** Answers `c` with the cached JSON for this caller and URL, or computes, answers and keeps it. */
  async json<T>(c: Context<AppEnv>, compute: () => Promise<T>): Promise<TypedResponse<JSONParsed<T>, 200, 'json'>> {
    const principal = c.var.principal;
    const who = callerKey(principal);
    const url = new URL(c.req.url);
    const key = `${who}|${url.pathname}?${[...url.searchParams].sort(([a], [b]) => (a < b ? -1 : 1)).join('&')}`;
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.version === this.bus.version && now - hit.storedAt < this.maxAgeMs) {
      return this.answer(c, hit.body);
    }
    // The version is read before the query: a write that commits meanwhile makes the entry stale at once.
    const version = this.bus.version;
    const body = Buffer.from(JSON.stringify(await compute()));
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { version, storedAt: now, body });
    return this.answer(c, body);
  }

  /** The JSON text as the typed response its route declares (it is that JSON, serialized once). */
  private answer<T>(c: Context<AppEnv>, body: Uint8Array) {
    return c.body(body as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/json' }) as unknown as TypedResponse<JSONParsed<T>, 200, 'json'>;
  }
}
