import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/policy.js';
import { transact } from '../context.js';
import { createRouter } from '../lib/router.js';
import { IdParam, errorResponses, json, jsonBody, page } from '../lib/schemas.js';
import { createProject, getProject, getProjectMembers, listProjects, setProjectMembers, updateProject } from './project.repository.js';
import { CreateProjectBody, ListProjectsQuery, ProjectMembersBody, ProjectMembersSchema, ProjectSchema, UpdateProjectBody } from './project.schema.js';

const tags = ['Projects'];

/** `/v1/projects`: everyone reads through the visibility rule; API keys and staff write. */
export const projectRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/projects',
      middleware: [allow('projects.list')] as const,
      tags,
      summary: 'List the projects the caller may see, oldest first',
      request: { query: ListProjectsQuery },
      responses: { 200: json(page(ProjectSchema), 'A page of projects'), ...errorResponses },
    }),
    async (c) => c.json(await listProjects(c.var.deps.db, c.var.principal, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/projects',
      middleware: [allow('projects.write')] as const,
      tags,
      summary: 'Create a project (API key and staff)',
      request: { body: jsonBody(CreateProjectBody) },
      responses: { 201: json(ProjectSchema, 'The project'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => createProject(trx, c.var.principal, c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/projects/{id}',
      middleware: [allow('projects.read')] as const,
      tags,
      summary: 'Read a project',
      request: { params: IdParam('prj') },
      responses: { 200: json(ProjectSchema, 'The project'), ...errorResponses },
    }),
    async (c) => c.json(await getProject(c.var.deps.db, c.var.principal, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/projects/{id}',
      middleware: [allow('projects.write')] as const,
      tags,
      summary: "Change a project (API key and staff); `visibility: internal` hides it and its tasks from contacts",
      request: { params: IdParam('prj'), body: jsonBody(UpdateProjectBody) },
      responses: { 200: json(ProjectSchema, 'The changed project'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => updateProject(trx, c.var.principal, c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/projects/{id}/members',
      middleware: [allow('projects.members')] as const,
      tags,
      summary: "A project's members (API key and staff): with `access: members`, the only contacts who see it",
      request: { params: IdParam('prj') },
      responses: { 200: json(ProjectMembersSchema, 'The members'), ...errorResponses },
    }),
    async (c) => c.json(await getProjectMembers(c.var.deps.db, c.var.principal, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/v1/projects/{id}/members',
      middleware: [allow('projects.members')] as const,
      tags,
      summary: "Replace a project's members: contacts of its customer and staff users (others answer 400)",
      request: { params: IdParam('prj'), body: jsonBody(ProjectMembersBody) },
      responses: { 200: json(ProjectMembersSchema, 'The members'), ...errorResponses },
    }),
    async (c) => {
      const { deps } = c.var;
      const members = await transact(deps, (trx) => setProjectMembers(trx, c.var.principal, c.req.valid('param').id, c.req.valid('json')));
      // So that the very next request has the new rights: the access cache follows the log.
      await deps.invalidator.catchUp();
      return c.json(members, 200);
    },
  );
