import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { TtlCache } from '../lib/ttl-cache.js';
import { loadUserAccess, type UserAccess } from './grants.js';

export type { UserAccess };

export interface TenantAccess {
  allowedOrigins: string[];
  tokensRevokedBefore: number | null;
}

/** sha256 of an API key: what the database stores and looks up. */
export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

/**
 * The current state of users, tenants and API keys as authentication needs it, cached for one
 * second at most so that a deactivation bites at once on every instance. A write in this
 * process forgets the entry immediately. A user's entry holds what the one rule needs of
 * them (capabilities, memberships, allowlist), so a request resolves it once.
 */
export class AccessCache {
  private readonly users = new TtlCache<string, UserAccess | null>(1000);
  private readonly tenants = new TtlCache<string, TenantAccess | null>(1000);
  private readonly apiKeys = new TtlCache<string, { id: string; tenantId: string } | null>(1000);

  constructor(private readonly db: Kysely<Database>) {}

  user(userId: string): Promise<UserAccess | null> {
    return this.users.get(userId, () => loadUserAccess(this.db, userId));
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

  /**
   * After a change that reaches many users at once (a customer's portal or access rules, a
   * permission set, the tenant defaults, a project's members), every entry is stale.
   */
  forgetAllUsers(): void {
    this.users.clear();
  }
}
