import type { Kysely } from 'kysely';
import { actorId, type Principal } from '../auth/principal.js';
import { isPortalVisible, type ScopedTable } from '../auth/visibility.js';
import type { Database } from '../db/database.js';
import { appendEvent } from './event-log.js';

/**
 * Appends the event of a change to `subject` (a row of `table`, already written in this
 * transaction). The event is as visible to the customer's contacts as the subject now is,
 * so the rule, not the writer, decides who hears of it.
 * @example await recordChange(trx, principal, 'projects', 'project.updated', project, { project, changes, previous });
 */
export async function recordChange(
  db: Kysely<Database>,
  principal: Principal,
  table: Exclude<ScopedTable, 'events' | 'customers'>,
  type: string,
  subject: { id: string; customer_id: string },
  data: Record<string, unknown>,
  taskId: string | null = null,
): Promise<void> {
  const portal = await isPortalVisible(db, table, subject.id, principal.tenantId, subject.customer_id);
  await appendEvent(db, {
    tenantId: principal.tenantId,
    customerId: subject.customer_id,
    visibility: portal ? 'portal' : 'internal',
    type,
    subjectId: subject.id,
    taskId,
    actorId: actorId(principal),
    data,
  });
}

/**
 * Appends the event of a change only the team may see (customers and users: the vocabulary's
 * internal types), in the caller's transaction.
 * @example await recordInternalChange(trx, principal, 'user.updated', user.id, user.customer_id, { user, changes, previous });
 */
export async function recordInternalChange(
  db: Kysely<Database>,
  principal: Principal,
  type: string,
  subjectId: string,
  customerId: string | null,
  data: Record<string, unknown>,
): Promise<void> {
  await appendEvent(db, { tenantId: principal.tenantId, customerId, visibility: 'internal', type, subjectId, actorId: actorId(principal), data });
}
