import { html, type SafeHtml } from './html.js';
import { layout, type PageTenant } from './layout.js';

interface FormState {
  email?: string | undefined;
  task?: string | undefined;
  error?: string | undefined;
}

export const SSO_LABEL = 'Sign in with your company account';

/** Where a tenant's company sign-in starts; `returnTo` one of our pages (the admin page). */
export const ssoStart = (tenant: Pick<PageTenant, 'slug'>, returnTo?: string) => `/p/${tenant.slug}/sso${returnTo ? `?return_to=${encodeURIComponent(returnTo)}` : ''}`;

/** The company sign-in button of the sign-in pages: a plain link, the flow starts with a GET. */
export const ssoButton = (tenant: Pick<PageTenant, 'slug'>, returnTo?: string): SafeHtml => html`<p><a class="button sso" href="${ssoStart(tenant, returnTo)}">${SSO_LABEL}</a></p>`;

export const card = (heading: string, content: SafeHtml) => html`<section class="card">
<h1>${heading}</h1>
${content}
</section>`;

export const errorLine = (error: string | undefined) => error && html`<p class="error" role="alert">${error}</p>`;

const emailField = (email: string | undefined) => html`<label for="email">Email address</label>
<input id="email" name="email" type="email" autocomplete="email" required maxlength="320" value="${email ?? ''}">`;

/** The sign-out button of the page bar: a plain form, so it works without script. */
const signOut = (returnTo: string) => html`<form class="sign-out" method="post" action="/v1/auth/logout">
  <input type="hidden" name="return_to" value="${returnTo}">
  <button type="submit">Sign out</button>
</form>`;

/** The ways a tenant's portal offers to sign in, from its settings. */
export interface SignInOptions {
  /** Its company sign-in (OIDC) is set up. */
  sso: boolean;
  /** Email links still sign everyone in (SSO is not required of all). */
  links: boolean;
  /** People without an account may ask for access. */
  requestAccess: boolean;
}

/** `/p/<slug>` for someone without a session: the company sign-in and/or one field, a link by email. */
export function signInPage(tenant: PageTenant, state: FormState & { notice?: string; options?: SignInOptions } = {}): string {
  const options = state.options ?? { sso: false, links: true, requestAccess: false };
  const body = card(
    `Sign in to ${tenant.name}`,
    html`${state.notice && html`<p class="notice">${state.notice}</p>`}
${options.sso && ssoButton(tenant)}
${options.links && html`<p>${options.sso ? 'Or enter your email address and we will send you a link to sign in.' : 'Enter your email address and we will send you a link to sign in.'}</p>
${errorLine(state.error)}
<form method="post" action="/p/${tenant.slug}/sign-in">
${emailField(state.email)}
${state.task && html`<input type="hidden" name="task" value="${state.task}">`}
<button type="submit">Email me a sign-in link</button>
</form>`}
${options.requestAccess && html`<p class="hint">No account yet? <a href="/p/${tenant.slug}/request-access">Ask for access</a></p>`}`,
  );
  return layout({ title: `Sign in · ${tenant.name}`, tenant, body });
}

/** `/admin` for someone without a session: the team's sign-in names its portal too. */
export function adminSignInPage(state: FormState & { tenantSlug?: string | undefined; notice?: string } = {}): string {
  const body = card(
    'Sign in to the admin page',
    html`${state.notice && html`<p class="notice">${state.notice}</p>`}
<p>For your customer success team. Enter your portal's name and your email address; we will send you a link to sign in.</p>
${errorLine(state.error)}
<form method="post" action="/admin/sign-in">
<label for="tenant">Portal name</label>
<input id="tenant" name="tenant" type="text" autocomplete="organization" required maxlength="48" value="${state.tenantSlug ?? ''}">
${emailField(state.email)}
<button type="submit">Email me a sign-in link</button>
</form>
<form method="get" action="/admin/sso" class="sso">
<p>Or sign in with your company account, if your portal has one set up.</p>
<label for="sso-tenant">Portal to sign in to</label>
<input id="sso-tenant" name="tenant" type="text" autocomplete="organization" required maxlength="48" value="${state.tenantSlug ?? ''}">
<button type="submit">${SSO_LABEL}</button>
</form>`,
  );
  return layout({ title: 'Sign in · Admin', tenant: null, body });
}

/** After a sign-in request: the same words whether or not the address is known. */
export function checkEmailPage(tenant: PageTenant | null, email: string, back: string): string {
  const body = card(
    'Check your email',
    html`<p>If <strong>${email}</strong> has access${tenant ? html` to ${tenant.name}` : ''}, a sign-in link is on its way. It works once, for 10 minutes.</p>
<p><a href="${back}">Use another address</a></p>`,
  );
  return layout({ title: 'Check your email', tenant, body });
}

export function rateLimitedPage(tenant: PageTenant | null, retryAfterSeconds: number, back: string): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  const body = card(
    'Too many sign-in requests',
    html`<p>Please wait ${minutes} minute${minutes === 1 ? '' : 's'} before asking for another link.</p>
<p><a href="${back}">Back to sign-in</a></p>`,
  );
  return layout({ title: 'Too many requests', tenant, body });
}

/** The hosted portal: the widget, full page, with a token from the session. */
export function portalPage(tenant: PageTenant, task: string | undefined): string {
  const body = html`<customer-portal class="full" api-base="" token-url="/v1/auth/session/token"${task ? html` task="${task}"` : ''}></customer-portal>
<script type="module" src="/customer-portal.js"></script>`;
  return layout({ title: `${tenant.name} portal`, tenant, body, actions: signOut(`/p/${tenant.slug}`) });
}

/** The admin page for staff: the admin bundle's element, with a token from the session. */
export function adminPage(tenant: PageTenant): string {
  const body = html`<cp-admin class="full" api-base="" token-url="/v1/auth/session/token"></cp-admin>
<script type="module" src="/customer-portal-admin.js"></script>`;
  return layout({ title: `Admin · ${tenant.name}`, tenant, body, actions: signOut('/admin') });
}

/** `/admin` for a contact who is signed in. */
export function notStaffPage(tenant: PageTenant): string {
  const body = card(
    'This page is for the team',
    html`<p>The admin page is for ${tenant.name}'s customer success team. Your projects and tasks are in your portal.</p>
<p><a class="button" href="/p/${tenant.slug}">Go to your portal</a></p>`,
  );
  return layout({ title: 'Admin', tenant, body, actions: signOut('/admin') });
}

/** What a sign-in link opens: nothing happens until the person presses the button (mail scanners only look). */
export function confirmLinkPage(tenant: PageTenant, action: string): string {
  const body = card(
    `Sign in to ${tenant.name}`,
    html`<p>Press the button to finish signing in on this device.</p>
<form method="post" action="${action}">
<button type="submit">Sign in</button>
</form>`,
  );
  return layout({ title: `Sign in · ${tenant.name}`, tenant, body });
}

const UNUSABLE = {
  expired: 'This sign-in link has expired',
  used: 'This sign-in link has already been used',
  unknown: 'This sign-in link is not valid',
} as const;

/** A used, expired or unknown link, with the way to ask for a new one. */
export function linkUnusablePage(tenant: PageTenant | null, reason: keyof typeof UNUSABLE): string {
  const ask = html`<p>Each link works once, for a short time. Ask for a new one:</p>`;
  const form = tenant
    ? html`<form method="post" action="/p/${tenant.slug}/sign-in">${emailField(undefined)}<button type="submit">Email me a new link</button></form>`
    : html`<p>Open your portal's page (its address is in your earlier emails) and ask for a new link there. Members of the vendor's team sign in on <a href="/admin">the admin page</a>.</p>`;
  return layout({ title: UNUSABLE[reason], tenant, body: card(UNUSABLE[reason], html`${ask}${form}`) });
}

/** A valid link whose person has lost access since it was sent. */
export function accessEndedPage(tenant: PageTenant): string {
  const body = card('Your access has ended', html`<p>Your access to ${tenant.name}'s portal is not active. If you think this is a mistake, contact your account team.</p>`);
  return layout({ title: 'Access ended', tenant, body });
}

export function forbiddenPage(): string {
  const body = card('Request refused', html`<p>This request did not come from this site's own page. Open the link from your email again.</p>`);
  return layout({ title: 'Request refused', tenant: null, body });
}

export function notFoundPage(): string {
  const body = card('Portal not found', html`<p>There is no portal at this address. Check the link you were given.</p>`);
  return layout({ title: 'Not found', tenant: null, body });
}
