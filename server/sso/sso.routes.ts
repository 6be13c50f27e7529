import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { accessEnded, homeOf, openSignIn, safeReturnTo } from '../auth/magic-link.js';
import { newOpaqueToken } from '../auth/opaque-token.js';
import { answerSignIn } from '../auth/sign-in-response.js';
import { transact, type AppEnv } from '../context.js';
import type { Tenant } from '../db/database.js';
import { pageTenant, sendPage, type PageTenant } from '../hosted/layout.js';
import { accessEndedPage, notFoundPage, rateLimitedPage } from '../hosted/pages.js';
import { clientIp } from '../lib/client-ip.js';
import { hit, type Limit } from '../lib/rate-limit.js';
import { createRouter } from '../lib/router.js';
import { storedSso } from '../tenants/session-limits.js';
import { findTenantBySlug } from '../tenants/tenant.repository.js';
import { finishFlow, providerConfig, startFlow, type ProviderIdentity } from './oidc.js';
import { ssoFailedPage, ssoNoAccountPage, ssoNotSetUpPage, type SsoFailure } from './sso-pages.js';
import { FLOW_TTL_MS, findSsoUser, markVerified, saveFlow, takeFlow } from './sso.repository.js';
import { domainAllowed, type StoredSso } from './sso-settings.js';

/** The cookie binding a flow to the browser that started it (against login CSRF). */
const FLOW_COOKIE = 'cp_sso';
const SLUG = /^[a-z0-9][a-z0-9-]{0,47}$/;
/** Company sign-ins a client address may start in 15 minutes. */
const START_LIMIT: Limit = { max: 30, windowMs: 15 * 60_000 };

const flowCookieOptions = (c: Context<AppEnv>, slug: string) => ({
  httpOnly: true,
  // Lax: the provider sends the person back with a top-level GET, which carries it.
  sameSite: 'Lax' as const,
  path: `/p/${slug}/sso`,
  secure: new URL(c.var.deps.config.publicUrl).protocol === 'https:',
});

/** The callback this service registers with a tenant's provider. */
export const redirectUri = (publicUrl: string, slug: string) => `${publicUrl}/p/${slug}/sso/callback`;

type Configured = { row: Tenant; tenant: PageTenant; oidc: NonNullable<StoredSso['oidc']>; sso: StoredSso };

/** The tenant of the path with its provider; or the page to answer (no portal, no provider). */
async function configuredTenant(c: Context<AppEnv>): Promise<Configured | Response> {
  const slug = c.req.param('slug') ?? '';
  const row = SLUG.test(slug) ? await findTenantBySlug(c.var.deps.db, slug) : undefined;
  if (!row) return sendPage(c, 404, notFoundPage());
  const sso = storedSso(row.settings);
  if (!sso?.oidc) return sendPage(c, 404, ssoNotSetUpPage(pageTenant(row)));
  return { row, tenant: pageTenant(row), oidc: sso.oidc, sso };
}

const failed = (c: Context<AppEnv>, tenant: PageTenant, failure: SsoFailure) => sendPage(c, failure === 'unreachable' ? 502 : 400, ssoFailedPage(tenant, failure));

const logFailure = (tenant: PageTenant, what: string, error: unknown) =>
  console.warn(`[sso] ${what} for tenant ${tenant.slug}:`, error instanceof Error ? `${error.name}: ${error.message}` : error);

/**
 * The tenant's company sign-in, OpenID Connect: `GET /p/<slug>/sso` starts it (to the provider,
 * with PKCE, state and nonce); `GET /p/<slug>/sso/callback` finishes it, matching the verified
 * email to a person and then going on as a sign-in link does (the code page, the session).
 */
export const ssoRoutes = createRouter()
  .get('/p/:slug/sso', async (c) => {
    const found = await configuredTenant(c);
    if (found instanceof Response) return found;
    const { row, tenant, oidc } = found;
    // Each start stores a flow: one client cannot fill the table.
    const wait = await hit(c.var.deps.db, `sso:ip:${clientIp(c)}`, START_LIMIT);
    if (wait) return sendPage(c, 429, rateLimitedPage(tenant, wait, `/p/${row.slug}`), { 'Retry-After': String(wait) });
    let config;
    try {
      config = await providerConfig(oidc);
    } catch (error) {
      logFailure(tenant, 'discovery failed', error);
      return failed(c, tenant, 'unreachable');
    }
    const flow = await startFlow(config, redirectUri(c.var.deps.config.publicUrl, row.slug));
    const browser = newOpaqueToken().token;
    await saveFlow(c.var.deps.db, row.id, flow, browser, safeReturnTo(c.req.query('return_to')) ?? '');
    setCookie(c, FLOW_COOKIE, browser, { ...flowCookieOptions(c, row.slug), maxAge: FLOW_TTL_MS / 1000 });
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    return c.redirect(flow.url.href, 303);
  })
  .get('/p/:slug/sso/callback', async (c) => {
    const found = await configuredTenant(c);
    if (found instanceof Response) return found;
    const { row, tenant, oidc, sso } = found;
    const browser = getCookie(c, FLOW_COOKIE);
    deleteCookie(c, FLOW_COOKIE, flowCookieOptions(c, row.slug));
    const state = c.req.query('state');
    const flow = state && browser && state.length <= 200 ? await takeFlow(c.var.deps.db, row.id, state, browser) : null;
    if (!flow) return failed(c, tenant, 'state');
    if (c.req.query('error')) return failed(c, tenant, 'cancelled');

    let identity: ProviderIdentity;
    try {
      const config = await providerConfig(oidc);
      // The URL the provider sent the browser to, as the public address spells it (behind a proxy too).
      const callbackUrl = new URL(`${c.var.deps.config.publicUrl}${new URL(c.req.url).pathname}${new URL(c.req.url).search}`);
      identity = await finishFlow(config, callbackUrl, { state: state!, nonce: flow.nonce, codeVerifier: flow.code_verifier });
    } catch (error) {
      logFailure(tenant, 'callback refused', error);
      return failed(c, tenant, 'provider');
    }

    if (!identity.email || !identity.emailVerified) return sendPage(c, 403, ssoNoAccountPage(tenant, 'unverified', identity.email));
    if (!domainAllowed(sso, identity.email)) return sendPage(c, 403, ssoNoAccountPage(tenant, 'domain', identity.email));
    const email = identity.email;
    const outcome = await transact(c.var.deps, async (trx) => {
      const user = await findSsoUser(trx, row.id, email, flow.landing === '/admin');
      if (!user) return { kind: 'unknown' as const };
      if (user === 'deactivated' || (await accessEnded(trx, user))) return { kind: 'access_ended' as const };
      await markVerified(trx, row.id);
      return openSignIn(trx, user, 'sso', flow.landing || homeOf(user, row));
    });
    if (outcome.kind === 'unknown') return sendPage(c, 403, ssoNoAccountPage(tenant, 'unknown', email));
    if (outcome.kind === 'access_ended') return sendPage(c, 403, accessEndedPage(tenant));
    // An invited person became active: the access cache hears of it from the log.
    if (outcome.kind === 'signed_in') await c.var.deps.invalidator.catchUp();
    return answerSignIn(c, outcome);
  });
