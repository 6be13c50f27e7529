import type { Kysely } from 'kysely';
import { actorId, type Principal } from '../auth/principal.js';
import { isPortalVisible } from '../auth/visibility.js';
import type { Database } from '../db/database.js';
import type { EventType } from './event-types.js';
import { appendEvent } from './event-log.js';

export interface SubjectEvent {
  type: EventType;
  /** The table the subject lives in: the visibility rule is asked about that row. */
  table: 'projects' | 'tasks' | 'milestones' | 'goals' | 'pages' | 'faq_entries' | 'comments' | 'documents' | 'folders' | 'threads' | 'messages' | 'approvals' | 'requests' | 'deals' | 'financial_documents' | 'deal_registrations' | 'referrals' | 'commissions';
  subjectId: string;
  /** Null for the tenant's own rows (its logo): no contact hears of those. */
  customerId: string | null;
  taskId: string | null;
  data: unknown;
}

/**
 * Appends an event about one row, in the caller's transaction, marked `portal` exactly when a
 * contact of its customer may see that row now (so call it before a delete hides the row).
 * @example await recordEvent(trx, principal, { type: 'comment.created', table: 'comments', subjectId: id, customerId, taskId, data });
 */
export async function recordEvent(db: Kysely<Database>, principal: Principal, event: SubjectEvent): Promise<void> {
  const portal = event.customerId !== null && (await isPortalVisible(db, event.table, event.subjectId, principal.tenantId, event.customerId));
  await appendEvent(db, {
    tenantId: principal.tenantId,
    customerId: event.customerId,
    visibility: portal ? 'portal' : 'internal',
    type: event.type,
    subjectId: event.subjectId,
    taskId: event.taskId,
    actorId: actorId(principal),
    data: event.data,
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
