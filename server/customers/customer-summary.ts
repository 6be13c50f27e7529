import { sql, type Kysely } from 'kysely';
import { portalViewer } from '../auth/principal.js';
import { visibleTo } from '../auth/visibility.js';
import type { Database } from '../db/database.js';
import { readCounts, taskCounts, todayUtc } from '../stats/task-counts.js';
import type { CustomerSummary } from './customer.schema.js';

const COUNTS = ['open', 'overdue', 'blocked'] as const;

/**
 * For a page of customers, what the CSM admin page shows beside each: the portal tasks open,
 * overdue and blocked (what the customer's contacts see, through the visibility rule asked on
 * their behalf) and when one of its contacts last acted. Two statements, whatever the page size.
 * @example const summaries = await summarizeCustomers(db, principal.tenantId, page.map((c) => c.id));
 */
export async function summarizeCustomers(db: Kysely<Database>, tenantId: string, customerIds: readonly string[]): Promise<Map<string, CustomerSummary>> {
  const summaries = new Map<string, CustomerSummary>(
    customerIds.map((id) => [id, { open_tasks: 0, overdue_tasks: 0, blocked_tasks: 0, last_activity_at: null }]),
  );
  if (customerIds.length === 0) return summaries;
  const today = todayUtc();

  // One branch per customer, so that each asks the one rule as that customer's portal would.
  const branches = customerIds.map((id) =>
    db
      .selectFrom('tasks as t')
      .select([sql<string>`cast(${id} as text)`.as('customer_id'), ...taskCounts('t', COUNTS, today)])
      .where(visibleTo(portalViewer(tenantId, id), 'tasks', 't')),
  );
  const counted = await branches.reduce((all, branch) => all.unionAll(branch)).execute();
  for (const row of counted) {
    const counts = readCounts(row, COUNTS);
    const summary = summaries.get(row.customer_id)!;
    summary.open_tasks = counts.open;
    summary.overdue_tasks = counts.overdue;
    summary.blocked_tasks = counts.blocked;
  }

  // Each contact's latest event is one step down the (actor_id, created_at) index.
  const latestByContact = db
    .selectFrom('users as u')
    .select([
      'u.customer_id',
      (eb) => eb.selectFrom('events as e').select((e) => e.fn.max('e.created_at').as('at')).whereRef('e.actor_id', '=', 'u.id').as('at'),
    ])
    .where('u.tenant_id', '=', tenantId)
    .where('u.role', '=', 'contact')
    .where('u.customer_id', 'in', [...customerIds]);
  const activity = await db
    .selectFrom(latestByContact.as('x'))
    .select(['x.customer_id', (eb) => eb.fn.max('x.at').as('last_activity_at')])
    .groupBy('x.customer_id')
    .execute();
  for (const row of activity) {
    const summary = row.customer_id ? summaries.get(row.customer_id) : undefined;
    if (summary) summary.last_activity_at = row.last_activity_at ?? null;
  }
  return summaries;
}
