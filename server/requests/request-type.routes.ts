import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/policy.js';
import { transact } from '../context.js';
import { createRouter } from '../lib/router.js';
import { IdParam, errorResponses, json, jsonBody, page } from '../lib/schemas.js';
import { createRequestType, deleteRequestType, listRequestTypes, updateRequestType } from './request-type.repository.js';
import { CreateRequestTypeBody, RequestTypeSchema, UpdateRequestTypeBody } from './request-type.schema.js';

const tags = ['Requests'];
const TypeParam = IdParam('rqt');

/** `/v1/request-types`: the forms a customer files requests with (admins edit them). */
export const requestTypeRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/request-types',
      middleware: [allow('request_types.read')] as const,
      tags,
      summary: 'The request types on offer, in order',
      responses: { 200: json(page(RequestTypeSchema), 'Every request type'), ...errorResponses },
    }),
    async (c) => c.json(await listRequestTypes(c.var.deps.db, c.var.principal), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/request-types',
      middleware: [allow('request_types.write')] as const,
      tags,
      summary: 'Create a request type (admins)',
      request: { body: jsonBody(CreateRequestTypeBody) },
      responses: { 201: json(RequestTypeSchema, 'The request type'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => createRequestType(trx, c.var.principal, c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/request-types/{id}',
      middleware: [allow('request_types.write')] as const,
      tags,
      summary: 'Change a request type (admins); requests already filed keep their values and due time',
      request: { params: TypeParam, body: jsonBody(UpdateRequestTypeBody) },
      responses: { 200: json(RequestTypeSchema, 'The request type'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => updateRequestType(trx, c.var.principal, c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/request-types/{id}',
      middleware: [allow('request_types.write')] as const,
      tags,
      summary: 'Retire a request type (admins): no longer offered; its requests stay',
      request: { params: TypeParam },
      responses: { 204: { description: 'Retired' }, ...errorResponses },
    }),
    async (c) => {
      await transact(c.var.deps, (trx) => deleteRequestType(trx, c.var.principal, c.req.valid('param').id));
      return c.body(null, 204);
    },
  );
