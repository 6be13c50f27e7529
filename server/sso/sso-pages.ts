import { html } from '../hosted/html.js';
import { layout, type PageTenant } from '../hosted/layout.js';
import { card, SSO_LABEL, ssoButton, ssoStart } from '../hosted/pages.js';


const back = (tenant: PageTenant) => html`<p><a href="/p/${tenant.slug}">Back to sign-in</a></p>`;

/** A sign-in link of someone the tenant requires to use its company sign-in. */
export function ssoRequiredPage(tenant: PageTenant): string {
  const body = card(SSO_LABEL, html`<p>${tenant.name} asks you to sign in with your company account. Email links no longer sign you in.</p>${ssoButton(tenant)}`);
  return layout({ title: `Sign in · ${tenant.name}`, tenant, body });
}

/** `/p/<slug>/sso` of a portal without a provider. */
export function ssoNotSetUpPage(tenant: PageTenant): string {
  const body = card('Company sign-in is not set up', html`<p>${tenant.name} has not set up sign-in with a company account. Sign in with an email link instead.</p>${back(tenant)}`);
  return layout({ title: 'Company sign-in not set up', tenant, body });
}

const FAILED = {
  state: ['This sign-in could not be completed', 'It was started in another browser, took too long, or was already used. Start again.'],
  provider: ['Your company account could not be confirmed', 'Your company\'s sign-in service sent an answer this portal cannot accept. Start again; if it keeps happening, tell your administrator.'],
  cancelled: ['The sign-in was cancelled', 'Your company\'s sign-in service did not sign you in.'],
  unreachable: ['Your company\'s sign-in service cannot be reached', 'Try again in a few minutes; if it keeps happening, tell your administrator.'],
} as const;
export type SsoFailure = keyof typeof FAILED;

/** A company sign-in that went wrong on the way: nobody is signed in. */
export function ssoFailedPage(tenant: PageTenant, failure: SsoFailure): string {
  const [heading, text] = FAILED[failure];
  const body = card(heading, html`<p>${text}</p>${ssoButton(tenant)}${back(tenant)}`);
  return layout({ title: heading, tenant, body });
}

const NO_MATCH = {
  unverified: 'Your company\'s sign-in service has not verified the email address of your account, so this portal cannot match it to a person.',
  domain: 'This portal does not take company sign-ins from the domain of your email address.',
  unknown: 'No one with this email address has access to this portal. Ask your account team for an invitation.',
} as const;
export type SsoNoMatch = keyof typeof NO_MATCH;

/** A company account that is no one's here: nobody is signed in. */
export function ssoNoAccountPage(tenant: PageTenant, reason: SsoNoMatch, email: string | null): string {
  const body = card(
    'No account for this company sign-in',
    html`${email && html`<p>You signed in as <strong>${email}</strong>.</p>`}<p>${NO_MATCH[reason]}</p>${back(tenant)}`,
  );
  return layout({ title: 'No account', tenant, body });
}

/**
 * The admin page's company sign-in, once its portal is named: on to the provider by a refresh,
 * not a redirect of the form's submission (the page's CSP keeps forms to this origin, redirects included).
 */
export function ssoContinuePage(tenant: PageTenant): string {
  const target = ssoStart(tenant, '/admin');
  const body = card(SSO_LABEL, html`<p>Taking you to ${tenant.name}'s company sign-in…</p><p><a class="button" href="${target}">Continue</a></p>`);
  return layout({ title: SSO_LABEL, tenant, body, head: html`<meta http-equiv="refresh" content="0;url=${target}">` });
}
