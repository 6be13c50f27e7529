import type { Kysely } from 'kysely';
import type { Database, Tenant } from '../db/database.js';
import { ApiError } from '../errors.js';
import { hashApiKey } from '../auth/access.js';
import { newId, randomToken } from '../lib/ids.js';
import { insertBuiltInSets } from '../permission-sets/permission-set.repository.js';
import { insertDefaultRequestTypes } from '../requests/request-type-defaults.js';

export interface CreatedTenant {
  tenant: { id: string; name: string; slug: string };
  api_key: string;
}

/** A URL-safe slug from a name: "Acme Ltd." → "acme-ltd". */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return slug || 'portal';
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;

/**
 * Creates an API key for `tenantId`; the key is returned once and only its hash is kept.
 * @example const key = await createApiKey(db, 'ten_…', 'Production backend');
 */
export async function createApiKey(db: Kysely<Database>, tenantId: string, name: string): Promise<string> {
  const key = `sk_${randomToken(24)}`;
  await db
    .insertInto('api_keys')
    .values({ id: newId('key'), tenant_id: tenantId, name, hash: hashApiKey(key), prefix: key.slice(0, 7), created_at: new Date().toISOString(), revoked_at: null })
    .execute();
  return key;
}

/**
 * Creates a tenant and its first API key.
 * @example const { tenant, api_key } = await createTenant(db, { name: 'Acme Software' });
 */
export async function createTenant(db: Kysely<Database>, input: { name: string; slug?: string | undefined }): Promise<CreatedTenant> {
  const name = input.name.trim();
  if (!name || name.length > 200) throw new ApiError(400, 'validation_failed', 'The tenant name must be 1 to 200 characters');
  const slug = input.slug ?? slugify(name);
  if (!SLUG.test(slug)) {
    throw new ApiError(400, 'validation_failed', 'The slug must be lowercase letters, digits and dashes (at most 48)');
  }
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('tenants').select('id').where('slug', '=', slug).executeTakeFirst();
    if (taken) throw new ApiError(409, 'slug_taken', `The slug "${slug}" is already taken`);
    const now = new Date().toISOString();
    const tenant = { id: newId('ten'), name, slug };
    await trx.insertInto('tenants').values({ ...tenant, branding: '{}', settings: '{}', tokens_revoked_before: null, created_at: now, updated_at: now }).execute();
    await insertBuiltInSets(trx, tenant.id);
    await insertDefaultRequestTypes(trx, tenant.id, now);
    const apiKey = await createApiKey(trx, tenant.id, 'Default key');
    return { tenant, api_key: apiKey };
  });
}

export async function findTenant(db: Kysely<Database>, id: string): Promise<Tenant | undefined> {
  return db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The tenant a hosted page or a sign-in request names by its slug. */
export async function findTenantBySlug(db: Kysely<Database>, slug: string): Promise<Tenant | undefined> {
  return db.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirst();
}
