import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import type { AppEnv } from '../context.js';
import type { Database } from '../db/database.js';
import type { EventBus } from '../events/event-bus.js';
import { audienceKey } from '../auth/grants.js';
import { callerKey } from '../auth/principal.js';

interface Entry {
  /** The generations of the entry's scopes when it was computed. */
  generations: number[];
  storedAt: number;
  /** Kept encoded: a cache hit then costs no UTF-8 encoding of the page. */
  body: Uint8Array;
}

/** More new events than this at once (a long pause, a bulk import): everything is dropped. */
const MAX_FOLLOW = 5_000;

/**
 * Remembers the JSON of hot reads (a widget's task list) per caller and query, until a write
 * that can change it. The invariants:
 * 1. **Only the caller's own answers.** Keys hold the caller's identity (user or API key) and,
 *    for a contact, its capabilities and memberships (`audienceKey`), so no answer is ever
 *    served to anyone but the principal it was computed for, nor under rights since changed;
 *    authentication (and so every access check) runs before the cache.
 * 2. **Every write that can change a cached read appends an event** in its transaction
 *    (`transact`), naming its customer, or no customer for a change of the whole tenant.
 *    The cache follows the event log, not the writes: each event bumps the generation of
 *    its customer (what that customer's contacts read) and of its tenant (what the team and
 *    API keys read, across customers); an event without a customer bumps the tenant's
 *    contacts too. An entry is served only while the generations it was computed under stand.
 *    A contact's list thus survives another customer's writes, which is nearly all of them.
 * 3. **Read your writes.** A lookup first reads every event committed before it started
 *    (the bus's version says whether any may be new), so a client that was answered a write
 *    never reads the list from before it. Generations are taken before the query runs: a
 *    write that commits meanwhile makes the new entry stale at once.
 * 4. **Other instances.** Their events reach this one through the same log: PostgreSQL
 *    notifications wake the bus within milliseconds, and every entry also expires after
 *    `maxAgeMs`, so a lost notification cannot keep an answer stale for long.
 * @example return deps.reads.json(c, () => listTasks(db, principal, query));
 */
export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly generations = new Map<string, number>();
  /** The bus version the generations are up to date with, and the last event read. */
  private synced = -1;
  private lastEventId: number | null = null;
  private following: Promise<void> | null = null;

  constructor(
    private readonly bus: EventBus,
    private readonly db: Kysely<Database>,
    private readonly maxEntries = 5_000,
    private readonly maxAgeMs = 5_000,
  ) {}

  /** Answers `c` with the cached JSON for this caller and URL, or computes, answers and keeps it. */
  async json<T>(c: Context<AppEnv>, compute: () => Promise<T>): Promise<TypedResponse<JSONParsed<T>, 200, 'json'>> {
    const principal = c.var.principal;
    await this.follow(this.bus.version);
    const who = `${callerKey(principal)}|${audienceKey(principal)}`;
    const url = new URL(c.req.url);
    const key = `${who}|${url.pathname}?${[...url.searchParams].sort(([a], [b]) => (a < b ? -1 : 1)).join('&')}`;
    const generations = scopesOf(principal).map((scope) => this.generations.get(scope) ?? 0);
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.storedAt < this.maxAgeMs && hit.generations.every((g, i) => g === generations[i])) {
      return this.answer(c, hit.body);
    }
    const body = Buffer.from(JSON.stringify(await compute()));
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { generations, storedAt: now, body });
    return this.answer(c, body);
  }

  /** Brings the generations up to date with every event committed before the bus reached `version`. */
  private async follow(version: number): Promise<void> {
    while (this.synced < version) {
      this.following ??= this.readLog().finally(() => {
        this.following = null;
      });
      await this.following;
    }
  }

  private async readLog(): Promise<void> {
    const version = this.bus.version;
    try {
      if (this.lastEventId === null) {
        // Nothing is cached yet: start from the end of the log.
        const head = await this.db.selectFrom('events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
        this.lastEventId = Number(head?.id ?? 0);
      } else {
        const events = await this.db
          .selectFrom('events')
          .select(['id', 'tenant_id', 'customer_id'])
          .where('id', '>', this.lastEventId)
          .orderBy('id')
          .limit(MAX_FOLLOW)
          .execute();
        if (events.length === MAX_FOLLOW) this.forgetAll();
        for (const event of events) {
          this.bump(`t:${event.tenant_id}`);
          this.bump(event.customer_id === null ? `w:${event.tenant_id}` : `c:${event.tenant_id}:${event.customer_id}`);
          this.lastEventId = event.id;
        }
      }
    } catch {
      // Without the log we cannot tell what changed: nothing cached is trusted any more.
      this.forgetAll();
    }
    this.synced = version;
  }

  private bump(scope: string): void {
    this.generations.set(scope, (this.generations.get(scope) ?? 0) + 1);
  }

  private forgetAll(): void {
    this.entries.clear();
    this.lastEventId = null;
  }

  /** The JSON text as the typed response its route declares (it is that JSON, serialized once). */
  private answer<T>(c: Context<AppEnv>, body: Uint8Array) {
    return c.body(body as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/json' }) as unknown as TypedResponse<JSONParsed<T>, 200, 'json'>;
  }
}

/**
 * What can change a principal's reads: a contact reads its own customer's rows (and the
 * tenant's own, such as branding); anyone else reads across the tenant's customers.
 */
function scopesOf(principal: Principal): string[] {
  return principal.kind === 'contact' ? [`c:${principal.tenantId}:${principal.customerId}`, `w:${principal.tenantId}`] : [`t:${principal.tenantId}`];
}
