import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/policy.js';
import { transact } from '../context.js';
import { createRouter } from '../lib/router.js';
import { IdParam, errorResponses, json, jsonBody, page } from '../lib/schemas.js';
import { applyTemplate } from './playbook.js';
import { createTemplate, deleteTemplate, getTemplate, listTemplates, updateTemplate } from './template.repository.js';
import { AppliedTemplateSchema, ApplyTemplateBody, CreateTemplateBody, ListTemplatesQuery, TemplateSchema, UpdateTemplateBody } from './template.schema.js';

const tags = ['Templates'];

const router = createRouter();

/** `/v1/templates`: API keys and staff only; a contact gets 403. */
export const templateRoutes = router
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/templates',
      middleware: [allow('templates.use')] as const,
      tags,
      summary: 'Create a template: a project and its tasks, some waiting on others (`after`)',
      description: 'Keys must be unique, `after` must name keys of the template, and the tasks may not wait on each other in a cycle (400 with details).',
      request: { body: jsonBody(CreateTemplateBody) },
      responses: { 201: json(TemplateSchema, 'The template'), ...errorResponses },
    }),
    async (c) => c.json(await createTemplate(c.var.deps.db, c.var.principal, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/templates',
      middleware: [allow('templates.use')] as const,
      tags,
      summary: 'List templates, oldest first',
      request: { query: ListTemplatesQuery },
      responses: { 200: json(page(TemplateSchema), 'A page of templates'), ...errorResponses },
    }),
    async (c) => c.json(await listTemplates(c.var.deps.db, c.var.principal, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/templates/{id}',
      middleware: [allow('templates.use')] as const,
      tags,
      summary: 'Read a template',
      request: { params: IdParam('tpl') },
      responses: { 200: json(TemplateSchema, 'The template'), ...errorResponses },
    }),
    async (c) => c.json(await getTemplate(c.var.deps.db, c.var.principal, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/templates/{id}',
      middleware: [allow('templates.use')] as const,
      tags,
      summary: 'Change a template; projects already made from it do not change',
      request: { params: IdParam('tpl'), body: jsonBody(UpdateTemplateBody) },
      responses: { 200: json(TemplateSchema, 'The changed template'), ...errorResponses },
    }),
    async (c) => c.json(await updateTemplate(c.var.deps.db, c.var.principal, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/templates/{id}',
      middleware: [allow('templates.use')] as const,
      tags,
      summary: 'Delete a template; projects already made from it do not change',
      request: { params: IdParam('tpl') },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      await deleteTemplate(c.var.deps.db, c.var.principal, c.req.valid('param').id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/templates/{id}/apply',
      middleware: [allow('templates.use')] as const,
      tags,
      summary: 'Apply a template to a customer: a new project, and the tasks that wait on nothing',
      description:
        'Each task with `after` is created when every task it names is done, due `due_in_days` from that moment. Tasks keep the template\'s visibility; `assign_to` is resolved when each task is created.',
      request: { params: IdParam('tpl'), body: jsonBody(ApplyTemplateBody) },
      responses: { 201: json(AppliedTemplateSchema, 'The project and its first tasks'), ...errorResponses },
    }),
    async (c) => {
      const result = await transact(c.var.deps, (trx) => applyTemplate(trx, c.var.principal, c.req.valid('param').id, c.req.valid('json')));
      return c.json(result, 201);
    },
  );
