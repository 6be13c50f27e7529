import type { EventRow } from '../db/database.js';
import { contactScope, type Audience, type Audiences } from './live-audiences.js';
import type { LiveStream } from './live-stream.js';

/**
 * The streams whose access an event may have ended or changed (a deactivation, a customer's
 * portal turned off or its rules changed, project members, permission sets, the tenant's tokens
 * revoked): they are asked again at once, whichever instance made the change. (What the access cache forgets for it is `AccessInvalidator`'s business.)
 * @example for (const stream of streamsConcernedBy(row, audiences)) recheck.add(stream);
 */
export function streamsConcernedBy(row: Pick<EventRow, 'type' | 'tenant_id' | 'customer_id' | 'subject_id'>, audiences: Audiences): LiveStream[] {
  const where = (test: (a: Audience) => boolean) => audiences.streams(audiences.all().filter(test));
  switch (row.type) {
    case 'user.updated':
    case 'user.erased':
    case 'user.transferred':
      return [...(audiences.ofUser(row.subject_id) ?? [])];
    case 'customer.updated':
      return where((a) => a.scope === contactScope(row.tenant_id, row.subject_id));
    case 'project.members_updated':
      return row.customer_id ? where((a) => a.scope === contactScope(row.tenant_id, row.customer_id!)) : [];
    case 'permission_set.updated':
    case 'settings.updated':
      return where((a) => a.principal.tenantId === row.tenant_id && a.principal.kind === 'contact');
    case 'tenant.tokens_revoked':
      return where((a) => a.principal.tenantId === row.tenant_id);
    default:
      return [];
  }
}

/**
 * Asks again for each of `streams` whether its credential still grants access (and pings it
 * first on a heartbeat); expired tokens end quietly.
 * @example await recheckAccess(audiences.streams(), true);
 */
export async function recheckAccess(streams: Iterable<LiveStream>, ping = false): Promise<void> {
  const now = Date.now();
  let asked = 0;
  for (const stream of streams) {
    // Each write and each SQLite answer is synchronous work: a pause every hundred streams lets
    // requests and events through instead of holding them until the last stream.
    if (++asked % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
    if (stream.isClosed) continue;
    if (now >= stream.expiresAt) {
      stream.close();
      continue;
    }
    if (ping) stream.comment('ping');
    const reason = await stream.recheck();
    if (reason) stream.revoke(reason);
  }
}
