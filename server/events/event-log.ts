import { sql, type Kysely } from 'kysely';
import type { Database, Visibility } from '../db/database.js';
import { isPostgres } from '../db/dialect.js';
import { insertRow } from '../db/compiled-queries.js';
import { requestOrigin } from '../lib/request-context.js';

export interface AppendEvent {
  tenantId: string;
  customerId: string | null;
  /** Whether a contact of `customerId` may see the subject: decided by the visibility rule. */
  visibility: Visibility;
  type: string;
  subjectId: string;
  taskId?: string | null;
  actorId: string | null;
  data: unknown;
}

/** Any key: every writer of the event log takes it, so ids commit in order. */
const EVENT_LOCK = 727_274_001;

/**
 * Appends one row to the event log, inside the caller's transaction so the change and its
 * event commit together. On PostgreSQL the writers queue on one advisory lock until commit,
 * so that event ids become visible in increasing order and `Last-Event-ID` resumes exactly;
 * `pg_notify` then wakes the readers of every instance when the transaction commits. The
 * request being served (`request-context.ts`) gives the row its client address and user agent.
 * @example await appendEvent(trx, { type: 'task.created', ... });
 */
export async function appendEvent(trx: Kysely<Database>, event: AppendEvent): Promise<number> {
  const postgres = isPostgres(trx);
  if (postgres) {
    await sql`select pg_advisory_xact_lock(${EVENT_LOCK})`.execute(trx);
  }
  const origin = requestOrigin();
  const [row] = await insertRow(
    trx,
    'events',
    {
      tenant_id: event.tenantId,
      customer_id: event.customerId,
      visibility: event.visibility,
      type: event.type,
      subject_id: event.subjectId,
      task_id: event.taskId ?? null,
      actor_id: event.actorId,
      data: JSON.stringify(event.data),
      created_at: new Date().toISOString(),
      ip: origin?.ip ?? null,
      user_agent: origin?.userAgent ?? null,
    },
    { returning: ['id'] },
  );
  const id = Number(row!.id);
  if (postgres) {
    await sql`select pg_notify('cp_events', ${String(id)})`.execute(trx);
  }
  return id;
}
