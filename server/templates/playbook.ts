import type { Kysely, Selectable } from 'kysely';
import { actorId, systemPrincipal, type Principal } from '../auth/principal.js';
import type { Database, PlaybookStepTable } from '../db/database.js';
import { isPostgres } from '../db/dialect.js';
import { findPeople, listPeople } from '../people/people.repository.js';
import { createTask } from '../tasks/task.repository.js';
import type { TaskView } from '../tasks/task.schema.js';
import { getTemplate } from './template.repository.js';
import type { ApplyTemplateInput, TemplateTask } from './template.schema.js';
import { createProject } from '../projects/project.repository.js';
import type { ProjectView } from '../projects/project.schema.js';

type StepRow = Selectable<PlaybookStepTable>;

const today = () => new Date().toISOString().slice(0, 10);

/** `date` (YYYY-MM-DD) plus `days`, in UTC calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}


/**
 * Who a playbook writes as: the staff user who applied the template (or the API key that
 * did), never the person whose completed task released the step. So an internal step can be
 * created after a contact's change, and `created_by` names the applier.
 */
const applierOf = (tenantId: string, appliedBy: string | null): Principal =>
  appliedBy ? { kind: 'staff', tenantId, userId: appliedBy, customerId: null, staffRole: 'member' } : systemPrincipal(tenantId);

/** `assign_to` as people, taken when the task is created: only those who are still active then. */
async function assigneesFor(trx: Kysely<Database>, applier: Principal, customerId: string, assignTo: TemplateTask['assign_to']): Promise<string[]> {
  if (assignTo === 'csm') {
    if (applier.kind !== 'staff') return [];
    return (await findPeople(trx, applier.tenantId, customerId, [applier.userId])).map((p) => p.id);
  }
  if (assignTo === 'contacts') return (await listPeople(trx, applier, customerId)).filter((p) => p.role === 'contact').map((p) => p.id);
  return [];
}

/** Turns one pending step into a task, due `due_in_days` after `from`; a step another writer already took is skipped. */
async function createStep(trx: Kysely<Database>, step: StepRow, from: string): Promise<TaskView | null> {
  const claimed = await trx
    .updateTable('playbook_steps')
    .set({ state: 'created', task_created_at: new Date().toISOString() })
    .where('project_id', '=', step.project_id)
    .where('key', '=', step.key)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return null;
  const definition = JSON.parse(step.definition) as TemplateTask;
  const applier = applierOf(step.tenant_id, step.applied_by);
  const task = await createTask(trx, applier, {
    project_id: step.project_id,
    title: definition.title,
    description: definition.description,
    visibility: definition.visibility,
    priority: definition.priority,
    due_date: definition.due_in_days === null ? null : addDays(from, definition.due_in_days),
    assignee_ids: await assigneesFor(trx, applier, step.customer_id, definition.assign_to),
  });
  await trx.updateTable('playbook_steps').set({ task_id: task.id }).where('project_id', '=', step.project_id).where('key', '=', step.key).execute();
  return task;
}

/**
 * Applies a template to a customer: a new project, a snapshot of every template task as a
 * playbook step (so later edits to the template never reach this project), and the tasks that
 * wait on nothing, due from `start_date`. Records `project.created` and `task.created`.
 * @example const { project, tasks } = await applyTemplate(trx, principal, 'tpl_…', { customer_id: 'cus_…' });
 */
export async function applyTemplate(trx: Kysely<Database>, principal: Principal, templateId: string, input: ApplyTemplateInput): Promise<{ project: ProjectView; tasks: TaskView[] }> {
  const template = await getTemplate(trx, principal, templateId);
  const project = await createProject(trx, principal, {
    customer_id: input.customer_id,
    name: template.project.name,
    description: template.project.description,
    visibility: template.project.visibility,
  });
  const now = project.created_at;

  const steps: StepRow[] = template.tasks.map((task, position) => ({
    project_id: project.id,
    key: task.key,
    tenant_id: principal.tenantId,
    customer_id: project.customer_id,
    template_id: template.id,
    position,
    definition: JSON.stringify(task),
    state: 'pending',
    task_id: null,
    applied_by: actorId(principal),
    created_at: now,
    task_created_at: null,
  }));
  await trx.insertInto('playbook_steps').values(steps).execute();

  const start = input.start_date ?? today();
  const tasks: TaskView[] = [];
  for (const [i, step] of steps.entries()) {
    if (template.tasks[i]!.after.length > 0) continue;
    const task = await createStep(trx, step, start);
    if (task) tasks.push(task);
  }
  return { project, tasks };
}

/**
 * Called in the transaction that marks `task` done: every pending step of its playbook whose
 * `after` tasks are now all done becomes a task, due from today. Steps of one project are
 * advanced one writer at a time (PostgreSQL row locks; SQLite has one writer anyway), so two
 * tasks completed together release a step exactly once.
 */
export async function advancePlaybook(trx: Kysely<Database>, principal: Principal, task: TaskView): Promise<void> {
  const own = await trx.selectFrom('playbook_steps').select('project_id').where('task_id', '=', task.id).where('tenant_id', '=', principal.tenantId).executeTakeFirst();
  if (!own) return;
  let query = trx.selectFrom('playbook_steps').selectAll().where('project_id', '=', own.project_id).orderBy('position');
  if (isPostgres(trx)) query = query.forUpdate();
  const steps = await query.execute();

  const taskIds = steps.flatMap((s) => (s.task_id ? [s.task_id] : []));
  const done = new Set(
    (await trx.selectFrom('tasks').select('id').where('id', 'in', taskIds).where('status', '=', 'done').where('deleted_at', 'is', null).execute()).map((t) => t.id),
  );
  const doneKeys = new Set(steps.filter((s) => s.task_id && done.has(s.task_id)).map((s) => s.key));
  const from = today();
  for (const step of steps) {
    if (step.state !== 'pending') continue;
    const after = (JSON.parse(step.definition) as TemplateTask).after;
    if (after.every((key) => doneKeys.has(key))) await createStep(trx, step, from);
  }
}
