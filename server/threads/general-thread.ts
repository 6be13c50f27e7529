import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import type { Database, ThreadRow } from '../db/database.js';
import { recordEvent } from '../events/record-event.js';
import { newId } from '../lib/ids.js';

/**
 * Inserts a thread and records `thread.created`, in the caller's transaction. The general
 * thread of a new customer comes through here too (from `insertCustomer`), so this file
 * imports no other repository.
 */
export async function insertThread(trx: Kysely<Database>, principal: Principal, row: Omit<ThreadRow, 'id' | 'tenant_id' | 'created_at' | 'updated_at' | 'last_message_at'>): Promise<ThreadRow> {
  const now = new Date().toISOString();
  const thread: ThreadRow = { ...row, id: newId('thr'), tenant_id: principal.tenantId, created_at: now, updated_at: now, last_message_at: null };
  await trx.insertInto('threads').values(thread).execute();
  await recordEvent(trx, principal, { type: 'thread.created', table: 'threads', subjectId: thread.id, customerId: thread.customer_id, taskId: null, data: { thread: threadData(thread) } });
  return thread;
}

/** A thread as events carry it (no caller-specific counts). */
export const threadData = (t: ThreadRow) => ({
  id: t.id,
  customer_id: t.customer_id,
  project_id: t.project_id,
  deal_id: t.deal_id,
  general: t.general === 1,
  subject: t.subject,
  visibility: t.visibility,
});

/**
 * The general thread every customer has from the start: the direct line between its
 * contacts and the team.
 * @example await createGeneralThread(trx, principal, customer.id);
 */
export function createGeneralThread(trx: Kysely<Database>, principal: Principal, customerId: string): Promise<ThreadRow> {
  return insertThread(trx, principal, { customer_id: customerId, project_id: null, deal_id: null, general: 1, subject: 'General', visibility: 'portal', created_by: null });
}
