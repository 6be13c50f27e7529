import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/policy.js';
import { transact } from '../context.js';
import { createRouter } from '../lib/router.js';
import { IdParam, errorResponses, json, jsonBody, page } from '../lib/schemas.js';
import { changeTask } from '../tasks/task-service.js';
import { createMilestone, deleteMilestone, getMilestone, listMilestones, updateMilestone } from './milestone.repository.js';
import { CreateMilestoneBody, ListMilestonesQuery, MilestoneSchema, UpdateMilestoneBody } from './milestone.schema.js';

const tags = ['Milestones'];

/** `/v1/milestones`: read by everyone who sees the project's tasks, written by the team. */
export const milestoneRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/milestones',
      middleware: [allow('milestones.list')] as const,
      tags,
      summary: 'List the milestones the caller may see, oldest first',
      request: { query: ListMilestonesQuery },
      responses: { 200: json(page(MilestoneSchema), 'A page of milestones'), ...errorResponses },
    }),
    async (c) => c.json(await listMilestones(c.var.deps.db, c.var.principal, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/milestones',
      middleware: [allow('milestones.write')] as const,
      tags,
      summary: 'Create a milestone of a project (API key and staff)',
      request: { body: jsonBody(CreateMilestoneBody) },
      responses: { 201: json(MilestoneSchema, 'The milestone'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => createMilestone(trx, c.var.principal, c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/milestones/{id}',
      middleware: [allow('milestones.read')] as const,
      tags,
      summary: 'Read a milestone',
      request: { params: IdParam('mil') },
      responses: { 200: json(MilestoneSchema, 'The milestone'), ...errorResponses },
    }),
    async (c) => c.json(await getMilestone(c.var.deps.db, c.var.principal, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/milestones/{id}',
      middleware: [allow('milestones.write')] as const,
      tags,
      summary: 'Change a milestone (API key and staff)',
      request: { params: IdParam('mil'), body: jsonBody(UpdateMilestoneBody) },
      responses: { 200: json(MilestoneSchema, 'The changed milestone'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => updateMilestone(trx, c.var.principal, c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/milestones/{id}',
      middleware: [allow('milestones.write')] as const,
      tags,
      summary: 'Delete a milestone; its tasks stay, unlinked (API key and staff)',
      request: { params: IdParam('mil') },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      const principal = c.var.principal;
      await transact(c.var.deps, (trx) =>
        deleteMilestone(trx, principal, c.req.valid('param').id, async (taskId) => {
          await changeTask(trx, principal, taskId, { milestone_id: null });
        }),
      );
      return c.body(null, 204);
    },
  );
