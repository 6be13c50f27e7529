import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/policy.js';
import { transact } from '../context.js';
import { createRouter } from '../lib/router.js';
import { IdParam, errorResponses, json, jsonBody, page } from '../lib/schemas.js';
import { ACCESS_FIELDS, createCustomer, getCustomer, listCustomers, updateCustomer } from './customer.repository.js';
import { CreateCustomerBody, CustomerListItemSchema, CustomerSchema, ListCustomersQuery, UpdateCustomerBody } from './customer.schema.js';

const tags = ['Customers'];

/** `/v1/customers`: the tenant's customer accounts, for API keys and staff (a contact gets 403). */
export const customerRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/customers',
      middleware: [allow('customers.read')] as const,
      tags,
      summary: 'List customers, oldest first, each with a summary of its portal tasks and activity',
      request: { query: ListCustomersQuery },
      responses: { 200: json(page(CustomerListItemSchema), 'A page of customers'), ...errorResponses },
    }),
    async (c) => {
      return c.json(await listCustomers(c.var.deps.db, c.var.principal, c.req.valid('query')), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/customers',
      middleware: [allow('customers.create')] as const,
      tags,
      summary: 'Create a customer; an external id already in use answers 409',
      request: { body: jsonBody(CreateCustomerBody) },
      responses: { 201: json(CustomerSchema, 'The customer'), ...errorResponses },
    }),
    async (c) => {
      const customer = await transact(c.var.deps, (trx) => createCustomer(trx, c.var.principal, c.req.valid('json')));
      return c.json(customer, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/customers/{id}',
      middleware: [allow('customers.read')] as const,
      tags,
      summary: 'Read a customer',
      request: { params: IdParam('cus') },
      responses: { 200: json(CustomerSchema, 'The customer'), ...errorResponses },
    }),
    async (c) => {
      return c.json(await getCustomer(c.var.deps.db, c.var.principal, c.req.valid('param').id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/customers/{id}',
      middleware: [allow('customers.update')] as const,
      tags,
      summary: "Change a customer; portal_enabled: false ends its contacts' access at once",
      request: { params: IdParam('cus'), body: jsonBody(UpdateCustomerBody) },
      responses: { 200: json(CustomerSchema, 'The changed customer'), ...errorResponses },
    }),
    async (c) => {
      const { deps } = c.var;
      const { customer, changes } = await transact(deps, (trx) => updateCustomer(trx, c.var.principal, c.req.valid('param').id, c.req.valid('json')));
      // So that the very next request sees a portal switched off or its rules changed: the access cache follows the log.
      if (changes.some((f) => (ACCESS_FIELDS as readonly string[]).includes(f))) await deps.invalidator.catchUp();
      return c.json(customer, 200);
    },
  );
