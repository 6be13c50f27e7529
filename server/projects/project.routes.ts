import { createRoute } from '@hono/zod-openapi';
import { transact } from '../context.js';
import { createRouter } from '../lib/router.js';
import { IdParam, errorResponses, json, jsonBody, page } from '../lib/schemas.js';
import { createProject, getProject, listProjects, updateProject } from './project.repository.js';
import { CreateProjectBody, ListProjectsQuery, ProjectSchema, UpdateProjectBody } from './project.schema.js';

const tags = ['Projects'];

/** `/v1/projects`: everyone reads through the visibility rule; API keys and staff write. */
export const projectRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/projects',
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
      tags,
      summary: "Change a project (API key and staff); `visibility: internal` hides it and its tasks from contacts",
      request: { params: IdParam('prj'), body: jsonBody(UpdateProjectBody) },
      responses: { 200: json(ProjectSchema, 'The changed project'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => updateProject(trx, c.var.principal, c.req.valid('param').id, c.req.valid('json'))), 200),
  );
