import { audienceKey } from '../auth/grants.js';
import type { UserPrincipal } from '../auth/principal.js';
import type { LiveStream } from './live-stream.js';

/**
 * The streams that see exactly the same events. The rule for the `events` table looks at the
 * principal's tenant and kind and, for a contact, its customer, capabilities and memberships
 * (`audienceKey`), so every staff user of a tenant shares one audience and the contacts of a
 * customer who may do the same share another. An audience reads the log once per wake,
 * through the rule, for all of them.
 */
export interface Audience {
  readonly key: string;
  /** Whom an event concerns, by tenant and customer (`scopeOf`): only those audiences read. */
  readonly scope: string;
  readonly principal: UserPrincipal;
  /** Every event up to here has been read for this audience (and sent to its members). */
  cursor: number;
  readonly members: Set<LiveStream>;
  /** Streams that still have to catch up from their resume point before they get live events. */
  readonly joining: Set<LiveStream>;
}

const staffScope = (tenantId: string) => `s ${tenantId}`;
export const contactScope = (tenantId: string, customerId: string) => `c ${tenantId} ${customerId}`;
const scopeOf = (p: UserPrincipal) => (p.kind === 'contact' ? contactScope(p.tenantId, p.customerId) : staffScope(p.tenantId));

/** The scopes an event of `tenantId` (and `customerId`) may concern: its tenant's staff and that customer's contacts (the rule requires both). */
export const scopesOf = (tenantId: string, customerId: string | null) => (customerId ? [staffScope(tenantId), contactScope(tenantId, customerId)] : [staffScope(tenantId)]);

/**
 * The open streams of this instance, by audience and by user.
 * @example const audience = audiences.join(stream, head); …; audiences.leave(stream, audience);
 */
export class Audiences {
  private readonly byKey = new Map<string, Audience>();
  private readonly byUser = new Map<string, Set<LiveStream>>();

  get size(): number {
    return this.byKey.size;
  }

  /** Adds `stream` to its audience (made at `head` if it is the first), as joining. */
  join(stream: LiveStream, head: number): Audience {
    const { principal } = stream;
    const key = audienceKey(principal);
    let audience = this.byKey.get(key);
    if (!audience) {
      // The rule reads no user id, only what the key holds: the first stream's principal speaks for all.
      audience = { key, scope: scopeOf(principal), principal, cursor: head, members: new Set(), joining: new Set() };
      this.byKey.set(key, audience);
    }
    audience.joining.add(stream);
    const mine = this.byUser.get(principal.userId) ?? new Set<LiveStream>();
    mine.add(stream);
    this.byUser.set(principal.userId, mine);
    return audience;
  }

  leave(stream: LiveStream, audience: Audience): void {
    audience.members.delete(stream);
    audience.joining.delete(stream);
    // Only this audience: a stream closing late must not drop the one its key now names.
    if (audience.members.size === 0 && audience.joining.size === 0 && this.byKey.get(audience.key) === audience) this.byKey.delete(audience.key);
    const mine = this.byUser.get(stream.principal.userId);
    mine?.delete(stream);
    if (mine?.size === 0) this.byUser.delete(stream.principal.userId);
  }

  all(): Audience[] {
    return [...this.byKey.values()];
  }

  get(key: string): Audience | undefined {
    return this.byKey.get(key);
  }

  /** The streams of one user, on this instance. */
  ofUser(userId: string): Set<LiveStream> | undefined {
    return this.byUser.get(userId);
  }

  /** Every stream of `audiences` (all of them by default), members and joining alike. */
  streams(audiences: Iterable<Audience> = this.all()): LiveStream[] {
    return [...audiences].flatMap((a) => [...a.members, ...a.joining]);
  }
}
