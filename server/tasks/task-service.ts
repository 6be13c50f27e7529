import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import type { Database } from '../db/database.js';
import { followTask } from '../requests/request.repository.js';
import { advancePlaybook } from '../templates/playbook.js';
import { updateTask } from './task.repository.js';
import type { TaskView, UpdateTaskInput } from './task.schema.js';

/**
 * A change to a task with what it sets off, in the caller's transaction: when it completes the
 * task, the playbook steps that waited for it become tasks; when its status changes, the
 * request it was made for follows. The repository, the playbook and the requests each know
 * only their own rows; this is where they meet.
 * @example const task = await transact(deps, (trx) => changeTask(trx, principal, 'tsk_…', { status: 'done' }));
 */
export async function changeTask(trx: Kysely<Database>, principal: Principal, id: string, patch: UpdateTaskInput, expectedVersion?: number): Promise<TaskView> {
  const { task, completed } = await updateTask(trx, principal, id, patch, expectedVersion);
  if (completed) await advancePlaybook(trx, principal, task);
  if (patch.status !== undefined) await followTask(trx, principal, task);
  return task;
}
