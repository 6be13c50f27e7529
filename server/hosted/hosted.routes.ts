import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { EmailAddress, requestSignInLink } from '../auth/magic-link.js';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';
import { clientIp } from '../lib/client-ip.js';
import { createRouter } from '../lib/router.js';
import { currentSession } from '../sessions/session-cookie.js';
import { findTenant, findTenantBySlug } from '../tenants/tenant.repository.js';
import { ssoContinuePage } from '../sso/sso-pages.js';
import { ssoRequiredFor } from '../sso/sso-settings.js';
import { storedSso } from '../tenants/session-limits.js';
import { readSettings } from '../tenants/tenant-settings.repository.js';
import type { Tenant } from '../db/database.js';
import { themeCss } from './branding.js';
import { HOSTED_CSS } from './hosted.css.js';
import { pageTenant, sendPage, type PageTenant } from './layout.js';
import { adminPage, adminSignInPage, checkEmailPage, notFoundPage, notStaffPage, portalPage, rateLimitedPage, signInPage, type SignInOptions } from './pages.js';

/** What the tenant's sign-in page offers: its company sign-in, links (unless SSO is required of all), access requests. */
function signInOptions(row: Tenant): SignInOptions {
  const sso = storedSso(row.settings);
  return { sso: Boolean(sso?.oidc), links: !ssoRequiredFor(sso, 'contact'), requestAccess: readSettings(row).self_registration === 'approval' };
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,47}$/;
const TASK_ID = /^tsk_[0-9A-Za-z]{1,40}$/;

const field = (form: Record<string, unknown>, name: string) => (typeof form[name] === 'string' ? (form[name] as string).trim() : '');

/** A sign-in form's post: one way through for the portal's and the admin page's form. */
async function signInFromForm(
  c: Context<AppEnv>,
  request: { tenantSlug: string; email: string; tenant: PageTenant | null; task?: string | undefined; back: string },
  invalidForm: (error: string) => string,
): Promise<Response> {
  if (!EmailAddress.safeParse(request.email).success) return sendPage(c, 400, invalidForm('Enter a valid email address.'));
  const returnTo = request.task && request.tenant ? `/p/${request.tenant.slug}?task=${request.task}` : null;
  try {
    await requestSignInLink(c.var.deps, { tenantSlug: request.tenantSlug, email: request.email, ip: clientIp(c), returnTo });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 429) throw error;
    const retryAfter = error.headers?.['Retry-After'] ?? '60';
    return sendPage(c, 429, rateLimitedPage(request.tenant, Number(retryAfter), request.back), { 'Retry-After': retryAfter });
  }
  return sendPage(c, 200, checkEmailPage(request.tenant, request.email, request.back));
}

/** The service's icon: a small SVG, for every page. */
const FAVICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1d4ed8"/><path d="M9 16.5l4.5 4.5L23 11.5" fill="none" stroke="#fff" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round"/></svg>';

const favicon = (c: Context) => {
  c.header('Content-Type', 'image/svg+xml');
  c.header('Cache-Control', 'public, max-age=86400');
  return c.body(FAVICON);
};

/**
 * The pages people reach by email: the hosted portal `/p/<slug>` and the admin page `/admin`,
 * each a sign-in form without a session and the widget with one; their stylesheets.
 */
export const hostedRoutes = createRouter()
  .use('/p/*', bodyLimit({ maxSize: 16 * 1024 }))
  .use('/admin/*', bodyLimit({ maxSize: 16 * 1024 }))
  .get('/assets/hosted.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(HOSTED_CSS);
  })
  // Every page of the service has an icon (browsers ask for /favicon.ico by themselves).
  .get('/favicon.svg', (c) => favicon(c))
  .get('/favicon.ico', (c) => favicon(c))
  .get('/p/:slug/theme.css', async (c) => {
    const slug = c.req.param('slug');
    const tenant = SLUG.test(slug) ? await findTenantBySlug(c.var.deps.db, slug) : undefined;
    c.header('Content-Type', 'text/css; charset=utf-8');
    if (!tenant) return c.body('/* no such portal */\n', 404);
    c.header('Cache-Control', 'public, max-age=60');
    return c.body(themeCss(pageTenant(tenant).branding));
  })
  .get('/p/:slug', async (c) => {
    const slug = c.req.param('slug');
    const row = SLUG.test(slug) ? await findTenantBySlug(c.var.deps.db, slug) : undefined;
    if (!row) return sendPage(c, 404, notFoundPage());
    const tenant = pageTenant(row);
    const task = c.req.query('task');
    const validTask = task && TASK_ID.test(task) ? task : undefined;
    const session = await currentSession(c);
    if (session.kind === 'active' && session.user.tenantId === tenant.id) return sendPage(c, 200, portalPage(tenant, validTask));
    const notice = session.kind === 'revoked' ? 'Your session has ended.' : undefined;
    return sendPage(c, 200, signInPage(tenant, { task: validTask, notice, options: signInOptions(row) }));
  })
  .post('/p/:slug/sign-in', async (c) => {
    const slug = c.req.param('slug');
    const row = SLUG.test(slug) ? await findTenantBySlug(c.var.deps.db, slug) : undefined;
    if (!row) return sendPage(c, 404, notFoundPage());
    const tenant = pageTenant(row);
    const form = await c.req.parseBody();
    const email = field(form, 'email');
    const task = TASK_ID.test(field(form, 'task')) ? field(form, 'task') : undefined;
    return signInFromForm(c, { tenantSlug: slug, email, tenant, task, back: `/p/${slug}` }, (error) => signInPage(tenant, { email, task, error, options: signInOptions(row) }));
  })
  .get('/admin', async (c) => {
    const session = await currentSession(c);
    const row = session.kind === 'active' ? await findTenant(c.var.deps.db, session.user.tenantId) : undefined;
    if (session.kind !== 'active' || !row) {
      return sendPage(c, 200, adminSignInPage({ notice: session.kind === 'revoked' ? 'Your session has ended.' : undefined }));
    }
    const tenant = pageTenant(row);
    return session.user.role === 'staff' ? sendPage(c, 200, adminPage(tenant)) : sendPage(c, 403, notStaffPage(tenant));
  })
  .post('/admin/sign-in', async (c) => {
    const form = await c.req.parseBody();
    const tenantSlug = field(form, 'tenant').toLowerCase();
    const email = field(form, 'email');
    const again = (error: string) => adminSignInPage({ tenantSlug, email, error });
    if (!SLUG.test(tenantSlug)) return sendPage(c, 400, again('Enter the portal name: lowercase letters, digits and dashes.'));
    return signInFromForm(c, { tenantSlug, email, tenant: null, back: '/admin' }, again);
  })
  // The admin page's company sign-in: the portal's name first, then its provider.
  .get('/admin/sso', async (c) => {
    const tenantSlug = (c.req.query('tenant') ?? '').trim().toLowerCase();
    const row = SLUG.test(tenantSlug) ? await findTenantBySlug(c.var.deps.db, tenantSlug) : undefined;
    if (!row || !signInOptions(row).sso) return sendPage(c, 400, adminSignInPage({ tenantSlug, error: 'This portal has no company sign-in set up. Use an email link.' }));
    return sendPage(c, 200, ssoContinuePage(pageTenant(row)));
  });
