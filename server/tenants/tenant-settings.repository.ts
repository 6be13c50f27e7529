import type { Kysely } from 'kysely';
import { actorId, type Principal } from '../auth/principal.js';
import { visibleTo } from '../auth/visibility.js';
import type { Database, DocumentRow, Tenant } from '../db/database.js';
import { isPostgres } from '../db/dialect.js';
import { LOGO_TYPES } from '../documents/content-type.js';
import { invalid, notFound } from '../errors.js';
import { appendEvent } from '../events/event-log.js';
import { checkAssignable } from '../permission-sets/permission-set.repository.js';
import { lookOf } from '../../contract/branding-presets.js';
import { COLOR_NAMES, type BrandingPatchInput, type BrandingView, type StoredBranding } from './branding.schema.js';
import type { SettingsPatchInput, SettingsView, StoredSettings } from './settings.schema.js';
import { sessionMinutes } from './session-limits.js';
import { applySsoPatch, ssoView } from '../sso/sso-settings.js';
import { ApiError } from '../errors.js';

const parseObject = <T extends object>(text: string): T => {
  try {
    const value = JSON.parse(text) as unknown;
    return (value && typeof value === 'object' ? value : {}) as T;
  } catch {
    return {} as T;
  }
};

/** The tenant's logo document, if `documentId` is one: a tenant file, not deleted, an image mail clients show. */
async function findLogo(db: Kysely<Database>, tenantId: string, documentId: string | undefined): Promise<DocumentRow | undefined> {
  if (!documentId) return undefined;
  return db
    .selectFrom('documents')
    .selectAll()
    .where('id', '=', documentId)
    .where('tenant_id', '=', tenantId)
    .where('customer_id', 'is', null)
    .where('deleted_at', 'is', null)
    .where('content_type', 'in', [...LOGO_TYPES])
    .executeTakeFirst();
}

/** The document a tenant's branding names as its logo, while it is still a usable one. */
export const tenantLogo = (db: Kysely<Database>, tenant: Pick<Tenant, 'id' | 'branding'>) =>
  findLogo(db, tenant.id, parseObject<StoredBranding>(tenant.branding).logo_document_id);

/** The public, absolute address of a tenant's logo; its version makes it cacheable for good. */
export const logoUrl = (publicUrl: string, tenantId: string, sha256: string) => `${publicUrl}/branding/${encodeURIComponent(tenantId)}/logo?v=${sha256.slice(0, 16)}`;

/**
 * A tenant's branding as the widget applies it: its preset's colours, radius and font with the
 * tenant's own over them, and its logo's public URL (a logo deleted since reads as none).
 * @example const branding = await resolveBranding(db, config.publicUrl, tenant);
 */
export async function resolveBranding(db: Kysely<Database>, publicUrl: string, tenant: Pick<Tenant, 'id' | 'branding'>): Promise<BrandingView> {
  const look = lookOf(parseObject<StoredBranding>(tenant.branding));
  const logo = await tenantLogo(db, tenant);
  return {
    ...look,
    logo_document_id: logo?.id ?? null,
    logo_url: logo ? logoUrl(publicUrl, tenant.id, logo.sha256) : null,
  };
}

/**
 * A tenant's settings with every default filled: no origin restriction, its own name on emails.
 * @example const { email_from, app_url } = readSettings(tenant);
 */
export function readSettings(tenant: Pick<Tenant, 'name' | 'settings' | 'default_permission_set_id' | 'default_partner_permission_set_id'>): SettingsView {
  const stored = parseObject<StoredSettings>(tenant.settings);
  return {
    allowed_origins: stored.allowed_origins ?? [],
    email_from: stored.email_from ?? tenant.name,
    app_url: stored.app_url ?? null,
    default_permission_set_id: tenant.default_permission_set_id,
    default_partner_permission_set_id: tenant.default_partner_permission_set_id,
    ...sessionMinutes(stored),
    mfa_required: stored.mfa_required ?? 'none',
    sso: ssoView(stored.sso),
    self_registration: stored.self_registration ?? 'off',
  };
}

/** The caller's tenant, locked until the transaction ends (PostgreSQL; SQLite runs one writer at a time). */
export async function lockTenant(trx: Kysely<Database>, tenantId: string): Promise<Tenant> {
  const query = trx.selectFrom('tenants').selectAll().where('id', '=', tenantId);
  const tenant = await (isPostgres(trx) ? query.forUpdate() : query).executeTakeFirst();
  if (!tenant) throw notFound('Tenant');
  return tenant;
}

/** Which top-level fields differ, and what they were. */
function diff<T extends object>(before: T, after: T): { changes: string[]; previous: Partial<T> } {
  const changes = (Object.keys(after) as (keyof T & string)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return { changes, previous: Object.fromEntries(changes.map((k) => [k, before[k]])) as Partial<T> };
}

/** Copies `fields` of `patch` onto `target`: a value sets, `null` removes (back to the default), absent keeps. */
function applyPatch<T extends object, F extends keyof T>(target: T, patch: { [K in F]?: T[K] | null }, fields: readonly F[]): void {
  for (const field of fields) {
    const value = patch[field];
    if (value === null) delete target[field];
    else if (value !== undefined) target[field] = value as T[F];
  }
}

/** Checks that `documentId` can be the logo: a tenant file the caller may see, and an image. */
async function checkLogo(db: Kysely<Database>, principal: Principal, documentId: string): Promise<void> {
  const doc = await db.selectFrom('documents as d').select(['d.customer_id', 'd.content_type']).where('d.id', '=', documentId).where(visibleTo(principal, 'documents', 'd')).executeTakeFirst();
  if (!doc) throw notFound('Document');
  const problem = doc.customer_id !== null ? 'a customer\'s document; upload the logo with purpose=logo' : LOGO_TYPES.has(doc.content_type) ? null : 'not a PNG, JPEG, GIF or WebP image';
  if (problem) throw invalid(`The logo cannot be this document: ${problem}`, [{ path: 'logo_document_id', message: problem }]);
}

/**
 * Applies a branding change (API keys and staff) and records `branding.updated`.
 * @example await updateBranding(trx, principal, config.publicUrl, { preset: 'ocean', colors: { primary: '#0a7' } });
 */
export async function updateBranding(trx: Kysely<Database>, principal: Principal, publicUrl: string, patch: BrandingPatchInput): Promise<BrandingView> {
  const tenant = await lockTenant(trx, principal.tenantId);
  const stored = parseObject<StoredBranding>(tenant.branding);
  const next: StoredBranding = { ...stored, colors: { ...stored.colors } };
  if (patch.preset !== undefined) next.preset = patch.preset;
  applyPatch(next.colors!, patch.colors ?? {}, COLOR_NAMES);
  applyPatch(next, patch, ['radius', 'font', 'logo_document_id']);
  if (patch.logo_document_id) await checkLogo(trx, principal, patch.logo_document_id);

  const before = await resolveBranding(trx, publicUrl, tenant);
  const branding = JSON.stringify(next);
  await trx.updateTable('tenants').set({ branding, updated_at: new Date().toISOString() }).where('id', '=', tenant.id).execute();
  const after = await resolveBranding(trx, publicUrl, { id: tenant.id, branding });
  await recordTenantEvent(trx, principal, 'branding.updated', { branding: after, ...diff(before, after) });
  return after;
}

/**
 * Applies a settings change (API keys and staff) and records `settings.updated`. The caller
 * forgets the tenant's cached access afterwards, so `allowed_origins` applies at once.
 */
export async function updateSettings(trx: Kysely<Database>, principal: Principal, patch: SettingsPatchInput): Promise<SettingsView> {
  const tenant = await lockTenant(trx, principal.tenantId);
  const next = parseObject<StoredSettings>(tenant.settings);
  if (patch.allowed_origins !== undefined) next.allowed_origins = [...new Set(patch.allowed_origins)];
  applyPatch(next, patch, ['email_from', 'app_url', 'session_idle_minutes', 'session_max_days', 'mfa_required', 'self_registration']);
  if (patch.sso) {
    const sso = applySsoPatch(next.sso, patch.sso);
    if ('status' in sso) throw new ApiError(sso.status, sso.code, `sso: ${sso.message}`, [{ path: sso.path, message: sso.message }]);
    next.sso = sso;
  }
  const defaults = {
    default_permission_set_id: patch.default_permission_set_id ?? tenant.default_permission_set_id,
    default_partner_permission_set_id: patch.default_partner_permission_set_id ?? tenant.default_partner_permission_set_id,
  };
  if (patch.default_permission_set_id) await checkAssignable(trx, tenant.id, patch.default_permission_set_id, 'customer', 'default_permission_set_id');
  if (patch.default_partner_permission_set_id) await checkAssignable(trx, tenant.id, patch.default_partner_permission_set_id, 'partner', 'default_partner_permission_set_id');
  const settings = JSON.stringify(next);
  await trx.updateTable('tenants').set({ settings, ...defaults, updated_at: new Date().toISOString() }).where('id', '=', tenant.id).execute();
  const before = readSettings(tenant);
  const after = readSettings({ ...tenant, settings, ...defaults });
  await recordTenantEvent(trx, principal, 'settings.updated', { settings: after, ...diff(before, after) });
  return after;
}

async function recordTenantEvent(trx: Kysely<Database>, principal: Principal, type: 'branding.updated' | 'settings.updated', data: unknown): Promise<void> {
  await appendEvent(trx, { tenantId: principal.tenantId, customerId: null, visibility: 'internal', type, subjectId: principal.tenantId, actorId: actorId(principal), data });
}
