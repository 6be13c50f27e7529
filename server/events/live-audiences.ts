import { portalViewer, type Principal } from '../auth/principal.js';
import type { LiveStream } from './live-stream.js';

/**
 * The streams that see exactly the same events. The rule for the `events` table looks at the
 * principal's tenant, kind and customer only (`visibleTo`: tenant; for a contact, its customer
 * and `portal`), so every staff user of a tenant shares one audience and every contact of a
 * customer another. An audience reads the log once per wake, through the rule, for all of them.
 */
export interface Audience {
  readonly key: string;
  readonly principal: Principal;
  /** Every event up to here has been read for this audience (and sent to its members). */
  cursor: number;
  readonly members: Set<LiveStream>;
  /** Streams that still have to catch up from their resume point before they get live events. */
  readonly joining: Set<LiveStream>;
}

export const staffKey = (tenantId: string) => `s ${tenantId}`;
export const contactKey = (tenantId: string, customerId: string) => `c ${tenantId} ${customerId}`;

/** The audiences an event of `tenantId` (and `customerId`) may concern: the rule requires both. */
export const audienceKeysOf = (tenantId: string, customerId: string | null) => (customerId ? [staffKey(tenantId), contactKey(tenantId, customerId)] : [staffKey(tenantId)]);

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
    const key = principal.kind === 'contact' ? contactKey(principal.tenantId, principal.customerId) : staffKey(principal.tenantId);
    let audience = this.byKey.get(key);
    if (!audience) {
      const viewer: Principal =
        principal.kind === 'contact' ? portalViewer(principal.tenantId, principal.customerId) : { kind: 'staff', tenantId: principal.tenantId, userId: '', customerId: null };
      audience = { key, principal: viewer, cursor: head, members: new Set(), joining: new Set() };
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
    if (audience.members.size === 0 && audience.joining.size === 0) this.byKey.delete(audience.key);
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
