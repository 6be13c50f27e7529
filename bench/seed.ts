// Seeds a tenant of any size straight into the database in batched inserts (no HTTP), the way
// the repositories write rows, so that 1,000,000 tasks take about a minute rather than an hour.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Deps } from '../server/context.js';
import type { Database, TaskStatus } from '../server/db/database.js';
import { isPostgres } from '../server/db/dialect.js';
import { newId } from '../server/lib/ids.js';
import { createTenant } from '../server/tenants/tenant.repository.js';

export interface SeedOptions {
  customers: number;
  tasksPerCustomer: number;
  /** Rows a batch: one transaction each. */
  batch?: number;
}

export interface SeededCustomer {
  id: string;
  contactId: string;
  externalId: string;
}

export interface Seeded {
  tenantId: string;
  apiKey: string;
  staffId: string;
  customers: SeededCustomer[];
  /** How many tasks went in, and how fast. */
  tasks: number;
  tasksPerSecond: number;
  /** The word only the second task of customer `customerIndex` (a multiple of 10) carries. */
  rareWord: (customerIndex: number) => string;
}

/** Words of the titles and descriptions: every task has a few, so a keyword search has to look. */
const WORDS = ['configure', 'integration', 'invoice', 'security', 'review', 'upload', 'contract', 'training', 'export', 'migration', 'approval', 'kickoff'];
const STATUSES: TaskStatus[] = ['todo', 'in_progress', 'blocked', 'done'];

/** The word planted in the second task of every tenth customer (one task in 1,000), visible to its contact. */
const rare = (c: number) => `zephyr${c}x`;

/**
 * Creates a tenant with `customers` customers (one contact each, one staff member for the
 * tenant), each with a portal project, an internal project and `tasksPerCustomer` tasks:
 * one in five in the internal project, one in ten internal itself, a third assigned to the
 * contact. Titles mix a few common words, and one task in 1,000 carries a word of its own.
 * @example const world = await seedTenant(deps, { customers: 100, tasksPerCustomer: 100 });
 */
export async function seedTenant(deps: Pick<Deps, 'db'>, options: SeedOptions): Promise<Seeded> {
  const db = deps.db;
  const batch = options.batch ?? 500;
  const { tenant, api_key: apiKey } = await createTenant(db, { name: 'Bench vendor', slug: `bench-${newId('ten').slice(4, 12).toLowerCase()}` });
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const staffId = newId('usr');
  const person = (id: string, customerId: string | null, i: number, role: 'staff' | 'contact') => ({
    id, tenant_id: tenant.id, customer_id: customerId, external_id: `${role}-${i}`, email: `${role}-${i}@bench.test`, name: `${role === 'staff' ? 'Staff' : 'Contact'} ${i}`,
    role, portal_access: 'active' as const, preferences: '{}', last_seen_at: null, created_at: iso(now), updated_at: iso(now),
  });
  await db.insertInto('users').values(person(staffId, null, 0, 'staff')).execute();

  const customers: SeededCustomer[] = Array.from({ length: options.customers }, (_, c) => ({ id: newId('cus'), contactId: newId('usr'), externalId: `c-${c}` }));
  const started = Date.now();
  let tasks = 0;
  // Customers go in groups, so that one transaction holds about `batch` tasks.
  const group = Math.max(1, Math.floor(batch / Math.max(1, options.tasksPerCustomer)));
  for (let first = 0; first < customers.length; first += group) {
    const slice = customers.slice(first, first + group);
    await db.transaction().execute(async (trx) => {
      await insertAll(trx, 'customers', slice.map((cu, k) => ({ id: cu.id, tenant_id: tenant.id, external_id: cu.externalId, name: `Customer ${first + k}`, portal_enabled: 1, created_at: iso(now - (customers.length - first - k)), updated_at: iso(now) })));
      await insertAll(trx, 'users', slice.map((cu, k) => person(cu.contactId, cu.id, first + k, 'contact')));
      const projects = slice.flatMap((cu) =>
        (['portal', 'internal'] as const).map((visibility, p) => ({
          id: newId('prj'), tenant_id: tenant.id, customer_id: cu.id, name: `Project ${p}`, description: '', status: 'active' as const, visibility, created_by: null, created_at: iso(now), updated_at: iso(now),
        })),
      );
      await insertAll(trx, 'projects', projects);
      const rows = slice.flatMap((cu, k) => {
        const c = first + k;
        return Array.from({ length: options.tasksPerCustomer }, (_, i) => {
          // Creation times interleave the customers, as real work does: a staff list across all
          // customers then walks an index, not one customer's rows.
          const at = iso(now - (options.tasksPerCustomer - i) * 3_600_000 - (customers.length - c) * 10);
          const n = c * options.tasksPerCustomer + i;
          const words = `${WORDS[n % WORDS.length]} ${WORDS[(n * 7 + 3) % WORDS.length]}`;
          return {
            id: newId('tsk'), tenant_id: tenant.id, customer_id: cu.id, project_id: projects[k * 2 + (i % 5 === 0 ? 1 : 0)]!.id,
            title: `Task ${c}-${i}: ${words}${n % 1000 === 1 ? ` ${rare(c)}` : ''}`, description: `Details of the step (${words}), in **markdown**.`,
            status: STATUSES[i % 4]!, priority: 'medium' as const, visibility: i % 10 === 3 ? ('internal' as const) : ('portal' as const),
            due_date: iso(now + (i - 50) * 86_400_000).slice(0, 10), created_by: null, created_at: at, updated_at: at, completed_at: null, deleted_at: null, version: 1,
          };
        });
      });
      await insertAll(trx, 'tasks', rows);
      const assignees = rows.filter((_, i) => i % 3 === 0).map((t) => ({ task_id: t.id, user_id: slice.find((cu) => cu.id === t.customer_id)!.contactId, tenant_id: tenant.id }));
      await insertAll(trx, 'task_assignees', assignees);
      tasks += rows.length;
    });
  }
  const seconds = (Date.now() - started) / 1000;
  // As autovacuum or a long-running service would have: the planner needs statistics (on
  // SQLite its averages only, as the service keeps them: server/db/connect.ts).
  await sql`analyze`.execute(db);
  if (!isPostgres(db)) await sql`delete from sqlite_stat4`.execute(db).then(() => sql`analyze sqlite_schema`.execute(db), () => undefined);
  return { tenantId: tenant.id, apiKey, staffId, customers, tasks, tasksPerSecond: tasks / seconds, rareWord: rare };
}

async function insertAll(trx: Kysely<Database>, table: 'customers' | 'users' | 'projects' | 'tasks' | 'task_assignees', rows: object[]) {
  // SQLite allows 32,766 bound parameters a statement; tasks have 17 columns.
  for (let i = 0; i < rows.length; i += 500) await trx.insertInto(table).values(rows.slice(i, i + 500) as never).execute();
}
