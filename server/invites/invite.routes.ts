import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/policy.js';
import { createRouter } from '../lib/router.js';
import { IdParam, errorResponses, json } from '../lib/schemas.js';
import { InvitationSchema } from '../users/user.schema.js';
import { inviteUser } from './invite.js';

/** `POST /v1/users/:id/invite` (API key, staff). */
export const inviteRoutes = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/v1/users/{id}/invite',
    middleware: [allow('contacts.manage')] as const,
    tags: ['People'],
    summary: "Email a person the \"you're invited\" sign-in link; again to resend",
    description: 'For invited and active people; 409 for a deactivated one, one without email, or a contact whose customer portal is disabled.',
    request: { params: IdParam('usr') },
    responses: { 202: json(InvitationSchema, 'The invitation was sent'), ...errorResponses },
  }),
  async (c) => {
    return c.json(await inviteUser(c.var.deps, c.var.principal, c.req.valid('param').id), 202);
  },
);
