import { createRoute } from '@hono/zod-openapi';
import { allow, personOf } from '../auth/policy.js';
import { transact } from '../context.js';
import { clientIp } from '../lib/client-ip.js';
import { createRouter } from '../lib/router.js';
import { IdParam, errorResponses, json, jsonBody, page } from '../lib/schemas.js';
import { cancelApproval, createApproval, decideApproval, getApproval, listApprovals, signOffRecord } from './approval.repository.js';
import { ApprovalFilters, ApprovalSchema, CreateApprovalBody, DecisionBody, SignOffRecord } from './approval.schema.js';

const tags = ['Approvals'];
const ApprovalParam = IdParam('apr');

/** `/v1/approvals`: approvals of a task or a document version, their decisions and sign-off records. */
export const approvalRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/approvals',
      middleware: [allow('approvals.list')] as const,
      tags,
      summary: 'List the approvals of what the caller sees (`approver_id=me&status=pending`: waiting for the caller)',
      request: { query: ApprovalFilters },
      responses: { 200: json(page(ApprovalSchema), 'A page of approvals'), ...errorResponses },
    }),
    async (c) => c.json(await listApprovals(c.var.deps.db, c.var.principal, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/approvals',
      middleware: [allow('approvals.create')] as const,
      tags,
      summary: 'Request the approval of a task or of a document\'s current version',
      request: { body: jsonBody(CreateApprovalBody) },
      responses: { 201: json(ApprovalSchema, 'The approval'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => createApproval(trx, c.var.principal, c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/approvals/{id}',
      middleware: [allow('approvals.read')] as const,
      tags,
      summary: 'Read an approval and its steps',
      request: { params: ApprovalParam },
      responses: { 200: json(ApprovalSchema, 'The approval'), ...errorResponses },
    }),
    async (c) => c.json(await getApproval(c.var.deps.db, c.var.principal, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/approvals/{id}/decisions',
      middleware: [allow('approvals.decide')] as const,
      tags,
      summary: 'Approve, reject or ask for changes (an approver whose turn it is)',
      request: { params: ApprovalParam, body: jsonBody(DecisionBody) },
      responses: { 200: json(ApprovalSchema, 'The approval after the decision'), ...errorResponses },
    }),
    async (c) => {
      const principal = personOf(c.var.principal);
      const from = { ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null };
      const approval = await transact(c.var.deps, (trx) => decideApproval(trx, principal, c.req.valid('param').id, c.req.valid('json'), from));
      return c.json(approval, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/approvals/{id}/cancel',
      middleware: [allow('approvals.cancel')] as const,
      tags,
      summary: 'Cancel a pending approval (API key and staff)',
      request: { params: ApprovalParam },
      responses: { 200: json(ApprovalSchema, 'The canceled approval'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => cancelApproval(trx, c.var.principal, c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/approvals/{id}/record',
      middleware: [allow('approvals.record')] as const,
      tags,
      summary: 'The sign-off record: each decision with who, when, IP, user agent and the SHA-256 decided on (API key and staff)',
      request: { params: ApprovalParam },
      responses: { 200: json(SignOffRecord, 'The sign-off record'), ...errorResponses },
    }),
    async (c) => c.json(await signOffRecord(c.var.deps.db, c.var.principal, c.req.valid('param').id), 200),
  );
