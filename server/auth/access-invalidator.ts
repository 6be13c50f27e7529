import type { Kysely } from 'kysely';
import type { Database, EventRow } from '../db/database.js';
import type { AccessCache } from './access.js';

type AccessEvent = Pick<EventRow, 'id' | 'type' | 'tenant_id' | 'subject_id'>;

/**
 * What each kind of event makes stale in the access cache. This is the place to add a reason
 * to forget cached access: a new event type (a permission set changed, a membership, an IP
 * allowlist) and what of the cache it concerns.
 */
const FORGETS: Record<string, (access: AccessCache, event: AccessEvent) => void> = {
  // Deactivated, reactivated, renamed: that user's entry.
  'user.updated': (access, event) => access.forgetUser(event.subject_id),
  'user.erased': (access, event) => access.forgetUser(event.subject_id),
  'user.transferred': (access, event) => access.forgetUser(event.subject_id),
  // A portal switched or a customer's rules changed: its contacts' entries (the cache is keyed by user).
  'customer.updated': (access) => access.forgetAllUsers(),
  // Who is a member of a project, what a permission set allows: contacts' capabilities.
  'project.members_updated': (access) => access.forgetAllUsers(),
  'permission_set.updated': (access) => access.forgetAllUsers(),
  'permission_set.deleted': (access) => access.forgetAllUsers(),
  // Allowed origins, and the defaults that decide what contacts without a set of their own may do.
  'settings.updated': (access, event) => {
    access.forgetTenant(event.tenant_id);
    access.forgetAllUsers();
  },
  // Every token of the tenant revoked.
  'tenant.tokens_revoked': (access, event) => access.forgetTenant(event.tenant_id),
};

const TYPES = Object.keys(FORGETS);
const PAGE = 500;

/**
 * The one caller of `AccessCache.forget*`: it follows the event log and, for each event that
 * changes someone's access, forgets what the cache held about it, whichever instance wrote the
 * event. A writer awaits `catchUp()` after its commit, so that its own next request already
 * sees the change; the worker loop and the live hub call it on every wake of the log.
 * @example await transact(deps, (trx) => updateUser(trx, principal, id, patch)); await deps.invalidator.catchUp();
 */
export class AccessInvalidator {
  private running: Promise<void> = Promise.resolve();

  private constructor(
    private readonly db: Kysely<Database>,
    private readonly access: AccessCache,
    private head: number,
  ) {}

  /** An invalidator from the end of the log as it is now: nothing is cached before it exists. */
  static async following(db: Kysely<Database>, access: AccessCache): Promise<AccessInvalidator> {
    const last = await db.selectFrom('events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
    return new AccessInvalidator(db, access, Number(last?.id ?? 0));
  }

  /**
   * Reads the log past what was already read and forgets accordingly; calls queue behind one
   * another. It never fails: a write that committed must not answer 500 because the log could
   * not be read just then; the cache's one-second expiry bounds what is missed, and the next
   * call reads on from the same place.
   */
  catchUp(): Promise<void> {
    this.running = this.running.then(() =>
      this.read().catch((error: unknown) => console.error(`[access] ${error instanceof Error ? error.message : String(error)}`)),
    );
    return this.running;
  }

  private async read(): Promise<void> {
    // The end of the log first: the scan below then covers only what is new since the last call,
    // even when none of it concerns access (nearly always), instead of everything since the last
    // event that did. Event ids commit in order (event-log.ts), so nothing can land behind it.
    const last = await this.db.selectFrom('events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
    const end = Number(last?.id ?? 0);
    while (this.head < end) {
      const rows = await this.db
        .selectFrom('events')
        .select(['id', 'type', 'tenant_id', 'subject_id'])
        .where('id', '>', this.head)
        .where('id', '<=', end)
        .where('type', 'in', TYPES)
        .orderBy('id')
        .limit(PAGE)
        .execute();
      for (const row of rows) FORGETS[row.type]?.(this.access, row);
      this.head = rows.length < PAGE ? end : rows[rows.length - 1]!.id;
    }
  }
}
