import { createRoute } from '@hono/zod-openapi';
import { allow } from '../../auth/policy.js';
import { transact } from '../../context.js';
import { createRouter } from '../../lib/router.js';
import { IdParam, errorResponses, json, jsonBody, page } from '../../lib/schemas.js';
import { appealRegistration, createRegistration, decideRegistration, getRegistration, listRegistrations, recordOutcome } from './registration.repository.js';
import { getWorkspace } from './workspace.js';
import { WorkspaceSchema } from './workspace.schema.js';
import { AppealBody, CreateRegistrationBody, DecisionBody, ListRegistrationsQuery, OutcomeBody, RegistrationSchema } from './registration.schema.js';

const tags = ['Partner portal'];
const one = (description: string) => ({ 200: json(RegistrationSchema, description), ...errorResponses });

/** `/v1/deal-registrations`: a partner claims a prospect; the channel team decides; the outcome pays the commission. */
export const registrationRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/deal-registrations',
      middleware: [allow('registrations.list')] as const,
      tags,
      summary: "List deal registrations (a partner contact: its own partner's), newest first",
      request: { query: ListRegistrationsQuery },
      responses: { 200: json(page(RegistrationSchema), 'A page of registrations'), ...errorResponses },
    }),
    async (c) => c.json(await listRegistrations(c.var.deps.db, c.var.principal, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/deal-registrations',
      middleware: [allow('registrations.create')] as const,
      tags,
      summary: 'Register a deal; a prospect domain protected for a partner answers 409 channel_conflict',
      request: { body: jsonBody(CreateRegistrationBody) },
      responses: { 201: json(RegistrationSchema, 'The registration, submitted'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => createRegistration(trx, c.var.principal, c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/deal-registrations/{id}',
      middleware: [allow('registrations.read')] as const,
      tags,
      summary: 'Read a deal registration',
      request: { params: IdParam('drg') },
      responses: one('The registration'),
    }),
    async (c) => c.json(await getRegistration(c.var.deps.db, c.var.principal, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/deal-registrations/{id}/workspace',
      middleware: [allow('registrations.workspace')] as const,
      tags,
      summary: "An approved registration's co-selling workspace: its deal, notes thread and counts (partners need partner.cosell)",
      request: { params: IdParam('drg') },
      responses: { 200: json(WorkspaceSchema, 'The workspace'), ...errorResponses },
    }),
    async (c) => c.json(await getWorkspace(c.var.deps.db, c.var.principal, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/deal-registrations/{id}/decision',
      middleware: [allow('registrations.decide')] as const,
      tags,
      summary: 'Approve (with protection) or reject a submitted or appealed registration (staff)',
      request: { params: IdParam('drg'), body: jsonBody(DecisionBody) },
      responses: one('The decided registration'),
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => decideRegistration(trx, c.var.principal, c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/deal-registrations/{id}/appeal',
      middleware: [allow('registrations.appeal')] as const,
      tags,
      summary: 'Appeal a rejection, once (the partner)',
      request: { params: IdParam('drg'), body: jsonBody(AppealBody) },
      responses: one('The appealed registration'),
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => appealRegistration(trx, c.var.principal, c.req.valid('param').id, c.req.valid('json').reason)), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/deal-registrations/{id}/outcome',
      middleware: [allow('registrations.decide')] as const,
      tags,
      summary: 'Record won or lost on an approved registration (staff); won earns the commission',
      request: { params: IdParam('drg'), body: jsonBody(OutcomeBody) },
      responses: one('The registration with its outcome'),
    }),
    async (c) => {
      const { outcome, value } = c.req.valid('json');
      return c.json(await transact(c.var.deps, (trx) => recordOutcome(trx, c.var.principal, c.req.valid('param').id, outcome, value)), 200);
    },
  );
