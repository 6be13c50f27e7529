import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/policy.js';
import { transact } from '../context.js';
import { createRouter } from '../lib/router.js';
import { IdParam, PageQuery, errorResponses, json, jsonBody, page } from '../lib/schemas.js';
import { createGoal, deleteGoal, getGoal, goalHistory, listGoals, recordProgress, updateGoal } from './goal.repository.js';
import { CreateGoalBody, GoalSchema, GoalUpdateSchema, ListGoalsQuery, RecordProgressBody, UpdateGoalBody } from './goal.schema.js';

const tags = ['Goals'];

/** `/v1/goals`: a customer's shared goals, set by the team, followed (and by their owners, updated) by both sides. */
export const goalRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/goals',
      middleware: [allow('goals.list')] as const,
      tags,
      summary: 'List the goals the caller may see, oldest first',
      request: { query: ListGoalsQuery },
      responses: { 200: json(page(GoalSchema), 'A page of goals'), ...errorResponses },
    }),
    async (c) => c.json(await listGoals(c.var.deps.db, c.var.principal, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/goals',
      middleware: [allow('goals.write')] as const,
      tags,
      summary: 'Create a goal of a customer (API key and staff)',
      request: { body: jsonBody(CreateGoalBody) },
      responses: { 201: json(GoalSchema, 'The goal'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => createGoal(trx, c.var.principal, c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/goals/{id}',
      middleware: [allow('goals.read')] as const,
      tags,
      summary: 'Read a goal',
      request: { params: IdParam('gol') },
      responses: { 200: json(GoalSchema, 'The goal'), ...errorResponses },
    }),
    async (c) => c.json(await getGoal(c.var.deps.db, c.var.principal, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/goals/{id}',
      middleware: [allow('goals.write')] as const,
      tags,
      summary: 'Change a goal: title, description, metric, due date, status, visibility, owners (API key and staff)',
      request: { params: IdParam('gol'), body: jsonBody(UpdateGoalBody) },
      responses: { 200: json(GoalSchema, 'The changed goal'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => updateGoal(trx, c.var.principal, c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/goals/{id}',
      middleware: [allow('goals.write')] as const,
      tags,
      summary: 'Delete a goal and its history (API key and staff)',
      request: { params: IdParam('gol') },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      await transact(c.var.deps, (trx) => deleteGoal(trx, c.var.principal, c.req.valid('param').id));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/goals/{id}/updates',
      middleware: [allow('goals.read')] as const,
      tags,
      summary: "The goal's progress history, oldest first",
      request: { params: IdParam('gol'), query: PageQuery },
      responses: { 200: json(page(GoalUpdateSchema), 'A page of updates'), ...errorResponses },
    }),
    async (c) => c.json(await goalHistory(c.var.deps.db, c.var.principal, c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/goals/{id}/updates',
      middleware: [allow('goals.record')] as const,
      tags,
      summary: 'Record progress: a value (goals with a metric) and a note (the team; contacts on the goals they own)',
      request: { params: IdParam('gol'), body: jsonBody(RecordProgressBody) },
      responses: { 201: json(GoalUpdateSchema, 'The update'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => recordProgress(trx, c.var.principal, c.req.valid('param').id, c.req.valid('json'))), 201),
  );
