import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/policy.js';
import { transact } from '../context.js';
import { createRouter } from '../lib/router.js';
import { IdParam, errorResponses, json, jsonBody, page } from '../lib/schemas.js';
import { createPage, deletePage, getPage, listPages, updatePage } from './page.repository.js';
import { CreatePageBody, ListPagesQuery, PageSchema, UpdatePageBody } from './page.schema.js';

const tags = ['Pages'];

/** `/v1/pages`: read by every contact they are published to, written by the team. */
export const pageRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/pages',
      middleware: [allow('pages.list')] as const,
      tags,
      summary: 'List the pages the caller may see, newest first',
      request: { query: ListPagesQuery },
      responses: { 200: json(page(PageSchema), 'A page of pages'), ...errorResponses },
    }),
    async (c) => c.json(await listPages(c.var.deps.db, c.var.principal, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/pages',
      middleware: [allow('pages.write')] as const,
      tags,
      summary: 'Create a page for one customer or every customer of a portal type (API key and staff)',
      request: { body: jsonBody(CreatePageBody) },
      responses: { 201: json(PageSchema, 'The page'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => createPage(trx, c.var.principal, c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/pages/{id}',
      middleware: [allow('pages.read')] as const,
      tags,
      summary: 'Read a page',
      request: { params: IdParam('pag') },
      responses: { 200: json(PageSchema, 'The page'), ...errorResponses },
    }),
    async (c) => c.json(await getPage(c.var.deps.db, c.var.principal, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/pages/{id}',
      middleware: [allow('pages.write')] as const,
      tags,
      summary: 'Change a page (API key and staff)',
      request: { params: IdParam('pag'), body: jsonBody(UpdatePageBody) },
      responses: { 200: json(PageSchema, 'The changed page'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => updatePage(trx, c.var.principal, c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/pages/{id}',
      middleware: [allow('pages.write')] as const,
      tags,
      summary: 'Delete a page (API key and staff)',
      request: { params: IdParam('pag') },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      await transact(c.var.deps, (trx) => deletePage(trx, c.var.principal, c.req.valid('param').id));
      return c.body(null, 204);
    },
  );
