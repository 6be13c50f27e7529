import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, PortalAccess, Role } from '../db/database.js';
import { TtlCache } from '../lib/ttl-cache.js';
import { accessCutoff } from './token-cutoff.js';

export interface UserAccess {
  tenantId: string;
  role: Role;
  customerId: string | null;
  portalAccess: PortalAccess;
  /** For contacts: whether their customer's portal is on. */
  portalEnabled: boolean;
  /** When access last ended (ms), their own or their portal's: older tokens stay refused. */
  cutoff: number | null;
}

export interface TenantAccess {
  allowedOrigins: string[];
  tokensRevokedBefore: number | null;
}

/** sha256 of an API key: what the database stores and looks up. */
export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

/**
 * The current state of users, tenants and API keys as authentication needs it, cached for one
 * second at most so that a deactivation bites at once on every instance. A write in this
 * process forgets the entry immediately.
 */
export class AccessCache {
  private readonly users = new TtlCache<string, UserAccess | null>(1000);
  private readonly tenants = new TtlCache<string, TenantAccess | null>(1000);
  private readonly apiKeys = new TtlCache<string, { id: string; tenantId: string } | null>(1000);

  constructor(private readonly db: Kysely<Database>) {}

  user(userId: string): Promise<UserAccess | null> {
    return this.users.get(userId, async () => {
      const row = await this.db
        .selectFrom('users as u')
        .leftJoin('customers as c', 'c.id', 'u.customer_id')
        .select(['u.tenant_id', 'u.role', 'u.customer_id', 'u.portal_access', 'u.access_revoked_at', 'c.portal_enabled', 'c.portal_disabled_at'])
        .where('u.id', '=', userId)
        .executeTakeFirst();
      if (!row) return null;
      return {
        tenantId: row.tenant_id,
        role: row.role,
        customerId: row.customer_id,
        portalAccess: row.portal_access,
        portalEnabled: row.portal_enabled !== 0,
        cutoff: accessCutoff(row.access_revoked_at, row.role === 'contact' ? row.portal_disabled_at : null),
      };
    });
  }

  tenant(tenantId: string): Promise<TenantAccess | null> {
    return this.tenants.get(tenantId, async () => {
      const row = await this.db.selectFrom('tenants').select(['settings', 'tokens_revoked_before']).where('id', '=', tenantId).executeTakeFirst();
      if (!row) return null;
      const settings = JSON.parse(row.settings) as { allowed_origins?: string[] };
      return {
        allowedOrigins: settings.allowed_origins ?? [],
        tokensRevokedBefore: row.tokens_revoked_before ? Date.parse(row.tokens_revoked_before) : null,
      };
    });
  }

  apiKey(key: string): Promise<{ id: string; tenantId: string } | null> {
    const hash = hashApiKey(key);
    return this.apiKeys.get(hash, async () => {
      const row = await this.db
        .selectFrom('api_keys')
        .select(['id', 'tenant_id'])
        .where('hash', '=', hash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row ? { id: row.id, tenantId: row.tenant_id } : null;
    });
  }

  forgetUser(userId: string): void {
    this.users.delete(userId);
  }

  forgetTenant(tenantId: string): void {
    this.tenants.delete(tenantId);
  }

  /** After a customer's portal is switched, its contacts' entries are stale. */
  forgetAllUsers(): void {
    this.users.clear();
  }
}
