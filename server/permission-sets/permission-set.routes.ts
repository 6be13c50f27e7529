import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/policy.js';
import { transact } from '../context.js';
import { createRouter } from '../lib/router.js';
import { IdParam, errorResponses, json, jsonBody, page } from '../lib/schemas.js';
import { createPermissionSet, deletePermissionSet, getPermissionSet, listPermissionSets, updatePermissionSet } from './permission-set.repository.js';
import { CreatePermissionSetBody, ListPermissionSetsQuery, PermissionSetSchema, UpdatePermissionSetBody } from './permission-set.schema.js';

const tags = ['Permission sets'];

/** `/v1/permission-sets`: what contacts may do, by set. The team reads them; admins and API keys change them. */
export const permissionSetRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/permission-sets',
      middleware: [allow('permission_sets.read')] as const,
      tags,
      summary: "List the tenant's permission sets, oldest first (the built-in ones lead)",
      request: { query: ListPermissionSetsQuery },
      responses: { 200: json(page(PermissionSetSchema), 'A page of permission sets'), ...errorResponses },
    }),
    async (c) => c.json(await listPermissionSets(c.var.deps.db, c.var.principal, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/permission-sets',
      middleware: [allow('permission_sets.write')] as const,
      tags,
      summary: 'Create a permission set; every capability must be one of its portal type',
      request: { body: jsonBody(CreatePermissionSetBody) },
      responses: { 201: json(PermissionSetSchema, 'The permission set'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => createPermissionSet(trx, c.var.principal, c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/permission-sets/{id}',
      middleware: [allow('permission_sets.read')] as const,
      tags,
      summary: 'Read a permission set',
      request: { params: IdParam('pms') },
      responses: { 200: json(PermissionSetSchema, 'The permission set'), ...errorResponses },
    }),
    async (c) => c.json(await getPermissionSet(c.var.deps.db, c.var.principal, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/permission-sets/{id}',
      middleware: [allow('permission_sets.write')] as const,
      tags,
      summary: 'Rename a set or change its capabilities (built-in sets answer 409); its holders get them on their next request',
      request: { params: IdParam('pms'), body: jsonBody(UpdatePermissionSetBody) },
      responses: { 200: json(PermissionSetSchema, 'The changed permission set'), ...errorResponses },
    }),
    async (c) => {
      const { deps } = c.var;
      const set = await transact(deps, (trx) => updatePermissionSet(trx, c.var.principal, c.req.valid('param').id, c.req.valid('json')));
      // So that the very next request has the new rights: the access cache follows the log.
      await deps.invalidator.catchUp();
      return c.json(set, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/permission-sets/{id}',
      middleware: [allow('permission_sets.write')] as const,
      tags,
      summary: 'Delete a set; one in use (a tenant default, an account, a person) or built in answers 409',
      request: { params: IdParam('pms') },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      await transact(c.var.deps, (trx) => deletePermissionSet(trx, c.var.principal, c.req.valid('param').id));
      return c.body(null, 204);
    },
  );
