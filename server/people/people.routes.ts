import { createRoute, z } from '@hono/zod-openapi';
import { allow } from '../auth/policy.js';
import { getCustomer } from '../customers/customer.repository.js';
import { createRouter } from '../lib/router.js';
import { errorResponses, json } from '../lib/schemas.js';
import { listPeople } from './people.repository.js';
import { PersonSchema } from '../../contract/schemas/person.schema.js';

const PeopleQuery = z.object({
  customer_id: z
    .string()
    .max(64)
    .optional()
    .openapi({ description: "Whose contacts to include (API keys and staff; a contact always gets its own customer's). Without it: the staff only" }),
});

/** `GET /v1/people`: who the caller may assign or mention, by the one rule of `listPeople`. */
export const peopleRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/v1/people',
    middleware: [allow('people.list')] as const,
    tags: ['People'],
    summary: "Who the caller may assign or mention: the customer's active contacts and the tenant's active staff, by name",
    request: { query: PeopleQuery },
    responses: { 200: json(z.object({ data: z.array(PersonSchema), next_cursor: z.null() }), 'Everyone, in one page'), ...errorResponses },
  }),
  async (c) => {
    const { db } = c.var.deps;
    const principal = c.var.principal;
    const asked = c.req.valid('query').customer_id;
    // Another tenant's or another customer's id is a 404, never an empty answer that would hint at it.
    if (asked) await getCustomer(db, principal, asked);
    const customerId = principal.kind === 'contact' ? principal.customerId : (asked ?? null);
    return c.json({ data: await listPeople(db, principal, customerId), next_cursor: null }, 200);
  },
);
