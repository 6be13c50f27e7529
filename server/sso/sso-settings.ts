import { z } from '@hono/zod-openapi';

/** Who must sign in with the company account (setting `sso.required_for`). */
export const SSO_REQUIRED_FOR = ['none', 'staff', 'all'] as const;
export type SsoRequiredFor = (typeof SSO_REQUIRED_FOR)[number];

/** What a tenant stored: the secret too (it is never answered back). */
export interface StoredSso {
  oidc?: { issuer: string; client_id: string; client_secret: string };
  required_for?: SsoRequiredFor;
  allowed_domains?: string[];
  /** The first successful sign-in through the current provider and client: only then may SSO be required. */
  verified_at?: string;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An OpenID issuer: an https URL without query, fragment or credentials (plain http only on
 * this machine's loopback, for a provider under test or in development).
 */
const Issuer = z
  .string()
  .trim()
  .max(500)
  .transform((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not a URL' });
      return z.NEVER;
    }
    const problem =
      url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))
        ? 'an https URL (http only on localhost)'
        : url.search || url.hash
          ? 'an issuer without query or fragment'
          : url.username || url.password
            ? 'an issuer without credentials'
            : null;
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    // As the provider spells it in its discovery document: no trailing slash after the host.
    return url.pathname === '/' ? url.origin : url.href;
  })
  .openapi({ type: 'string', example: 'https://login.acme.test' });

/** A mail domain: `acme.test`, lowercase, no `@`. */
const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'a mail domain such as "acme.test"');

export const SsoPatch = z
  .object({
    oidc: z
      .object({
        issuer: Issuer,
        client_id: z.string().trim().min(1).max(300),
        client_secret: z.string().min(1).max(2000).optional().openapi({ description: 'Write-only; absent keeps the stored one (needed the first time)' }),
      })
      .strict()
      .nullable()
      .optional()
      .openapi({ description: '`null` removes the provider (and so any requirement)' }),
    required_for: z.enum(SSO_REQUIRED_FOR).optional(),
    allowed_domains: z.array(Domain).max(50).optional().openapi({ description: 'Email domains SSO may sign in; empty: any' }),
  })
  .strict()
  .openapi('SsoSettingsPatch');
export type SsoPatchInput = z.infer<typeof SsoPatch>;

export const SsoSchema = z
  .object({
    oidc: z.object({ issuer: z.string(), client_id: z.string(), client_secret_set: z.boolean() }).nullable(),
    required_for: z.enum(SSO_REQUIRED_FOR),
    allowed_domains: z.array(z.string()),
    verified_at: z.string().nullable().openapi({ description: 'When someone first signed in through this provider and client; SSO can be required only after' }),
  })
  .openapi('SsoSettings');
export type SsoView = z.infer<typeof SsoSchema>;

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
