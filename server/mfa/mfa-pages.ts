import { html } from '../hosted/html.js';
import { layout, type PageTenant } from '../hosted/layout.js';
import { card, errorLine } from '../hosted/pages.js';
import { MFA_PAGE } from './mfa-challenge.js';

const codeField = (label: string) => html`<label for="code">${label}</label>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" autocapitalize="off" spellcheck="false" required minlength="6" maxlength="20" autofocus>`;

/** After the link, for a person with an authenticator: the code, or one of their recovery codes. */
export function codePage(tenant: PageTenant, error?: string): string {
  const body = card(
    'Enter your code',
    html`<p>Open your authenticator app and enter the 6-digit code for ${tenant.name}.</p>
${errorLine(error)}
<form method="post" action="${MFA_PAGE}">
${codeField('Code')}
<button type="submit">Continue</button>
</form>
<p class="hint">No phone at hand? Enter one of your recovery codes instead (each works once).</p>`,
  );
  return layout({ title: `Enter your code · ${tenant.name}`, tenant, body });
}

/** After the link, for a person whose organisation requires a code and who has no authenticator yet. */
export function enrolPage(tenant: PageTenant, enrolment: { secret: string; otpauth_url: string }, error?: string): string {
  const grouped = enrolment.secret.replace(/(.{4})/g, '$1 ').trim();
  const body = card(
    'Set up two-step sign-in',
    html`<p>${tenant.name} asks for a code from an authenticator app at every sign-in. Add this account to your app (for example by pasting the key), then enter the code it shows.</p>
<p><strong>Key:</strong> <code class="secret">${grouped}</code></p>
<p><a href="${enrolment.otpauth_url}">Open in an authenticator app on this device</a></p>
${errorLine(error)}
<form method="post" action="${MFA_PAGE}">
${codeField('Code from the app')}
<button type="submit">Turn on and continue</button>
</form>`,
  );
  return layout({ title: `Set up two-step sign-in · ${tenant.name}`, tenant, body });
}

/** Shown once, right after enrolment on the code page: the session is open already. */
export function recoveryCodesPage(tenant: PageTenant, codes: string[], landing: string): string {
  const body = card(
    'Save your recovery codes',
    html`<p>If you lose your phone, each of these codes signs you in once instead of a code from the app. Keep them somewhere safe: they are not shown again.</p>
<ul class="codes">${codes.map((code) => html`<li><code>${code}</code></li>`)}</ul>
<p><a class="button" href="${landing}">I have saved them, continue</a></p>`,
  );
  return layout({ title: 'Save your recovery codes', tenant, body });
}

/** The code page without a sign-in waiting (timed out, or already finished). */
export function challengeGonePage(): string {
  const body = card('This sign-in has timed out', html`<p>Enter your code within 10 minutes of opening the sign-in link. Open your portal's page and ask for a new link.</p>`);
  return layout({ title: 'Sign-in timed out', tenant: null, body });
}

/** Too many wrong codes: locked for a while, and a new link is needed. */
export function lockedPage(tenant: PageTenant | null, retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  const body = card(
    'Too many wrong codes',
    html`<p>For your safety, code entry is locked for ${minutes} minute${minutes === 1 ? '' : 's'}. Then ask for a new sign-in link.</p>${tenant ? html`<p><a href="/p/${tenant.slug}">Back to sign-in</a></p>` : ''}`,
  );
  return layout({ title: 'Too many wrong codes', tenant, body });
}
