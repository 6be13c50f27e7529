import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/policy.js';
import { transact } from '../context.js';
import { createRouter } from '../lib/router.js';
import { IdParam, errorResponses, json, jsonBody, page } from '../lib/schemas.js';
import { createFolder, deleteFolder, getFolder, listFolders, updateFolder } from './folder.repository.js';
import { CreateFolderBody, FolderSchema, ListFoldersQuery, UpdateFolderBody } from './folder.schema.js';

const tags = ['Folders'];

/** `/v1/folders`: a customer's files in nested folders, each through the visibility rule. */
export const folderRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/folders',
      middleware: [allow('folders.list')] as const,
      tags,
      summary: 'List the folders the caller may see, oldest first',
      request: { query: ListFoldersQuery },
      responses: { 200: json(page(FolderSchema), 'A page of folders'), ...errorResponses },
    }),
    async (c) => c.json(await listFolders(c.var.deps.db, c.var.principal, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/folders',
      middleware: [allow('folders.create')] as const,
      tags,
      summary: 'Create a folder, at the top level of a customer\'s files or inside another folder',
      request: { body: jsonBody(CreateFolderBody) },
      responses: { 201: json(FolderSchema, 'The folder'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => createFolder(trx, c.var.principal, c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/folders/{id}',
      middleware: [allow('folders.read')] as const,
      tags,
      summary: 'Read a folder, with the counts of what it holds',
      request: { params: IdParam('fld') },
      responses: { 200: json(FolderSchema, 'The folder'), ...errorResponses },
    }),
    async (c) => c.json(await getFolder(c.var.deps.db, c.var.principal, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/folders/{id}',
      middleware: [allow('folders.update')] as const,
      tags,
      summary: 'Rename, move, share or hide a folder; what is inside follows it',
      request: { params: IdParam('fld'), body: jsonBody(UpdateFolderBody) },
      responses: { 200: json(FolderSchema, 'The folder'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => updateFolder(trx, c.var.principal, c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/folders/{id}',
      middleware: [allow('folders.delete')] as const,
      tags,
      summary: 'Delete an empty folder (409 `folder_not_empty` otherwise)',
      request: { params: IdParam('fld') },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      await transact(c.var.deps, (trx) => deleteFolder(trx, c.var.principal, c.req.valid('param').id));
      return c.body(null, 204);
    },
  );
