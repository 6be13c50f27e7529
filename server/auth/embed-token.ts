import { decodeProtectedHeader, errors, jwtVerify, SignJWT } from 'jose';
import { ApiError } from '../errors.js';
import { randomToken } from '../lib/ids.js';
import { TOKEN_ALG, type SigningKeys } from './signing-keys.js';

/** What an embed token says, once verified. */
export interface EmbedClaims {
  tenantId: string;
  userId: string;
  role: 'staff' | 'contact';
  customerId: string | null;
  issuedAt: number;
  expiresAt: number;
  /** The browser session it was exchanged from (`sid`): it is refused once that session ends. */
  sessionId?: string | null;
}

const unauthenticated = (message: string) => new ApiError(401, 'invalid_token', message);

/**
 * Signs and verifies embed tokens. A verified token is remembered until it expires, so a
 * busy widget pays for the signature check once; the user's current access is checked
 * on every request elsewhere (see `access.ts`).
 * @example const token = await tokens.sign({ tenantId, userId, role: 'contact', customerId }, 900);
 */
export class EmbedTokens {
  private readonly verified = new Map<string, EmbedClaims>();

  constructor(
    private readonly keys: SigningKeys,
    private readonly issuer: string,
    private readonly cacheSize = 10_000,
  ) {}

  /** `issuedAt` (seconds, default now) is later than now only to step past an access cutoff (`token-cutoff.ts`). */
  async sign(subject: Omit<EmbedClaims, 'issuedAt' | 'expiresAt'>, ttlSeconds: number, issuedAt = Math.floor(Date.now() / 1000)): Promise<{ token: string; expiresAt: Date }> {
    const { kid, privateKey } = this.keys.current();
    const now = issuedAt;
    const exp = now + ttlSeconds;
    const token = await new SignJWT({ role: subject.role, ...(subject.customerId ? { cid: subject.customerId } : {}), ...(subject.sessionId ? { sid: subject.sessionId } : {}) })
      .setProtectedHeader({ alg: TOKEN_ALG, kid, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(subject.tenantId)
      .setSubject(subject.userId)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .setJti(randomToken(12))
      .sign(privateKey);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** The claims of a token this service signed, still valid; a 401 `ApiError` otherwise. */
  async verify(token: string): Promise<EmbedClaims> {
    const cached = this.verified.get(token);
    if (cached) {
      if (cached.expiresAt * 1000 > Date.now()) return cached;
      this.verified.delete(token);
      throw unauthenticated('The token has expired');
    }
    const claims = await this.verifySignature(token);
    if (this.verified.size >= this.cacheSize) this.evictExpired();
    this.verified.set(token, claims);
    return claims;
  }

  private async verifySignature(token: string): Promise<EmbedClaims> {
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      throw unauthenticated('The token is malformed');
    }
    const key = await this.keys.publicKey(kid);
    if (!key) throw unauthenticated('The token was not signed by a key of this service');
    try {
      const { payload } = await jwtVerify(token, key, { algorithms: [TOKEN_ALG], issuer: this.issuer, requiredClaims: ['sub', 'aud', 'exp', 'iat'] });
      const role = payload.role;
      const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
      if (aud.length !== 1 || typeof aud[0] !== 'string' || (role !== 'staff' && role !== 'contact')) {
        throw unauthenticated('The token claims are invalid');
      }
      const customerId = typeof payload.cid === 'string' ? payload.cid : null;
      if (role === 'contact' && !customerId) throw unauthenticated('The token claims are invalid');
      const sessionId = typeof payload.sid === 'string' ? payload.sid : null;
      return { tenantId: aud[0], userId: payload.sub!, role, customerId, issuedAt: payload.iat!, expiresAt: payload.exp!, sessionId };
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (error instanceof errors.JWTExpired) throw unauthenticated('The token has expired');
      throw unauthenticated('The token is invalid');
    }
  }

  private evictExpired(): void {
    const now = Date.now() / 1000;
    for (const [token, claims] of this.verified) if (claims.expiresAt <= now) this.verified.delete(token);
    // Still full of live tokens: drop the oldest half rather than grow without bound.
    if (this.verified.size >= this.cacheSize) {
      let drop = this.verified.size / 2;
      for (const token of this.verified.keys()) {
        if (drop-- <= 0) break;
        this.verified.delete(token);
      }
    }
  }
}
