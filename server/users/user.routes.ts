import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/policy.js';
import { transact } from '../context.js';
import { createRouter } from '../lib/router.js';
import { IdParam, errorResponses, json, jsonBody, page } from '../lib/schemas.js';
import { createContact, listContacts, transferContact, updateUser } from './user.repository.js';
import { CreateContactBody, ListContactsQuery, TransferBody, UpdateUserBody, UserSchema } from './user.schema.js';

const tags = ['Contacts and users'];

/** `/v1/customers/:id/contacts` and `/v1/users/:id`: managing people, for API keys and staff. */
export const userRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/customers/{id}/contacts',
      middleware: [allow('contacts.manage')] as const,
      tags,
      summary: "List a customer's contacts, oldest first",
      request: { params: IdParam('cus'), query: ListContactsQuery },
      responses: { 200: json(page(UserSchema), 'A page of contacts'), ...errorResponses },
    }),
    async (c) => {
      return c.json(await listContacts(c.var.deps.db, c.var.principal, c.req.valid('param').id, c.req.valid('query')), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/customers/{id}/contacts',
      middleware: [allow('contacts.manage')] as const,
      tags,
      summary: 'Add a contact to a customer (invited unless said otherwise)',
      request: { params: IdParam('cus'), body: jsonBody(CreateContactBody) },
      responses: { 201: json(UserSchema, 'The contact'), ...errorResponses },
    }),
    async (c) => {
      const contact = await transact(c.var.deps, (trx) => createContact(trx, c.var.principal, c.req.valid('param').id, c.req.valid('json')));
      return c.json(contact, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/users/{id}',
      middleware: [allow('users.update')] as const,
      tags,
      summary: "Change a contact or staff user; `portal_access: deactivated` ends the user's tokens and streams at once",
      request: { params: IdParam('usr'), body: jsonBody(UpdateUserBody) },
      responses: { 200: json(UserSchema, 'The changed user'), ...errorResponses },
    }),
    async (c) => {
      const { deps } = c.var;
      const id = c.req.valid('param').id;
      const { user, changes } = await transact(deps, (trx) => updateUser(trx, c.var.principal, id, c.req.valid('json')));
      // So that the very next request sees a deactivation: the access cache follows the log.
      if (changes.length > 0) await deps.invalidator.catchUp();
      return c.json(user, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/users/{id}/transfer',
      middleware: [allow('contacts.manage')] as const,
      tags,
      summary: "Move a contact to another customer; their tokens and sessions from before end, so the old customer's items stop reaching them at once",
      request: { params: IdParam('usr'), body: jsonBody(TransferBody) },
      responses: { 200: json(UserSchema, 'The contact, in its new customer'), ...errorResponses },
    }),
    async (c) => {
      const { deps } = c.var;
      const { user, moved } = await transact(deps, (trx) => transferContact(trx, c.var.principal, c.req.valid('param').id, c.req.valid('json').customer_id));
      if (moved) await deps.invalidator.catchUp();
      return c.json(user, 200);
    },
  );
