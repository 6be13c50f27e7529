import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases, embedToken, startTestApp, type TestApp } from '../test/harness.js';
import { upload } from '../test/uploads.js';
import { randomToken } from '../lib/ids.js';
import { createTenant } from '../tenants/tenant.repository.js';

/*
 * The authorization rule, checked as a property: random tenants, customers, people, projects,
 * tasks, comments and documents of both visibilities are built through the public API; then,
 * for every kind of principal, every read path must show exactly what a plain model of the
 * rule allows: no more (a leak), no less.
 */

type Vis = 'portal' | 'internal';
const vis = fc.constantFrom<Vis>('portal', 'internal');
const statuses = ['todo', 'in_progress', 'blocked', 'done'] as const;

const taskArb = fc.record({
  project: fc.option(fc.nat(3), { nil: null }),
  visibility: vis,
  status: fc.constantFrom(...statuses),
  overdue: fc.boolean(),
  deleted: fc.integer({ min: 0, max: 6 }).map((n) => n === 0),
  comments: fc.array(vis, { maxLength: 2 }),
  documents: fc.array(vis, { maxLength: 1 }),
});
const customerArb = fc.record({
  projects: fc.array(vis, { maxLength: 2 }),
  tasks: fc.array(taskArb, { maxLength: 5 }),
  looseDocuments: fc.array(vis, { maxLength: 1 }),
});
const worldArb = fc.array(fc.array(customerArb, { minLength: 1, maxLength: 2 }), { minLength: 2, maxLength: 2 });

/** What the model needs to know of each row to decide who sees it. */
interface Row {
  id: string;
  tenant: number;
  customer: string;
  visibility: Vis;
}
interface TaskRow extends Row {
  project: Row | null;
  deleted: boolean;
  status: (typeof statuses)[number];
  overdue: boolean;
  word: string;
}
interface Built {
  tenants: { key: string; staff: string; customers: { id: string; contact: string }[] }[];
  projects: Row[];
  tasks: TaskRow[];
  comments: (Row & { task: TaskRow })[];
  documents: (Row & { task: TaskRow | null })[];
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

type World = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

async function build(t: TestApp, world: World): Promise<Built> {
  const built: Built = { tenants: [], projects: [], tasks: [], comments: [], documents: [] };
  const call = async (auth: string, method: string, path: string, body?: unknown) => {
    const r = await t.request(method, path, { auth, body });
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  for (const [ti, customers] of world.entries()) {
    const { api_key: key } = await createTenant(t.deps.db, { name: `Tenant ${ti}`, slug: `p-${randomToken(8).toLowerCase()}` });
    const staff = (await embedToken(t, key, { external_id: 'staff', name: 'Sam Staff', role: 'staff' })).token;
    const tenant = { key, staff, customers: [] as { id: string; contact: string }[] };
    built.tenants.push(tenant);
    for (const [ci, spec] of customers.entries()) {
      const contact = await embedToken(t, key, { external_id: `c${ci}`, name: `Contact ${ci}`, role: 'contact' }, { external_id: `cus-${ci}`, name: `Customer ${ci}` });
      const customer = contact.customer_id!;
      tenant.customers.push({ id: customer, contact: contact.token });
      const projects: Row[] = [];
      for (const visibility of spec.projects) {
        const p = await call(key, 'POST', '/v1/projects', { customer_id: customer, name: 'Plan', visibility });
        projects.push({ id: p.id, tenant: ti, customer, visibility });
      }
      built.projects.push(...projects);
      for (const spec of customers[ci]!.tasks) {
        const project = spec.project === null || projects.length === 0 ? null : projects[spec.project % projects.length]!;
        const word = `w${randomToken(6).toLowerCase()}`;
        const created = await call(key, 'POST', '/v1/tasks', {
          customer_id: customer,
          project_id: project?.id ?? null,
          title: `Step ${word}`,
          visibility: spec.visibility,
          status: spec.status,
          due_date: day(spec.overdue ? -3 : 5),
        });
        const task: TaskRow = { id: created.id, tenant: ti, customer, visibility: spec.visibility, project, deleted: spec.deleted, status: spec.status, overdue: spec.overdue, word };
        for (const visibility of spec.comments) {
          const c = await call(key, 'POST', `/v1/tasks/${task.id}/comments`, { body: `Note on ${word}`, visibility });
          built.comments.push({ id: c.id, tenant: ti, customer, visibility, task });
        }
        for (const visibility of spec.documents) {
          const d = await upload(t, key, { name: `${word}.txt`, bytes: `file of ${word}` }, { task_id: task.id, visibility });
          built.documents.push({ id: d.body.id, tenant: ti, customer, visibility, task });
        }
        if (spec.deleted) await call(key, 'DELETE', `/v1/tasks/${task.id}`);
        built.tasks.push(task);
      }
      for (const visibility of spec.looseDocuments) {
        const d = await upload(t, key, { name: 'loose.txt', bytes: `loose ${randomToken(4)}` }, { customer_id: customer, visibility });
        built.documents.push({ id: d.body.id, tenant: ti, customer, visibility, task: null });
      }
    }
  }
  return built;
}

/** The rule, as a plain model: what a principal of tenant `tenant` (a contact of `customer`, or the team) sees. */
function model(tenant: number, customer: string | null) {
  const mine = (r: Row) => r.tenant === tenant && (customer === null || r.customer === customer);
  const portal = (r: Row) => customer === null || r.visibility === 'portal';
  const task = (x: TaskRow) => mine(x) && !x.deleted && portal(x) && (x.project === null || portal(x.project));
  return {
    project: (x: Row) => mine(x) && portal(x),
    task,
    comment: (x: Built['comments'][number]) => task(x.task) && portal(x),
    document: (x: Built['documents'][number]) => mine(x) && portal(x) && (x.task === null || task(x.task)),
  };
}

/** Every page of a list, as ids. */
async function allIds(t: TestApp, auth: string, path: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const r: { status: number; body: { data: { id: string }[]; next_cursor: string | null } } = await t.request('GET', `${path}${sep}limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { auth });
    expect(r.status, path).toBe(200);
    ids.push(...r.body.data.map((x: { id: string }) => x.id));
    cursor = r.body.next_cursor;
  } while (cursor);
  return ids.sort();
}

const sorted = (items: { id: string }[]) => items.map((i) => i.id).sort();

describe.each(databases)('the visibility rule as a property, on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database);
  });
  afterAll(() => t.close());

  it('shows every principal exactly what the rule allows, on every read path', async () => {
    await fc.assert(
      fc.asyncProperty(worldArb, fc.nat(), async (world, pick) => {
        const built = await build(t, world);
        for (const [ti, tenant] of built.tenants.entries()) {
          const principals = [
            { auth: tenant.key, sees: model(ti, null) },
            { auth: tenant.staff, sees: model(ti, null) },
            ...tenant.customers.map((c) => ({ auth: c.contact, sees: model(ti, c.id) })),
          ];
          for (const { auth, sees } of principals) {
            const tasks = built.tasks.filter(sees.task);
            expect(await allIds(t, auth, '/v1/tasks'), 'task list').toEqual(sorted(tasks));
            const probe = built.tasks[pick % Math.max(1, built.tasks.length)];
            if (probe) {
              const found = await t.request('GET', `/v1/tasks?q=${probe.word}`, { auth });
              expect(found.body.data.map((x: { id: string }) => x.id), 'search').toEqual(sees.task(probe) ? [probe.id] : []);
            }
            for (const task of built.tasks) {
              expect((await t.request('GET', `/v1/tasks/${task.id}`, { auth })).status, 'task').toBe(sees.task(task) ? 200 : 404);
              const comments = await t.request('GET', `/v1/tasks/${task.id}/comments?limit=200`, { auth });
              if (!sees.task(task)) expect(comments.status, 'comments of a hidden task').toBe(404);
              else expect(comments.body.data.map((x: { id: string }) => x.id).sort(), 'comments').toEqual(sorted(built.comments.filter((c) => c.task === task && sees.comment(c))));
            }

            expect(await allIds(t, auth, '/v1/projects'), 'project list').toEqual(sorted(built.projects.filter(sees.project)));
            for (const project of built.projects) {
              expect((await t.request('GET', `/v1/projects/${project.id}`, { auth })).status, 'project').toBe(sees.project(project) ? 200 : 404);
            }

            expect(await allIds(t, auth, '/v1/documents'), 'document list').toEqual(sorted(built.documents.filter(sees.document)));
            for (const doc of built.documents) {
              const status = sees.document(doc) ? 200 : 404;
              expect((await t.request('GET', `/v1/documents/${doc.id}`, { auth })).status, 'document').toBe(status);
              expect((await t.app.request(`/v1/documents/${doc.id}/content`, { headers: { authorization: `Bearer ${auth}` } })).status, 'content').toBe(status);
            }

            const stats = await t.request('GET', '/v1/stats', { auth });
            const counts = Object.fromEntries(statuses.map((s) => [s, tasks.filter((x) => x.status === s).length]));
            expect(stats.body.tasks, 'stats').toEqual({ ...counts, overdue: tasks.filter((x) => x.overdue && x.status !== 'done').length });
          }
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 8) },
    );
  });
});
