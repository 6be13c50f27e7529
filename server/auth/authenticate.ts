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
  const { principal, sessionId } = await resolvePrincipal(requestFacts(c), bearer(c));
  if (sessionId) c.set('sessionId', sessionId);
  c.set('principal', principal);
  await next();
};

/**
 * What authentication needs of a request besides its credential. A live stream keeps these
 * (a few strings) to ask again later, not the request's whole context.
 */
export interface RequestFacts {
  deps: AppEnv['Variables']['deps'];
  origin: string | undefined;
  /** The client's address (`clientIp`), asked only of a user with an IP allowlist. */
  ip: () => string;
}

/** The facts of request `c` for `resolvePrincipal`. */
export function requestFacts(c: Context<AppEnv>): RequestFacts {
  return { deps: c.var.deps, origin: c.req.header('origin'), ip: () => clientIp(c) };
}

/**
 * The principal behind a credential (and the hosted session its token belongs to), or a
 * 401/403 `ApiError`.
 */
export async function resolvePrincipal(request: RequestFacts, credential: string): Promise<{ principal: Principal; sessionId?: string }> {
  const { access, tokens } = request.deps;
  if (credential.startsWith('sk_')) {
    const key = await access.apiKey(credential);
    if (!key) throw unauthenticated('The API key is not valid', 'invalid_api_key');
    return { principal: { kind: 'api_key', tenantId: key.tenantId, keyId: key.id } };
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
    if (!(await sessionIsOpen(request.deps.db, claims.sessionId))) throw unauthenticated('The session of this token has ended', 'session_ended');
  }

  // The service's own pages (hosted portal, admin) are always allowed; a request without an
  // Origin does not come from a browser page.
  const origin = request.origin;
  const own = origin === new URL(request.deps.config.publicUrl).origin;
  if (tenant.allowedOrigins.length > 0 && origin && !own && !tenant.allowedOrigins.includes(origin)) {
    throw forbidden(`Origin ${origin} is not allowed to use this portal`, 'origin_not_allowed');
  }

  // A customer's allowlist binds its contacts wherever they come from (behind TRUST_PROXY, the
  // address our proxy saw); the vendor's own staff are not the customer's to restrict.
  if (user.ipAllowlist && !user.ipAllowlist(request.ip())) {
    throw forbidden('This network is not allowed to use this portal', 'ip_not_allowed');
  }

  const principal: Principal =
    user.role === 'contact'
      ? principalOf(claims.userId, user)
      : { kind: 'staff', tenantId: claims.tenantId, userId: claims.userId, customerId: claims.customerId, staffRole: user.staffRole };
  return claims.sessionId ? { principal, sessionId: claims.sessionId } : { principal };
}
