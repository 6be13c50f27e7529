import { createRoute, z } from '@hono/zod-openapi';
import { allow } from './policy.js';
import { transact } from '../context.js';
import { upsertCustomerByExternalId } from '../customers/customer.repository.js';
import { ExternalId } from '../customers/customer.schema.js';
import { retryOnConflict } from '../db/errors.js';
import { forbidden, invalid } from '../errors.js';
import { createRouter } from '../lib/router.js';
import { Text, Timestamp, errorResponses, json, jsonBody } from '../lib/schemas.js';
import { recordSignIn, upsertUserByExternalId } from '../users/user.repository.js';
import { Email, StaffRole } from '../users/user.schema.js';
import { MAX_TOKEN_TTL_SECONDS } from './signing-keys.js';
import { accessCutoff, issuedAtFor } from './token-cutoff.js';

export const EmbedTokenBody = z
  .object({
    customer: z.object({ external_id: ExternalId, name: Text(200).optional() }).strict().optional(),
    user: z
      .object({
        external_id: ExternalId,
        email: Email.optional(),
        name: Text(200),
        role: z.enum(['staff', 'contact']),
        staff_role: StaffRole.optional().openapi({ description: 'Staff only: a new staff user without it is a `member`; an existing one keeps its role unless given' }),
      })
      .strict(),
    ttl_seconds: z.number().int().min(60).max(MAX_TOKEN_TTL_SECONDS).default(900),
  })
  .strict()
  .openapi('EmbedTokenRequest', {
    example: {
      customer: { external_id: 'acme-42', name: 'Acme Ltd' },
      user: { external_id: 'u-7', email: 'ana@acme.test', name: 'Ana Silva', role: 'contact' },
      ttl_seconds: 900,
    },
  });

const EmbedTokenResponse = z
  .object({ token: z.string(), expires_at: Timestamp, customer_id: z.string().nullable(), user_id: z.string() })
  .openapi('EmbedToken');

/** `POST /v1/embed-tokens` (API key only) and the public `GET /.well-known/jwks.json`. */
export const embedTokenRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/embed-tokens',
      middleware: [allow('embed_tokens.create')] as const,
      tags: ['Embed tokens'],
      summary: 'Issue a short-lived embed token for a person, upserting the customer and the user',
      request: { body: jsonBody(EmbedTokenBody) },
      responses: { 201: json(EmbedTokenResponse, 'The signed token'), ...errorResponses },
    }),
    async (c) => {
      const principal = c.var.principal;
      const body = c.req.valid('json');
      if (body.user.role === 'contact' && !body.customer) {
        throw invalid('A contact belongs to a customer', [{ path: 'customer', message: 'required for a contact' }]);
      }
      if (body.user.role === 'contact' && body.user.staff_role) {
        throw invalid('A contact has no staff role', [{ path: 'user.staff_role', message: 'for staff users only' }]);
      }
      const { deps } = c.var;
      const { customer, user } = await retryOnConflict(() =>
        transact(deps, async (trx) => {
          const customer = body.customer ? await upsertCustomerByExternalId(trx, principal, body.customer) : null;
          const user = await upsertUserByExternalId(trx, principal, { ...body.user, customer_id: body.user.role === 'contact' ? customer!.id : null });
          if (user.portal_access === 'deactivated') throw forbidden('This person\'s portal access has been deactivated', 'access_revoked');
          if (user.role === 'contact' && customer!.portal_enabled === 0) {
            throw forbidden('The portal is disabled for this customer', 'portal_disabled');
          }
          await recordSignIn(trx, user);
          return { customer, user };
        }),
      );
      await deps.invalidator.catchUp();
      const { token, expiresAt } = await deps.tokens.sign(
        { tenantId: principal.tenantId, userId: user.id, role: user.role, customerId: customer?.id ?? null },
        body.ttl_seconds,
        issuedAtFor(accessCutoff(user.access_revoked_at, user.role === 'contact' ? customer!.portal_disabled_at : null)),
      );
      return c.json({ token, expires_at: expiresAt.toISOString(), customer_id: customer?.id ?? null, user_id: user.id }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/.well-known/jwks.json',
      tags: ['Embed tokens'],
      summary: 'The public keys that verify embed tokens',
      responses: { 200: json(z.object({ keys: z.array(z.record(z.string(), z.unknown())) }), 'The JSON Web Key Set') },
    }),
    (c) => {
      c.header('Cache-Control', 'public, max-age=300');
      return c.json(c.var.deps.keys.jwks(), 200);
    },
  );
