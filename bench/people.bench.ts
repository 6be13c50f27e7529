/**
 * How long the CSM's customer list (with its per-customer summary) and the dashboard stats
 * take on a tenant of realistic size. Run: `npx tsx bench/people.bench.ts`
 * (`TEST_DATABASE_URL=postgres://…` to measure PostgreSQL instead of SQLite).
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { isPostgres } from '../server/db/dialect.js';
import { newId } from '../server/lib/ids.js';
import { buildWorld, databases, startTestApp } from '../server/test/harness.js';

const CUSTOMERS = 500;
const CONTACTS_PER_CUSTOMER = 5;
const TASKS_PER_CUSTOMER = 40;
const EVENTS_PER_CONTACT = 40;
const RUNS = 20;

const database = databases[databases.length - 1]!;
const t = await startTestApp(database);
const w = await buildWorld(t);
const db = t.deps.db;
const now = Date.now();
const at = (ms: number) => new Date(now - ms).toISOString();
const day = (offset: number) => new Date(now + offset * 86_400_000).toISOString().slice(0, 10);

async function insertAll<T>(table: 'customers' | 'users' | 'projects' | 'tasks' | 'events', rows: T[]) {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto(table).values(rows.slice(i, i + 500) as never).execute();
}

const customers = [];
const users = [];
const projects = [];
const tasks = [];
const events = [];
for (let c = 0; c < CUSTOMERS; c++) {
  const customerId = newId('cus');
  customers.push({ id: customerId, tenant_id: w.tenantId, external_id: `bench-${c}`, name: `Customer ${c}`, portal_enabled: 1, created_at: at(CUSTOMERS - c), updated_at: at(0) });
  const projectId = newId('prj');
  projects.push({ id: projectId, tenant_id: w.tenantId, customer_id: customerId, name: 'Onboarding', description: '', status: 'active', visibility: c % 4 === 0 ? 'internal' : 'portal', created_by: null, created_at: at(0), updated_at: at(0) });
  for (let k = 0; k < CONTACTS_PER_CUSTOMER; k++) {
    const userId = newId('usr');
    users.push({ id: userId, tenant_id: w.tenantId, customer_id: customerId, external_id: `bench-${c}-${k}`, email: `u${k}@c${c}.test`, name: `Person ${k}`, role: 'contact', portal_access: 'active', preferences: '{}', last_seen_at: null, created_at: at(0), updated_at: at(0) });
    for (let e = 0; e < EVENTS_PER_CONTACT; e++) {
      events.push({ tenant_id: w.tenantId, customer_id: customerId, visibility: 'portal', type: 'task.updated', subject_id: 'tsk_x', task_id: null, actor_id: userId, data: '{}', created_at: at(e * 60_000 + k) });
    }
  }
  for (let k = 0; k < TASKS_PER_CUSTOMER; k++) {
    tasks.push({
      id: newId('tsk'), tenant_id: w.tenantId, customer_id: customerId, project_id: k % 2 ? projectId : null, title: `Task ${k}`, description: '',
      status: (['todo', 'in_progress', 'blocked', 'done'] as const)[k % 4], priority: 'medium', visibility: k % 5 ? 'portal' : 'internal',
      due_date: day((k % 9) - 4), created_by: null, created_at: at(k), updated_at: at(k), completed_at: null, deleted_at: null, version: 1,
    });
  }
}
await insertAll('customers', customers);
await insertAll('users', users);
await insertAll('projects', projects);
await insertAll('tasks', tasks);
await insertAll('events', events);
// As autovacuum would after a bulk load: the planner needs statistics.
if (isPostgres(db)) await sql`analyze`.execute(db);

async function measure(label: string, auth: string, path: string) {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const r = await t.request('GET', path, { auth });
    times.push(performance.now() - start);
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(`${label.padEnd(44)} median ${median.toFixed(1).padStart(6)} ms   p90 ${times[Math.floor(times.length * 0.9)]!.toFixed(1).padStart(6)} ms`);
}

console.log(`${database.name}: ${CUSTOMERS} customers, ${users.length} contacts, ${tasks.length} tasks, ${events.length} events`);
await measure('GET /v1/customers?limit=50 (staff)', w.staff, '/v1/customers?limit=50');
await measure('GET /v1/customers?limit=200 (staff)', w.staff, '/v1/customers?limit=200');
await measure('GET /v1/stats (staff, whole tenant)', w.staff, '/v1/stats');
await measure('GET /v1/stats?customer_id= (staff)', w.staff, `/v1/stats?customer_id=${customers[7]!.id}`);
await measure('GET /v1/stats (contact)', w.contactA, '/v1/stats');
await t.close();
