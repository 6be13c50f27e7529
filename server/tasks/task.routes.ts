import { createRoute, z } from '@hono/zod-openapi';
import { allow } from '../auth/policy.js';
import { transact } from '../context.js';
import { invalid } from '../errors.js';
import { collectBlobs } from '../documents/blob-refs.js';
import type { Page } from '../lib/pagination.js';
import type { Rows } from '../lib/read-cache.js';
import { createRouter } from '../lib/router.js';
import { IdParam, errorResponses, json, jsonBody, page } from '../lib/schemas.js';
import { createTask, deleteTask, getTask, listTasks } from './task.repository.js';
import { changeTask } from './task-service.js';
import { CreateTaskBody, ListTasksQuery, TaskSchema, UpdateTaskBody, type TaskFilters, type TaskView } from './task.schema.js';

/**
 * A list filtered only by what a row change leaves as it was (its customer, project, deal,
 * visibility): a task's new status or title changes the page only if the task is on it.
 */
const ROW_STABLE_FILTERS = new Set(['limit', 'cursor', 'customer_id', 'project_id', 'deal_id', 'visibility']);
const rowStable = (query: TaskFilters) => Object.entries(query).every(([name, value]) => value === undefined || ROW_STABLE_FILTERS.has(name));
const taskRows: Rows<Page<TaskView>> = {
  ids: (page) => page.data.map((task) => task.id),
  replace: (page, id, task) => ({ ...page, data: page.data.map((each) => (each.id === id ? (task as TaskView) : each)) }),
};

const tags = ['Tasks'];
const etag = (version: number) => `"${version}"`;

/** `If-Match: "3"`, `W/"3"` or `3`; absent means "whatever the version". */
function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) throw invalid('Invalid If-Match', [{ path: 'If-Match', message: 'expected the task version, e.g. "3"' }]);
  return Number(match[1]);
}

/** `/v1/tasks`: every principal, each through the visibility rule. */
export const taskRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/tasks',
      middleware: [allow('tasks.list')] as const,
      tags,
      summary: 'List the tasks the caller may see, oldest first',
      request: { query: ListTasksQuery },
      responses: { 200: json(page(TaskSchema), 'A page of tasks'), ...errorResponses },
    }),
    // The widget's busiest read: served from the read cache until a write that can change it.
    async (c) => {
      const query = c.req.valid('query');
      return c.var.deps.reads.json(c, () => listTasks(c.var.deps.db, c.var.principal, query), rowStable(query) ? taskRows : undefined);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/tasks',
      middleware: [allow('tasks.create')] as const,
      tags,
      summary: 'Create a task',
      request: { body: jsonBody(CreateTaskBody) },
      responses: { 201: json(TaskSchema, 'The task'), ...errorResponses },
    }),
    async (c) => {
      const task = await transact(c.var.deps, (trx) => createTask(trx, c.var.principal, c.req.valid('json')));
      c.header('ETag', etag(task.version));
      return c.json(task, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/tasks/{id}',
      middleware: [allow('tasks.read')] as const,
      tags,
      summary: 'Read a task',
      request: { params: IdParam('tsk') },
      responses: { 200: json(TaskSchema, 'The task; ETag carries its version'), ...errorResponses },
    }),
    async (c) => {
      const task = await getTask(c.var.deps.db, c.var.principal, c.req.valid('param').id);
      c.header('ETag', etag(task.version));
      return c.json(task, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/tasks/{id}',
      middleware: [allow('tasks.update')] as const,
      tags,
      summary: 'Change a task; with If-Match, a stale version answers 409',
      request: {
        params: IdParam('tsk'),
        headers: z.object({ 'if-match': z.string().optional().openapi({ description: 'The version last read, e.g. "3"' }) }),
        body: jsonBody(UpdateTaskBody),
      },
      responses: { 200: json(TaskSchema, 'The changed task'), ...errorResponses },
    }),
    async (c) => {
      const expected = parseIfMatch(c.req.header('if-match'));
      const task = await transact(c.var.deps, (trx) => changeTask(trx, c.var.principal, c.req.valid('param').id, c.req.valid('json'), expected));
      c.header('ETag', etag(task.version));
      return c.json(task, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/tasks/{id}',
      middleware: [allow('tasks.delete')] as const,
      tags,
      summary: 'Delete a task (API key and staff)',
      request: { params: IdParam('tsk') },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      const attachments = await transact(c.var.deps, (trx) => deleteTask(trx, c.var.principal, c.req.valid('param').id));
      await collectBlobs(c.var.deps, attachments);
      return c.body(null, 204);
    },
  );
