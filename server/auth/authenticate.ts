import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';
import { ApiError, forbidden } from '../errors.js';
import { clientIp } from '../lib/client-ip.js';
import { sessionIsOpen } from '../sessions/session.repository.js';
import { principalOf } from './grants.js';
import type { Principal } from './principal.js';
import { issuedBeforeCutoff } from './token-cutoff.js';

const unauthenticated = (message: string, code = 'unauthenticated') => new ApiError(401, code, message);

function bearer(c: Context): string {
  const header = c.req.header('authorization');
  if (!header) throw unauthenticated('Send a credential: Authorization: Bearer <API key or embed token>');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <credential>"');
  return match[1]!;
}

/**
 * Turns the `Authorization: Bearer` credential into the request's `principal`: an API key
 * (`sk_…`) or an embed token, whose user must still have access and whose tenant must
 * allow the page's origin.
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('principal', await resolvePrincipal(c, bearer(c)));
  await next();
};

/** The principal behind a credential, or a 401/403 `ApiError`. */
export async function resolvePrincipal(c: Context<AppEnv>, credential: string): Promise<Principal> {
  const { access, tokens } = c.var.deps;
  if (credential.startsWith('sk_')) {
    const key = await access.apiKey(credential);
    if (!key) throw unauthenticated('The API key is not valid', 'invalid_api_key');
    return { kind: 'api_key', tenantId: key.tenantId, keyId: key.id };
  }

  const claims = await tokens.verify(credential);
  const tenant = await access.tenant(claims.tenantId);
  if (!tenant) throw unauthenticated('The token is invalid', 'invalid_token');
  if (tenant.tokensRevokedBefore !== null && claims.issuedAt * 1000 < tenant.tokensRevokedBefore) {
    throw unauthenticated('The token has been revoked', 'token_revoked');
  }
  const user = await access.user(claims.userId);
  if (!user || user.tenantId !== claims.tenantId || user.role !== claims.role) {
    throw unauthenticated('The token is invalid', 'invalid_token');
  }
  if (user.role === 'contact' && user.customerId !== claims.customerId) {
    throw unauthenticated('The token is invalid', 'invalid_token');
  }
  if (user.portalAccess === 'deactivated' || (user.role === 'contact' && !user.portalEnabled)) {
    throw unauthenticated('Portal access has been revoked', 'access_revoked');
  }
  if (issuedBeforeCutoff(claims.issuedAt, user.cutoff)) {
    throw unauthenticated('The token was issued before portal access last ended', 'access_revoked');
  }
  // A token of the hosted pages lives no longer than its session (signed out, or expired).
  if (claims.sessionId) {
    if (!(await sessionIsOpen(c.var.deps.db, claims.sessionId))) throw unauthenticated('The session of this token has ended', 'session_ended');
    c.set('sessionId', claims.sessionId);
  }

  // The service's own pages (hosted portal, admin) are always allowed; a request without an
  // Origin does not come from a browser page.
  const origin = c.req.header('origin');
  const own = origin === new URL(c.var.deps.config.publicUrl).origin;
  if (tenant.allowedOrigins.length > 0 && origin && !own && !tenant.allowedOrigins.includes(origin)) {
    throw forbidden(`Origin ${origin} is not allowed to use this portal`, 'origin_not_allowed');
  }

  // A customer's allowlist binds its contacts wherever they come from (behind TRUST_PROXY, the
  // address our proxy saw); the vendor's own staff are not the customer's to restrict.
  if (user.ipAllowlist && !user.ipAllowlist(clientIp(c))) {
    throw forbidden('This network is not allowed to use this portal', 'ip_not_allowed');
  }

  return user.role === 'contact'
    ? principalOf(claims.userId, user)
    : { kind: 'staff', tenantId: claims.tenantId, userId: claims.userId, customerId: claims.customerId, staffRole: user.staffRole };
}
