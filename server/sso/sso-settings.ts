import type { SsoPatchInput, SsoRequiredFor, SsoView } from '../../contract/schemas/sso.schema.js';

/** Defined once in the contract (`contract/`), which the admin's types derive from. */
export * from '../../contract/schemas/sso.schema.js';

/** What a tenant stored: the secret too (it is never answered back). */
export interface StoredSso {
  oidc?: { issuer: string; client_id: string; client_secret: string };
  required_for?: SsoRequiredFor;
  allowed_domains?: string[];
  /** The first successful sign-in through the current provider and client: only then may SSO be required. */
  verified_at?: string;
}

/** The settings as answered: never the secret. */
export function ssoView(stored: StoredSso | undefined): SsoView {
  const oidc = stored?.oidc;
  return {
    oidc: oidc ? { issuer: oidc.issuer, client_id: oidc.client_id, client_secret_set: oidc.client_secret.length > 0 } : null,
    required_for: oidc ? (stored?.required_for ?? 'none') : 'none',
    allowed_domains: stored?.allowed_domains ?? [],
    verified_at: oidc ? (stored?.verified_at ?? null) : null,
  };
}

/** Why a patch cannot apply: the field and the reason, for a 400/409. */
export type SsoPatchProblem = { status: 400 | 409; code: string; path: string; message: string };

/**
 * The stored SSO settings after `patch`, or the problem. A new issuer or client forgets the
 * verification; requiring SSO needs a verified provider, so nobody locks themselves out.
 */
export function applySsoPatch(current: StoredSso | undefined, patch: SsoPatchInput): StoredSso | SsoPatchProblem {
  const next: StoredSso = { ...current };
  if (patch.oidc === null) {
    delete next.oidc;
    delete next.verified_at;
    delete next.required_for;
  } else if (patch.oidc) {
    const same = current?.oidc && current.oidc.issuer === patch.oidc.issuer && current.oidc.client_id === patch.oidc.client_id;
    const secret = patch.oidc.client_secret ?? (same ? current!.oidc!.client_secret : undefined);
    if (!secret) return { status: 400, code: 'validation_failed', path: 'sso.oidc.client_secret', message: 'the client secret is needed for a new provider or client' };
    next.oidc = { issuer: patch.oidc.issuer, client_id: patch.oidc.client_id, client_secret: secret };
    if (!same) {
      delete next.verified_at;
      delete next.required_for;
    }
  }
  if (patch.allowed_domains !== undefined) next.allowed_domains = [...new Set(patch.allowed_domains)];
  if (patch.required_for !== undefined) {
    if (patch.required_for !== 'none' && !next.oidc) return { status: 400, code: 'validation_failed', path: 'sso.required_for', message: 'set up a provider (sso.oidc) first' };
    if (patch.required_for !== 'none' && !next.verified_at) {
      return { status: 409, code: 'sso_not_verified', path: 'sso.required_for', message: 'sign in once through the provider first, so that nobody is locked out' };
    }
    next.required_for = patch.required_for;
  }
  return next;
}

/** Whether the tenant's SSO requirement applies to a person of `role`: then no magic link. */
export function ssoRequiredFor(sso: StoredSso | undefined, role: 'staff' | 'contact'): boolean {
  const required = sso?.oidc ? (sso.required_for ?? 'none') : 'none';
  return required === 'all' || (required === 'staff' && role === 'staff');
}

/** Whether `email`'s domain is one the tenant lets SSO sign in (none listed: any). */
export function domainAllowed(sso: StoredSso, email: string): boolean {
  const domains = sso.allowed_domains ?? [];
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return domains.length === 0 || domains.includes(domain);
}
