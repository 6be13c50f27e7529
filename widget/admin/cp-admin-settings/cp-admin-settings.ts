import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { asRequestError, type RequestError } from '../../api/request-error.js';
import '../../components/cp-mfa/cp-mfa.js';
import '../../components/cp-sessions/cp-sessions.js';
import '../../components/cp-state/cp-state.js';
import { errorText } from '../../lib/error-text.js';
import { define } from '../../lib/portal-element.js';
import type { MfaRequired, SelfRegistration, SettingsPatch, SsoPatch, SsoRequiredFor, TenantSettings } from '../api/admin-api.types.js';
import { AdminElement } from '../lib/admin-element.js';
import { lines } from '../lib/lines.js';
import { Loader } from '../lib/loader.js';
import { settingsStyles } from './cp-admin-settings.styles.js';

const FIELD_OF: Record<string, string> = { allowed_origins: 'origins', email_from: 'from', app_url: 'app', session_idle_minutes: 'idle', session_max_days: 'max-days', mfa_required: 'mfa', self_registration: 'registration', sso: 'sso' };

/** The choices of `mfa_required`, in words. */
const MFA_LABELS: Record<MfaRequired, () => string> = {
  none: () => msg('Only of people who set it up'),
  staff: () => msg('Of everyone on your team'),
  all: () => msg('Of everyone, customers included'),
};

/** The choices of `sso.required_for`, in words. */
const SSO_LABELS: Record<SsoRequiredFor, () => string> = {
  none: () => msg('Nobody: email links work too'),
  staff: () => msg('Everyone on your team'),
  all: () => msg('Everyone, customers included'),
};

const number = (value: FormDataEntryValue | null) => (value === null || String(value).trim() === '' ? undefined : Number(value));

/**
 * The Settings tab: the pages allowed to embed the portal (their origins), the name the
 * portal's emails come from, the vendor's own page that links in emails lead to, and how long
 * sessions of the hosted and admin pages last, and who must enter an authenticator code. A refused value is shown beside its field, with
 * the service's reason. Below, the staff member's own sessions (`cp-sessions`).
 */
export class CpAdminSettings extends AdminElement {
  static override styles = [AdminElement.styles, settingsStyles];

  @state() private problem: RequestError | null = null;
  @state() private busy = false;
  private readonly saved = new Loader(this, () => this.admin!.api.settings());

  protected override firstUpdated(): void {
    void this.saved.run();
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const before = this.saved.value!;
    const data = new FormData(event.target as HTMLFormElement);
    const origins = lines(String(data.get('origins') ?? ''));
    const from = String(data.get('from') ?? '').trim();
    const app = String(data.get('app') ?? '').trim();
    const patch: SettingsPatch = {};
    if (origins.join('\n') !== before.allowedOrigins.join('\n')) patch.allowedOrigins = origins;
    if (from !== before.emailFrom) patch.emailFrom = from || null;
    if ((app || null) !== before.appUrl) patch.appUrl = app || null;
    const idle = number(data.get('idle'));
    const maxDays = number(data.get('max-days'));
    if (idle !== undefined && idle !== before.sessionIdleMinutes) patch.sessionIdleMinutes = idle;
    if (maxDays !== undefined && maxDays !== before.sessionMaxDays) patch.sessionMaxDays = maxDays;
    const mfa = String(data.get('mfa') ?? '') as MfaRequired;
    if (mfa && mfa !== (before.mfaRequired ?? 'none')) patch.mfaRequired = mfa;
    const registration = String(data.get('registration') ?? '') as SelfRegistration;
    if (registration && registration !== (before.selfRegistration ?? 'off')) patch.selfRegistration = registration;
    await this.patch(patch);
  }

  /** The company sign-in's own form: the provider, who must use it, the domains it takes. */
  private async saveSso(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const before = this.saved.value!.sso;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const issuer = String(data.get('issuer') ?? '').trim();
    const clientId = String(data.get('client-id') ?? '').trim();
    const clientSecret = String(data.get('client-secret') ?? '');
    const sso: SsoPatch = {};
    if (!issuer && !clientId) {
      if (before?.oidc) sso.oidc = null;
    } else if (issuer !== before?.oidc?.issuer || clientId !== before?.oidc?.clientId || clientSecret) {
      sso.oidc = { issuer, clientId, ...(clientSecret ? { clientSecret } : {}) };
    }
    const domains = lines(String(data.get('domains') ?? '').replace(/,/g, '\n'));
    if (domains.join('\n') !== (before?.allowedDomains ?? []).join('\n')) sso.allowedDomains = domains;
    const required = String(data.get('sso-required') ?? 'none') as SsoRequiredFor;
    if (required !== (before?.requiredFor ?? 'none') && sso.oidc !== null) sso.requiredFor = required;
    // The secret stays on the server: the field is emptied once it is saved.
    if (Object.keys(sso).length && (await this.patch({ sso }))) (form.elements.namedItem('client-secret') as HTMLInputElement).value = '';
  }

  /** Saves a change; answers whether it was. */
  private async patch(patch: SettingsPatch): Promise<boolean> {
    if (!Object.keys(patch).length) return false;
    this.busy = true;
    this.problem = null;
    try {
      this.saved.value = await this.admin!.api.updateSettings(patch);
      this.portal!.store.notify(msg('The settings are saved.'));
      return true;
    } catch (error) {
      this.problem = asRequestError(error);
      this.portal!.store.fail(this.problem);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** The service's reasons for one field (`allowed_origins.1: …` belongs to the origins). */
  private reasons(field: string) {
    const details = Array.isArray(this.problem?.details) ? (this.problem!.details as { path: string; message: string }[]) : [];
    const mine = details.filter((d) => FIELD_OF[d.path.split('.')[0]!] === field);
    return mine.length ? html`<ul class="details">${mine.map((d) => html`<li>${d.message}</li>`)}</ul>` : nothing;
  }

  private renderForm(s: TenantSettings) {
    const problem = this.problem;
    const detailed = Array.isArray(problem?.details) && (problem!.details as unknown[]).length > 0;
    return html`<form class="grid" @submit=${this.save}>
      <label
        >${msg('Pages allowed to embed the portal (one origin a line)')}
        <textarea name="origins" rows="3" spellcheck="false" placeholder="https://app.example.com" .value=${s.allowedOrigins.join('\n')} aria-describedby="origins-hint"></textarea>
      </label>
      <p class="hint" id="origins-hint">${msg('Empty: any page may embed it, the token is the credential. Listed: a widget on any other page is refused.')}</p>
      ${this.reasons('origins')}
      <label>${msg('Emails come from (sender name)')} <input name="from" maxlength="100" .value=${s.emailFrom} aria-describedby="from-hint" /></label>
      <p class="hint" id="from-hint">${msg('Empty: your company name.')}</p>
      ${this.reasons('from')}
      <label>${msg('Your app page that embeds the portal')} <input name="app" type="url" maxlength="2000" placeholder="https://app.example.com/portal" .value=${s.appUrl ?? ''} aria-describedby="app-hint" /></label>
      <p class="hint" id="app-hint">${msg('Links in emails lead there. Empty: to the hosted portal.')}</p>
      ${this.reasons('app')}
      <label>${msg('Sign out after this many idle minutes')} <input name="idle" type="number" min="5" max="129600" step="1" .value=${String(s.sessionIdleMinutes ?? 43200)} aria-describedby="idle-hint" /></label>
      <p class="hint" id="idle-hint">${msg('For the hosted portal and this admin page: 5 to 129600 (90 days). 43200 is 30 days.')}</p>
      ${this.reasons('idle')}
      <label>${msg('Sign out at the latest after this many days')} <input name="max-days" type="number" min="1" max="400" step="1" .value=${String(s.sessionMaxDays ?? 90)} /></label>
      ${this.reasons('max-days')}
      <label
        >${msg('Ask for a code from an authenticator app')}
        <select name="mfa" aria-describedby="mfa-hint">
          ${(['none', 'staff', 'all'] as const).map((value) => html`<option value=${value} .selected=${(s.mfaRequired ?? 'none') === value}>${MFA_LABELS[value]()}</option>`)}
        </select>
      </label>
      <p class="hint" id="mfa-hint">${msg('After the sign-in link, on the hosted portal and this admin page. People without an app set one up at their next sign-in.')}</p>
      ${this.reasons('mfa')}
      <label
        >${msg('People without an account may ask for access')}
        <select name="registration" aria-describedby="registration-hint">
          <option value="off" .selected=${(s.selfRegistration ?? 'off') === 'off'}>${msg('No: only people you invite')}</option>
          <option value="approval" .selected=${s.selfRegistration === 'approval'}>${msg('Yes, and the team approves each request')}</option>
        </select>
      </label>
      <p class="hint" id="registration-hint">${msg('The hosted portal\'s sign-in page then links to a form; requests wait in the Portal access tab.')}</p>
      ${this.reasons('registration')}
      ${problem ? html`<p class="alert" role="alert">${msg('The settings were not saved.')} ${detailed ? '' : errorText(problem)}</p>` : nothing}
      <div class="actions"><button class="primary" type="submit" ?disabled=${this.busy}>${msg('Save the settings')}</button></div>
    </form>`;
  }

  private renderSso(s: TenantSettings) {
    const sso = s.sso;
    const oidc = sso?.oidc;
    return html`<form class="grid" @submit=${this.saveSso}>
      <p class="hint">${msg('Your customers and your team sign in with their company account through your OpenID Connect provider (Entra ID, Okta, Google Workspace, Keycloak…). Register this portal there as a web application, with this redirect URI:')}
        <code>${location.origin}/p/&lt;portal&gt;/sso/callback</code></p>
      <label>${msg('Issuer URL')} <input name="issuer" type="url" maxlength="500" placeholder="https://login.example.com" .value=${oidc?.issuer ?? ''} /></label>
      <label>${msg('Client ID')} <input name="client-id" maxlength="300" autocomplete="off" .value=${oidc?.clientId ?? ''} /></label>
      <label
        >${msg('Client secret')}
        <input name="client-secret" type="password" maxlength="2000" autocomplete="new-password" placeholder=${oidc?.clientSecretSet ? msg('Stored: leave empty to keep it') : ''} aria-describedby="secret-hint" />
      </label>
      <p class="hint" id="secret-hint">${msg('Never shown again once saved. Empty issuer and client ID remove the company sign-in.')}</p>
      <label>${msg('Email domains it may sign in (one a line; empty: any)')} <textarea name="domains" rows="2" spellcheck="false" placeholder="example.com" .value=${(sso?.allowedDomains ?? []).join('\n')}></textarea></label>
      <label
        >${msg('Who must use the company sign-in')}
        <select name="sso-required" aria-describedby="sso-required-hint" ?disabled=${!oidc}>
          ${(['none', 'staff', 'all'] as const).map((value) => html`<option value=${value} .selected=${(sso?.requiredFor ?? 'none') === value}>${SSO_LABELS[value]()}</option>`)}
        </select>
      </label>
      <p class="hint" id="sso-required-hint">
        ${sso?.verifiedAt
          ? msg('Email links then stop working for them. Your API key can always remove the provider again.')
          : msg('Possible once someone has signed in through the provider, so that nobody is locked out.')}
      </p>
      ${this.reasons('sso')}
      <div class="actions"><button class="primary" type="submit" ?disabled=${this.busy}>${msg('Save the company sign-in')}</button></div>
    </form>`;
  }

  override render() {
    if (!this.admin) return nothing;
    const s = this.saved.value;
    return html`<section class="card" aria-labelledby="settings-title">
      <h2 id="settings-title">${msg('Settings')}</h2>
      ${s ? this.adminOnly(this.renderForm(s)) : nothing}
      <cp-state exportparts="state" .load=${this.saved.load} .empty=${!s} .retry=${() => this.saved.run()}></cp-state>
    </section>
    ${s
      ? html`<section class="card" aria-labelledby="sso-title">
          <h2 id="sso-title">${msg('Company sign-in (SSO)')}</h2>
          ${this.adminOnly(this.renderSso(s))}
        </section>`
      : nothing}
    <cp-mfa exportparts="mfa"></cp-mfa>
    <cp-sessions exportparts="sessions"></cp-sessions>`;
  }
}
define('cp-admin-settings', CpAdminSettings);

declare global {
  interface HTMLElementTagNameMap {
    'cp-admin-settings': CpAdminSettings;
  }
}
