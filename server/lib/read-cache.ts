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
  /** The entry's scopes, and their generations when it was computed. */
  scopes: string[];
  generations: number[];
  /**
   * For an answer that follows its rows one by one: how to put a changed row in, the answer
   * itself and the ids of its rows. Its row scope is then not among `scopes`: a change of one
   * of its rows is put in, or drops the entry (`changeRow`), and a change of any other row of
   * its customer leaves it as it is.
   */
  follows?: { rows: Rows<unknown>; value: unknown; held: Set<string> };
  storedAt: number;
  /**
   * Kept encoded: a cache hit then costs no UTF-8 encoding of the page. Null once a row was
   * put in `follows.value`: encoded again by the next hit, so a burst of changes to a page costs one
   * encoding, and none for a page nobody reads before it changes again.
   */
  body: Uint8Array | null;
}

/** More new events than this at once (a long pause, a bulk import): everything is dropped. */
const MAX_FOLLOW = 5_000;
/** Scopes counted, or rows followed one by one; past this many, everything is dropped and counting starts again. */
const MAX_GENERATIONS = 100_000;

/**
 * Events that change no row a cached read can hold. Only task lists are cached: a comment, a
 * message, a file, a page or a sign-in leaves every task list as it was (what they create of a
 * task, such as a request's, appends its own `task.created`). A new kind of cached read must
 * revisit this list; an event not named here stales what it may touch.
 */
const CHANGES_NO_CACHED_READ = new RegExp(
  '^(?:(?:access_request|approval|comment|commission|deal_registration|document|faq_entry|financial_document|folder|goal|message|page|referral|request|request_type|thread)\\.' +
    '|(?:branding\\.updated|customer\\.engagement_changed|deal\\.note_added|task\\.due_soon|task\\.overdue|user\\.(?:signed_in|signed_out|exported|mfa_enabled|mfa_disabled|mfa_locked))$)',
);

/**
 * The fields whose change keeps a task in exactly the lists it was in, when those lists are not
 * filtered by them: a row change. Any other change (its visibility, project, customer or deal)
 * can move it into or out of a list, and stales every list of its customer. None of them may
 * be a field the visibility rule reads: a row change never changes who may see the row.
 */
const ROW_FIELDS = new Set(['title', 'description', 'status', 'priority', 'start_date', 'due_date', 'milestone_id', 'assignee_ids', 'completed_at']);

/** What one event of the log changes, for the cache: a row change carries the row as it is now. */
type Change = { kind: 'nothing' } | { kind: 'row'; row: unknown } | { kind: 'scope' };

function changeOf(event: { type: string; data: string }): Change {
  if (CHANGES_NO_CACHED_READ.test(event.type)) return { kind: 'nothing' };
  if (event.type !== 'task.updated' && event.type !== 'task.completed') return { kind: 'scope' };
  const data = JSON.parse(event.data) as { task?: unknown; changes?: unknown };
  const rowOnly = event.type === 'task.completed' || (Array.isArray(data.changes) && data.changes.every((field) => ROW_FIELDS.has(field as string)));
  return rowOnly && data.task ? { kind: 'row', row: data.task } : { kind: 'scope' };
}

/**
 * A read that lists rows a row change cannot add to it or take from it (the task route passes
 * one for a list not filtered by `ROW_FIELDS`): the cache follows its rows one by one, and
 * puts a changed row in place instead of computing the answer again.
 */
export interface Rows<T> {
  /** The ids of the rows the answer holds. */
  ids(value: T): string[];
  /** The answer with the row `id` replaced by `row`, as its change event carries it. */
  replace(value: T, id: string, row: unknown): T;
}


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
 *    Finer still: events that change no cached read (a comment, a message, a file) bump
 *    nothing, and a row change (a task's status or title: `ROW_FIELDS`) bumps its customer's
 *    row scope. A read whose rows cannot move in or out by a row change (the route says so by
 *    passing `Rows`: a list not filtered by those fields) depends on its own rows instead: a
 *    change of one of them is put in place from its event (or drops the entry, if it is stale
 *    anyway); any other read depends on the row scope, so on every row change of its customer.
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
  /** For each followed row (by id), the keys of the entries that may hold it. */
  private readonly holders = new Map<string, Set<string>>();
  /** The bus version the generations are up to date with, and the last event read. */
  private synced = -1;
  private lastEventId: number | null = null;
  /** Counts `forgetAll`: generations start again from nothing, so an answer computed before it must not be kept. */
  private epoch = 0;
  private following: Promise<void> | null = null;

  constructor(
    private readonly bus: EventBus,
    private readonly db: Kysely<Database>,
    private readonly maxEntries = 5_000,
    private readonly maxAgeMs = 5_000,
  ) {}

  /**
   * Answers `c` with the cached JSON for this caller and URL, or computes, answers and keeps it.
   * With `rows`, a change of one of its rows is put in place and only a change of its scope
   * stales the answer (see `Rows`).
   */
  async json<T>(c: Context<AppEnv>, compute: () => Promise<T>, rows?: Rows<T>): Promise<TypedResponse<JSONParsed<T>, 200, 'json'>> {
    const principal = c.var.principal;
    await this.follow(this.bus.version);
    const who = `${callerKey(principal)}|${audienceKey(principal)}`;
    const url = c.req.url;
    const query = url.indexOf('?');
    const params = query < 0 ? '' : [...new URLSearchParams(url.slice(query + 1))].sort(([a], [b]) => (a < b ? -1 : 1)).join('&');
    const key = `${who}|${c.req.path}?${params}`;
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.storedAt < this.maxAgeMs && this.current(hit)) {
      hit.body ??= Buffer.from(JSON.stringify(hit.follows!.value));
      return this.answer(c, hit.body);
    }
    // Taken before the query runs: a write that commits meanwhile makes the entry stale at once.
    const scopes = [...scopesOf(principal), rowScopeOf(principal)];
    const generations = scopes.map((scope) => this.generation(scope));
    const epoch = this.epoch;
    const value = await compute();
    const body = Buffer.from(JSON.stringify(value));
    if (epoch !== this.epoch) return this.answer(c, body);
    const entry: Entry = { scopes, generations, storedAt: now, body };
    if (rows && generations[generations.length - 1] === this.generation(scopes[scopes.length - 1]!)) {
      // No row of its scope changed while it was read: from now on it follows its own rows.
      scopes.pop();
      generations.pop();
      entry.follows = { rows: rows as Rows<unknown>, value, held: new Set(rows.ids(value)) };
      for (const id of entry.follows.held) this.holders.set(id, (this.holders.get(id) ?? new Set()).add(key));
    }
    if (this.entries.size >= this.maxEntries) this.clearEntries();
    this.entries.set(key, entry);
    return this.answer(c, body);
  }

  private generation(scope: string): number {
    return this.generations.get(scope) ?? 0;
  }

  /** Whether no scope the entry depends on changed since it was computed. */
  private current(entry: Entry): boolean {
    for (let i = 0; i < entry.scopes.length; i++) if (this.generation(entry.scopes[i]!) !== entry.generations[i]) return false;
    return true;
  }

  private clearEntries(): void {
    this.entries.clear();
    this.holders.clear();
  }

  /**
   * A row changed: stales the reads of its row scopes, and puts it in the entries that hold it
   * (dropping those already stale for another reason, which would never be served again).
   */
  private changeRow(tenantId: string, customerId: string, id: string, row: unknown): void {
    this.bump(`rt:${tenantId}`);
    this.bump(`rc:${tenantId}:${customerId}`);
    const keys = this.holders.get(id);
    if (!keys) return;
    for (const key of keys) {
      const entry = this.entries.get(key);
      const follows = entry?.follows;
      // A key computed again since may no longer hold the row.
      if (!entry || !follows?.held.has(id)) keys.delete(key);
      else if (!this.current(entry)) {
        this.entries.delete(key);
        keys.delete(key);
      } else {
        follows.value = follows.rows.replace(follows.value, id, row);
        entry.body = null;
      }
    }
    if (keys.size === 0) this.holders.delete(id);
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
          .select(['id', 'tenant_id', 'customer_id', 'type', 'subject_id', 'data'])
          .where('id', '>', this.lastEventId)
          .orderBy('id')
          .limit(MAX_FOLLOW)
          .execute();
        if (events.length === MAX_FOLLOW || this.generations.size > MAX_GENERATIONS) this.forgetAll();
        else if (this.holders.size > MAX_GENERATIONS) this.clearEntries();
        for (const event of events) {
          const change = changeOf(event);
          if (change.kind === 'row' && event.customer_id !== null) {
            this.changeRow(event.tenant_id, event.customer_id, event.subject_id, change.row);
          } else if (change.kind !== 'nothing') {
            this.bump(`t:${event.tenant_id}`);
            this.bump(event.customer_id === null ? `w:${event.tenant_id}` : `c:${event.tenant_id}:${event.customer_id}`);
          }
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
    // Generations only ever grow while an entry may hold them: both go together.
    this.clearEntries();
    this.generations.clear();
    this.epoch += 1;
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

/** Where a row change of what `principal` reads is counted: its customer's rows, or the tenant's. */
function rowScopeOf(principal: Principal): string {
  return principal.kind === 'contact' ? `rc:${principal.tenantId}:${principal.customerId}` : `rt:${principal.tenantId}`;
}
