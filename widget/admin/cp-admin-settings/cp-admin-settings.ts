import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { asRequestError, type RequestError } from '../../api/request-error.js';
import '../../components/cp-sessions/cp-sessions.js';
import '../../components/cp-state/cp-state.js';
import { errorText } from '../../lib/error-text.js';
import { define } from '../../lib/portal-element.js';
import type { SettingsPatch, TenantSettings } from '../api/admin-api.types.js';
import { AdminElement } from '../lib/admin-element.js';
import { lines } from '../lib/lines.js';
import { Loader } from '../lib/loader.js';
import { settingsStyles } from './cp-admin-settings.styles.js';

const FIELD_OF: Record<string, string> = { allowed_origins: 'origins', email_from: 'from', app_url: 'app', session_idle_minutes: 'idle', session_max_days: 'max-days' };

const number = (value: FormDataEntryValue | null) => (value === null || String(value).trim() === '' ? undefined : Number(value));

/**
 * The Settings tab: the pages allowed to embed the portal (their origins), the name the
 * portal's emails come from, the vendor's own page that links in emails lead to, and how long
 * sessions of the hosted and admin pages last. A refused value is shown beside its field, with
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
    if (!Object.keys(patch).length) return;
    this.busy = true;
    this.problem = null;
    try {
      this.saved.value = await this.admin!.api.updateSettings(patch);
      this.portal!.store.notify(msg('The settings are saved.'));
    } catch (error) {
      this.problem = asRequestError(error);
      this.portal!.store.fail(this.problem);
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
      ${problem ? html`<p class="alert" role="alert">${msg('The settings were not saved.')} ${detailed ? '' : errorText(problem)}</p>` : nothing}
      <div class="actions"><button class="primary" type="submit" ?disabled=${this.busy}>${msg('Save the settings')}</button></div>
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
    <cp-sessions exportparts="sessions"></cp-sessions>`;
  }
}
define('cp-admin-settings', CpAdminSettings);

declare global {
  interface HTMLElementTagNameMap {
    'cp-admin-settings': CpAdminSettings;
  }
}
