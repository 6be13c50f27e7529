import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/policy.js';
import { transact } from '../context.js';
import { createRouter } from '../lib/router.js';
import { IdParam, errorResponses, json, jsonBody, page } from '../lib/schemas.js';
import { sendMeetingInvitations } from './meeting-invitation.js';
import { getRequest, listRequests } from './request.repository.js';
import { ConfirmMeetingBody, CreateRequestBody, RequestFilters, RequestSchema, UpdateRequestBody } from './request.schema.js';
import { changeRequestStatus, confirmMeeting, submitRequest } from './request.service.js';

const tags = ['Requests'];
const RequestParam = IdParam('req');

/** `/v1/requests`: structured requests, each with its linked task, SLA and (for meetings) a confirmed slot. */
export const requestRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/requests',
      middleware: [allow('requests.list')] as const,
      tags,
      summary: 'List the requests the caller sees (`order=sla`: the staff queue, breached first)',
      request: { query: RequestFilters },
      responses: { 200: json(page(RequestSchema), 'A page of requests'), ...errorResponses },
    }),
    async (c) => c.json(await listRequests(c.var.deps.db, c.var.principal, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/requests',
      middleware: [allow('requests.create')] as const,
      tags,
      summary: 'File a request: its values are checked against the type\'s fields, and a task is created for it',
      request: { body: jsonBody(CreateRequestBody) },
      responses: { 201: json(RequestSchema, 'The request'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => submitRequest(trx, c.var.principal, c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/requests/{id}',
      middleware: [allow('requests.read')] as const,
      tags,
      summary: 'Read a request',
      request: { params: RequestParam },
      responses: { 200: json(RequestSchema, 'The request'), ...errorResponses },
    }),
    async (c) => c.json(await getRequest(c.var.deps.db, c.var.principal, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/requests/{id}',
      middleware: [allow('requests.update')] as const,
      tags,
      summary: 'Change a request\'s status (its task follows); a contact may only cancel',
      request: { params: RequestParam, body: jsonBody(UpdateRequestBody) },
      responses: { 200: json(RequestSchema, 'The request'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => changeRequestStatus(trx, c.var.principal, c.req.valid('param').id, c.req.valid('json').status)), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/requests/{id}/meeting',
      middleware: [allow('requests.meeting')] as const,
      tags,
      summary: 'Confirm a meeting slot (the team): both sides get an email with an iCalendar invitation',
      request: { params: RequestParam, body: jsonBody(ConfirmMeetingBody) },
      responses: { 200: json(RequestSchema, 'The request with its meeting'), ...errorResponses },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      const request = await transact(c.var.deps, (trx) => confirmMeeting(trx, c.var.principal, id, c.req.valid('json')));
      await sendMeetingInvitations(c.var.deps, c.var.principal, id);
      return c.json(await getRequest(c.var.deps.db, c.var.principal, request.id), 200);
    },
  );
