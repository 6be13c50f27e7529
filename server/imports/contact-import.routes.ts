import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/policy.js';
import { createRouter } from '../lib/router.js';
import { IdParam, errorResponses, json, jsonBody } from '../lib/schemas.js';
import { importContacts } from './contact-import.js';
import { ImportBody, ImportReportSchema } from './contact-import.schema.js';

/** `POST /v1/customers/:id/contacts/import` (API key, staff). */
export const contactImportRoutes = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/v1/customers/{id}/contacts/import',
    middleware: [allow('contacts.manage')] as const,
    tags: ['Customers'],
    summary: "Import a customer's contacts from CSV, with a per-row report; dry_run previews",
    description:
      'Rows are `created` (as invited contacts), `exists` (already a contact of this customer) or `refused` with a reason: an invalid email, a duplicate within the file, a person of another customer or of the team, an external_id in use.',
    request: { params: IdParam('cus'), body: jsonBody(ImportBody) },
    responses: { 200: json(ImportReportSchema, 'The report, row by row'), ...errorResponses },
  }),
  async (c) => {
    return c.json(await importContacts(c.var.deps, c.var.principal, c.req.valid('param').id, c.req.valid('json')), 200);
  },
);
