import { createRoute, z } from '@hono/zod-openapi';
import { allow } from '../../auth/policy.js';
import { personOf } from '../../auth/policy.js';
import { transact } from '../../context.js';
import { contentDisposition, servedContentType } from '../../documents/content-type.js';
import { recordDocumentAccess } from '../../documents/document.repository.js';
import { serveBlob } from '../../documents/serve-blob.js';
import { clientIp } from '../../lib/client-ip.js';
import { createRouter } from '../../lib/router.js';
import { IdParam, errorResponses, json, jsonBody, page } from '../../lib/schemas.js';
import {
  financialSummary,
  getFinancialDocument,
  listFinancialDocuments,
  pdfOf,
  respondToQuote,
  signoffRecord,
  updateFinancialDocument,
  upsertFinancialDocument,
} from './financial-document.repository.js';
import {
  CreateFinancialDocumentBody,
  DeclineBody,
  FinancialDocumentSchema,
  FinancialSummarySchema,
  ListFinancialDocumentsQuery,
  SignoffRecordSchema,
  UpdateFinancialDocumentBody,
} from './financial-document.schema.js';

const tags = ['Financial documents'];
const today = () => new Date().toISOString().slice(0, 10);

/** `/v1/financial-documents`: invoices, quotes, orders, contracts and credit notes, pushed by the vendor. */
export const financialDocumentRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/financial-documents',
      middleware: [allow('financial_documents.list')] as const,
      tags,
      summary: 'List the financial documents the caller may see, newest first (contacts: never drafts)',
      request: { query: ListFinancialDocumentsQuery },
      responses: { 200: json(page(FinancialDocumentSchema), 'A page of financial documents'), ...errorResponses },
    }),
    async (c) => c.json(await listFinancialDocuments(c.var.deps.db, c.var.principal, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/financial-documents/summary',
      middleware: [allow('financial_documents.list')] as const,
      tags,
      summary: 'Outstanding and overdue totals per currency, and open quotes',
      request: { query: z.object({ customer_id: z.string().max(64).optional() }) },
      responses: { 200: json(FinancialSummarySchema, 'The totals'), ...errorResponses },
    }),
    async (c) => c.json(await financialSummary(c.var.deps.db, c.var.principal, c.req.valid('query').customer_id, today()), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/financial-documents',
      middleware: [allow('financial_documents.write')] as const,
      tags,
      summary: 'Create a financial document, or update the one with the same external_id',
      request: { body: jsonBody(CreateFinancialDocumentBody) },
      responses: { 200: json(FinancialDocumentSchema, 'Updated (external_id known)'), 201: json(FinancialDocumentSchema, 'Created'), ...errorResponses },
    }),
    async (c) => {
      const { document, created } = await transact(c.var.deps, (trx) => upsertFinancialDocument(trx, c.var.principal, c.req.valid('json')));
      return c.json(document, created ? 201 : 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/financial-documents/{id}',
      middleware: [allow('financial_documents.read')] as const,
      tags,
      summary: 'Read a financial document',
      request: { params: IdParam('fin') },
      responses: { 200: json(FinancialDocumentSchema, 'The document'), ...errorResponses },
    }),
    async (c) => c.json(await getFinancialDocument(c.var.deps.db, c.var.principal, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/financial-documents/{id}',
      middleware: [allow('financial_documents.write')] as const,
      tags,
      summary: 'Change a financial document',
      request: { params: IdParam('fin'), body: jsonBody(UpdateFinancialDocumentBody) },
      responses: { 200: json(FinancialDocumentSchema, 'The changed document'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => updateFinancialDocument(trx, c.var.principal, c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/financial-documents/{id}/accept',
      middleware: [allow('financial_documents.respond')] as const,
      tags,
      summary: 'Accept a sent quote (a contact with finance.view and approvals.respond): a sign-off record',
      request: { params: IdParam('fin') },
      responses: { 200: json(FinancialDocumentSchema, 'The accepted quote'), ...errorResponses },
    }),
    async (c) => {
      const who = { userId: personOf(c.var.principal).userId, ip: clientIp(c), userAgent: c.req.header('user-agent') ?? '' };
      return c.json(await transact(c.var.deps, (trx) => respondToQuote(trx, c.var.principal, c.req.valid('param').id, 'accepted', null, who)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/financial-documents/{id}/decline',
      middleware: [allow('financial_documents.respond')] as const,
      tags,
      summary: 'Decline a sent quote with a reason: a sign-off record',
      request: { params: IdParam('fin'), body: jsonBody(DeclineBody) },
      responses: { 200: json(FinancialDocumentSchema, 'The declined quote'), ...errorResponses },
    }),
    async (c) => {
      const who = { userId: personOf(c.var.principal).userId, ip: clientIp(c), userAgent: c.req.header('user-agent') ?? '' };
      const { reason } = c.req.valid('json');
      return c.json(await transact(c.var.deps, (trx) => respondToQuote(trx, c.var.principal, c.req.valid('param').id, 'declined', reason, who)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/financial-documents/{id}/record',
      middleware: [allow('financial_documents.read')] as const,
      tags,
      summary: 'The sign-off record of an answered quote',
      request: { params: IdParam('fin') },
      responses: { 200: json(SignoffRecordSchema, 'Who answered, when, from where, on what'), ...errorResponses },
    }),
    async (c) => c.json(await signoffRecord(c.var.deps.db, c.var.principal, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/financial-documents/{id}/pdf',
      middleware: [allow('financial_documents.read')] as const,
      tags,
      summary: 'Download the PDF attached to a financial document',
      request: { params: IdParam('fin') },
      responses: { 200: { description: 'The bytes', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }, ...errorResponses },
    }),
    async (c) => {
      const { deps, principal } = c.var;
      const file = await pdfOf(deps.db, principal, c.req.valid('param').id);
      const response = await serveBlob(c, {
        sha256: file.sha256,
        size: file.size,
        contentType: servedContentType(file.content_type),
        disposition: contentDisposition('attachment', file.name),
        cacheControl: 'private, no-cache',
      });
      // A download row in the audit trail, as for the document itself.
      if (response.status === 200) await transact(deps, (trx) => recordDocumentAccess(trx, principal, file, 'document.downloaded'));
      return response;
    },
  );
