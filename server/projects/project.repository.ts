import type { Kysely } from 'kysely';
import { only } from '../auth/authenticate.js';
import { actorId, type Principal } from '../auth/principal.js';
import { visibleTo } from '../auth/visibility.js';
import { getCustomer } from '../customers/customer.repository.js';
import type { Database, Project } from '../db/database.js';
import { forbidden, notFound } from '../errors.js';
import { recordEvent } from '../events/record-event.js';
import { changedFields } from '../lib/changes.js';
import { newId } from '../lib/ids.js';
import { paginate, type Page, type PageRequest } from '../lib/pagination.js';
import { keywords } from '../lib/search.js';
import type { CreateProjectInput, ProjectFilters, ProjectView, UpdateProjectInput } from './project.schema.js';

export const toProjectView = (row: Project): ProjectView => ({
  id: row.id,
  customer_id: row.customer_id,
  name: row.name,
  description: row.description,
  status: row.status,
  visibility: row.visibility,
  created_by: row.created_by,
  created_at: row.created_at,
  updated_at: row.updated_at,
});

/**
 * The projects `principal` may see, filtered, oldest first.
 * @example await listProjects(db, principal, { status: ['active'], limit: 50 });
 */
export async function listProjects(
  db: Kysely<Database>,
  principal: Principal,
  filters: Omit<ProjectFilters, 'limit' | 'cursor'> & PageRequest,
): Promise<Page<ProjectView>> {
  if (filters.visibility && principal.kind === 'contact') throw forbidden('A contact may not filter by visibility', 'forbidden_field');
  let query = db.selectFrom('projects as p').selectAll('p').where(visibleTo(principal, 'projects', 'p'));
  if (filters.customer_id) query = query.where('p.customer_id', '=', filters.customer_id);
  if (filters.status) query = query.where('p.status', 'in', filters.status);
  if (filters.visibility) query = query.where('p.visibility', '=', filters.visibility);
  const search = filters.q ? keywords(filters.q, ['p.name', 'p.description']) : null;
  if (search) query = query.where(search);

  const [paged, toPage] = paginate(query, 'p', filters);
  return toPage(await paged.execute(), toProjectView);
}

/** The project with `id` if `principal` may see it, else a 404. */
export async function getProject(db: Kysely<Database>, principal: Principal, id: string): Promise<ProjectView> {
  const row = await db.selectFrom('projects as p').selectAll('p').where('p.id', '=', id).where(visibleTo(principal, 'projects', 'p')).executeTakeFirst();
  if (!row) throw notFound('Project');
  return toProjectView(row);
}

/**
 * Creates a project for a customer the caller may see and records `project.created`.
 * @example await createProject(trx, principal, { customer_id: 'cus_…', name: 'Onboarding' });
 */
export async function createProject(trx: Kysely<Database>, principal: Principal, input: CreateProjectInput): Promise<ProjectView> {
  only(principal, 'api_key', 'staff');
  await getCustomer(trx, principal, input.customer_id);
  const now = new Date().toISOString();
  const row: Project = {
    id: newId('prj'),
    tenant_id: principal.tenantId,
    customer_id: input.customer_id,
    name: input.name,
    description: input.description ?? '',
    status: input.status ?? 'active',
    visibility: input.visibility ?? 'portal',
    created_by: actorId(principal),
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('projects').values(row).execute();
  const project = toProjectView(row);
  await recordEvent(trx, principal, { type: 'project.created', table: 'projects', subjectId: project.id, customerId: project.customer_id, taskId: null, data: { project } });
  return project;
}

/**
 * Applies `patch` and records `project.updated`. A change of visibility changes, through the
 * rule, whether the project's tasks reach contacts; the event is as visible as the project now is.
 */
export async function updateProject(trx: Kysely<Database>, principal: Principal, id: string, patch: UpdateProjectInput): Promise<ProjectView> {
  only(principal, 'api_key', 'staff');
  const before = await getProject(trx, principal, id);
  const { changes, previous } = changedFields(before, patch, ['name', 'description', 'status', 'visibility']);
  if (changes.length === 0) return before;

  const set: Partial<Project> = { updated_at: new Date().toISOString() };
  for (const field of changes) (set as Record<string, unknown>)[field] = patch[field];
  await trx.updateTable('projects').set(set).where('id', '=', id).execute();
  const after = await getProject(trx, principal, id);
  // Asked after the change: a project turned internal takes its event (and its tasks) out of the portal.
  await recordEvent(trx, principal, { type: 'project.updated', table: 'projects', subjectId: after.id, customerId: after.customer_id, taskId: null, data: { project: after, changes, previous } });
  return after;
}
