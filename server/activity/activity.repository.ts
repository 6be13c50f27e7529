import { sql, type Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import { visibleTo } from '../auth/visibility.js';
import type { Database } from '../db/database.js';
import { invalid } from '../errors.js';
import type { Page } from '../lib/pagination.js';
import { activityEnglish, describeActivity } from './activity-summary.js';
import type { ActivityFilterInput, ActivityView } from './activity.schema.js';

/** A position in the log: the id of the last event read (newest first, so the next page is older). */
const encodeCursor = (id: number) => Buffer.from(String(id)).toString('base64url');

function decodeCursor(cursor: string): number {
  const id = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isSafeInteger(id) || id < 1) throw invalid('Invalid cursor', [{ path: 'cursor', message: 'not a cursor this API returned' }]);
  return id;
}

/**
 * One page of the event log as an audit trail, newest first, through the visibility rule
 * (API keys and staff: their whole tenant). Keyset pagination on the event id, so pages
 * neither repeat nor skip while new events arrive.
 * @example await listActivity(db, principal, { type: ['task.*'], limit: 50 });
 */
export async function listActivity(
  db: Kysely<Database>,
  principal: Principal,
  filters: ActivityFilterInput & { limit: number; cursor?: string | undefined },
): Promise<Page<ActivityView>> {
  let query = db
    .selectFrom('events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.id', 'e.type', 'e.created_at', 'e.actor_id', 'e.customer_id', 'e.subject_id', 'e.task_id', 'e.data', 'e.ip', 'e.user_agent', 'u.name as actor_name', 'u.role as actor_role'])
    .where(visibleTo(principal, 'events', 'e'));
  if (filters.customer_id) query = query.where('e.customer_id', '=', filters.customer_id);
  if (filters.actor_id) query = query.where('e.actor_id', '=', filters.actor_id);
  if (filters.since) query = query.where('e.created_at', '>=', filters.since);
  if (filters.until) query = query.where('e.created_at', '<', filters.until);
  if (filters.type) {
    const exact = filters.type.filter((t) => !t.endsWith('.*'));
    const families = filters.type.filter((t) => t.endsWith('.*')).map((t) => t.slice(0, -1));
    query = query.where((eb) =>
      eb.or([
        ...(exact.length > 0 ? [eb('e.type', 'in', exact)] : []),
        ...families.map((prefix) => eb(sql`substr(e.type, 1, ${sql.lit(prefix.length)})`, '=', prefix)),
      ]),
    );
  }
  if (filters.cursor) query = query.where('e.id', '<', decodeCursor(filters.cursor));

  const rows = await query.orderBy('e.id', 'desc').limit(filters.limit + 1).execute();
  const more = rows.length > filters.limit;
  const kept = more ? rows.slice(0, filters.limit) : rows;
  return {
    data: kept.map((row) => {
      const described = describeActivity(row.type, JSON.parse(row.data));
      return {
        id: row.id,
        type: row.type,
        created_at: row.created_at,
        actor: row.actor_id ? { id: row.actor_id, name: row.actor_name, role: row.actor_role } : null,
        customer_id: row.customer_id,
        subject_id: row.subject_id,
        task_id: row.task_id,
        summary: activityEnglish(described),
        summary_key: described.key,
        summary_params: described.params,
        summary_changes: described.changes,
        ip: row.ip,
        user_agent: row.user_agent,
      };
    }),
    next_cursor: more ? encodeCursor(kept[kept.length - 1]!.id) : null,
  };
}
