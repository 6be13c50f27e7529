import type { Kysely, Selectable } from 'kysely';
import { actorId, type Principal } from '../auth/principal.js';
import type { Database, TemplateTable } from '../db/database.js';
import { notFound } from '../errors.js';
import { newId } from '../lib/ids.js';
import { paginate, type Page, type PageRequest } from '../lib/pagination.js';
import type { CreateTemplateInput, TemplateView, UpdateTemplateInput } from './template.schema.js';

type TemplateRow = Selectable<TemplateTable>;

export function toTemplateView(row: TemplateRow): TemplateView {
  const definition = JSON.parse(row.definition) as Pick<TemplateView, 'project' | 'tasks'>;
  return {
    id: row.id,
    name: row.name,
    project: definition.project,
    tasks: definition.tasks,
    created_by: row.created_by,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** Templates are the tenant's own configuration: every query is scoped to the caller's tenant. */
const templatesOf = (db: Kysely<Database>, principal: Principal) => db.selectFrom('templates as tp').selectAll('tp').where('tp.tenant_id', '=', principal.tenantId);

/**
 * Stores a template (already validated by its schema: unique keys, known `after`, no cycle).
 * @example const template = await createTemplate(db, principal, body);
 */
export async function createTemplate(db: Kysely<Database>, principal: Principal, input: CreateTemplateInput): Promise<TemplateView> {
  const now = new Date().toISOString();
  const row: TemplateRow = {
    id: newId('tpl'),
    tenant_id: principal.tenantId,
    name: input.name,
    definition: JSON.stringify({ project: input.project, tasks: input.tasks }),
    created_by: actorId(principal),
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('templates').values(row).execute();
  return toTemplateView(row);
}

/** The caller's templates, oldest first. */
export async function listTemplates(db: Kysely<Database>, principal: Principal, request: PageRequest): Promise<Page<TemplateView>> {
  const [query, toPage] = paginate(templatesOf(db, principal), 'tp', request);
  return toPage(await query.execute(), toTemplateView);
}

/** The template `id` of the caller's tenant, or a 404. */
export async function getTemplate(db: Kysely<Database>, principal: Principal, id: string): Promise<TemplateView> {
  const row = await templatesOf(db, principal).where('tp.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Template');
  return toTemplateView(row);
}

/** Changes a template; projects made from it earlier keep their own copy of its steps. */
export async function updateTemplate(db: Kysely<Database>, principal: Principal, id: string, patch: UpdateTemplateInput): Promise<TemplateView> {
  const current = await getTemplate(db, principal, id);
  const next = { ...current, ...patch, updated_at: new Date().toISOString() };
  await db
    .updateTable('templates')
    .set({ name: next.name, definition: JSON.stringify({ project: next.project, tasks: next.tasks }), updated_at: next.updated_at })
    .where('id', '=', id)
    .where('tenant_id', '=', principal.tenantId)
    .execute();
  return next;
}

/** Deletes a template; projects made from it stay as they are. */
export async function deleteTemplate(db: Kysely<Database>, principal: Principal, id: string): Promise<void> {
  const result = await db.deleteFrom('templates').where('id', '=', id).where('tenant_id', '=', principal.tenantId).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound('Template');
}
