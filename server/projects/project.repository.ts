import type { Kysely } from 'kysely';
import { actorId, type Principal } from '../auth/principal.js';
import { visibleTo } from '../auth/visibility.js';
import { getCustomer } from '../customers/customer.repository.js';
import type { Database, Project } from '../db/database.js';
import { invalid, notFound } from '../errors.js';
import { recordInternalChange } from '../events/record-event.js';
import { recordEvent } from '../events/record-event.js';
import { changedFields } from '../lib/changes.js';
import { newId } from '../lib/ids.js';
import { paginate, type Page, type PageRequest } from '../lib/pagination.js';
import { keywords } from '../lib/search.js';
import type { CreateProjectInput, ProjectFilters, ProjectMembersInput, ProjectMembersView, ProjectView, UpdateProjectInput } from './project.schema.js';

export const toProjectView = (row: Project): ProjectView => ({
  id: row.id,
  customer_id: row.customer_id,
  name: row.name,
  description: row.description,
  status: row.status,
  visibility: row.visibility,
  access: row.access,
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
    access: input.access ?? 'all_contacts',
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
  const before = await getProject(trx, principal, id);
  const { changes, previous } = changedFields(before, patch, ['name', 'description', 'status', 'visibility', 'access']);
  if (changes.length === 0) return before;

  const set: Partial<Project> = { updated_at: new Date().toISOString() };
  for (const field of changes) (set as Record<string, unknown>)[field] = patch[field];
  await trx.updateTable('projects').set(set).where('id', '=', id).execute();
  const after = await getProject(trx, principal, id);
  // Asked after the change: a project turned internal takes its event (and its tasks) out of the portal.
  await recordEvent(trx, principal, { type: 'project.updated', table: 'projects', subjectId: after.id, customerId: after.customer_id, taskId: null, data: { project: after, changes, previous } });
  return after;
}

/**
 * The members of a project: the contacts who see it when its access is `members`, and the
 * staff named with them.
 */
export async function getProjectMembers(db: Kysely<Database>, principal: Principal, id: string): Promise<ProjectMembersView> {
  await getProject(db, principal, id);
  const members = await db
    .selectFrom('project_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.name', 'u.role', 'u.customer_id'])
    .where('m.project_id', '=', id)
    .orderBy('u.role')
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
  return { user_ids: members.map((m) => m.id), members };
}

/**
 * Replaces a project's members: contacts of its customer and staff of its tenant, else a 400
 * naming each wrong id (nothing written). Records `project.members_updated` (internal), which
 * makes the customer's open streams ask again what they may see.
 */
export async function setProjectMembers(trx: Kysely<Database>, principal: Principal, id: string, input: ProjectMembersInput): Promise<ProjectMembersView> {
  const project = await getProject(trx, principal, id);
  const wanted = [...new Set(input.user_ids)];
  const found = wanted.length === 0
    ? new Set<string>()
    : new Set(
        (
          await trx
            .selectFrom('users')
            .select('id')
            .where('tenant_id', '=', principal.tenantId)
            .where('id', 'in', wanted)
            .where((eb) => eb.or([eb('role', '=', 'staff'), eb('customer_id', '=', project.customer_id)]))
            .execute()
        ).map((u) => u.id),
      );
  const wrong = input.user_ids.map((userId, i) => ({ userId, i })).filter(({ userId }) => !found.has(userId));
  if (wrong.length > 0) {
    throw invalid("Members must be contacts of the project's customer or staff", wrong.map(({ userId, i }) => ({ path: `user_ids.${i}`, message: `${userId} is not a contact of this customer nor staff` })));
  }
  const before = (await getProjectMembers(trx, principal, id)).user_ids;
  await trx.deleteFrom('project_members').where('project_id', '=', id).execute();
  if (wanted.length > 0) await trx.insertInto('project_members').values(wanted.map((userId) => ({ project_id: id, user_id: userId, tenant_id: principal.tenantId }))).execute();
  const after = await getProjectMembers(trx, principal, id);
  const added = after.user_ids.filter((u) => !before.includes(u));
  const removed = before.filter((u) => !after.user_ids.includes(u));
  if (added.length > 0 || removed.length > 0) {
    await recordInternalChange(trx, principal, 'project.members_updated', id, project.customer_id, { project_id: id, user_ids: after.user_ids, added, removed });
  }
  return after;
}
