import { z } from '@hono/zod-openapi';

/** Who must sign in with the company account (setting `sso.required_for`). */
export const SSO_REQUIRED_FOR = ['none', 'staff', 'all'] as const;
export type SsoRequiredFor = (typeof SSO_REQUIRED_FOR)[number];

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
