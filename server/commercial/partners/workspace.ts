import { sql, type Kysely } from 'kysely';
import type { Principal } from '../../auth/principal.js';
import { visibleTo } from '../../auth/visibility.js';
import type { Database } from '../../db/database.js';
import { ApiError } from '../../errors.js';
import { listThreads } from '../../threads/thread.repository.js';
import { getRegistration } from './registration.repository.js';
import type { WorkspaceView } from './workspace.schema.js';

/**
 * A registration's co-selling workspace: the work of the deal its approval opened (tasks,
 * documents and the thread carrying its `deal_id`), counted through the one rule, so a partner
 * contact counts only what it may see. Another partner's registration answers 404; one not yet
 * approved (no deal) 409 `no_workspace`.
 * @example await getWorkspace(db, principal, 'drg_…');
 */
export async function getWorkspace(db: Kysely<Database>, principal: Principal, registrationId: string): Promise<WorkspaceView> {
  const registration = await getRegistration(db, principal, registrationId);
  const dealId = registration.deal_id;
  if (!dealId) throw new ApiError(409, 'no_workspace', 'A registration has its co-selling workspace once it is approved');
  const [threads, tasks, documents] = await Promise.all([
    listThreads(db, principal, { deal_id: dealId, limit: 1, unread: false }),
    db
      .selectFrom('tasks as t')
      .select([sql<number>`count(case when t.status <> 'done' then 1 end)`.as('open'), sql<number>`count(case when t.status = 'done' then 1 end)`.as('done')])
      .where('t.deal_id', '=', dealId)
      .where(visibleTo(principal, 'tasks', 't'))
      .executeTakeFirstOrThrow(),
    db.selectFrom('documents as d').select(sql<number>`count(*)`.as('n')).where('d.deal_id', '=', dealId).where(visibleTo(principal, 'documents', 'd')).executeTakeFirstOrThrow(),
  ]);
  return {
    registration_id: registration.id,
    deal_id: dealId,
    thread: threads.data[0] ?? null,
    // PostgreSQL answers counts as strings.
    tasks: { open: Number(tasks.open), done: Number(tasks.done) },
    documents: Number(documents.n),
  };
}
