import { html } from '../hosted/html.js';
import { layout, type PageTenant } from '../hosted/layout.js';
import { card, errorLine } from '../hosted/pages.js';

export interface AccessForm {
  email?: string;
  name?: string;
  company?: string;
  error?: string | undefined;
}

const field = (id: string, label: string, type: string, autocomplete: string, value: string | undefined) => html`<label for="${id}">${label}</label>
<input id="${id}" name="${id}" type="${type}" autocomplete="${autocomplete}" required maxlength="${type === 'email' ? 320 : 200}" value="${value ?? ''}">`;

/** `/p/<slug>/request-access`: who you are and where you work, for the team to approve. */
export function requestAccessPage(tenant: PageTenant, form: AccessForm = {}): string {
  const body = card(
    `Ask for access to ${tenant.name}`,
    html`<p>Tell us who you are. ${tenant.name}'s team reviews each request and emails you an invitation once it is approved.</p>
${errorLine(form.error)}
<form method="post" action="/p/${tenant.slug}/request-access">
${field('name', 'Your name', 'text', 'name', form.name)}
${field('email', 'Work email address', 'email', 'email', form.email)}
${field('company', 'Company', 'text', 'organization', form.company)}
<button type="submit">Ask for access</button>
</form>
<p class="hint">Already have an account? <a href="/p/${tenant.slug}">Sign in</a></p>`,
  );
  return layout({ title: `Ask for access · ${tenant.name}`, tenant, body });
}

/** After the form: the same words whatever became of the request. */
export function accessRequestedPage(tenant: PageTenant): string {
  const body = card(
    'Thank you',
    html`<p>${tenant.name}'s team will review your request. If it is approved, you will get an email with an invitation to sign in.</p>
<p><a href="/p/${tenant.slug}">Back to sign-in</a></p>`,
  );
  return layout({ title: 'Request sent', tenant, body });
}

/** The page of a portal that takes no requests. */
export function noAccessRequestsPage(tenant: PageTenant): string {
  const body = card('This portal does not take access requests', html`<p>Ask your contact at ${tenant.name} for an invitation.</p><p><a href="/p/${tenant.slug}">Back to sign-in</a></p>`);
  return layout({ title: 'No access requests', tenant, body });
}
