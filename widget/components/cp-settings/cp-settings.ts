import { msg } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { NOTIFICATION_KINDS, type DateFormat, type PreferencesPatch, type Theme } from '../../api/api.types.js';
import { formatDate } from '../../lib/format.js';
import { notificationKindLabel, themeLabel } from '../../lib/labels.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import '../cp-sessions/cp-sessions.js';
import '../cp-state/cp-state.js';

const THEMES: Theme[] = ['auto', 'light', 'dark'];
const DATE_FORMATS: DateFormat[] = ['auto', 'YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY'];
const LANGUAGES = [
  ['en', 'English'],
  ['fr', 'Français'],
] as const;

/**
 * The user's own settings: which notifications arrive in the portal and by email, the theme,
 * the language and the date format. Each change is saved at once. Below, where they are signed
 * in (`cp-sessions`).
 * @csspart settings - the form
 */
export class CpSettings extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      form {
        display: grid;
        gap: calc(var(--cp-space) * 3);
      }
      fieldset {
        border: 0;
        padding: 0;
        margin: 0;
        display: grid;
        gap: var(--cp-space);
      }
      legend {
        font-weight: 700;
        font-size: 1.05em;
        padding: 0;
        margin-bottom: var(--cp-space);
      }
      table {
        border-collapse: collapse;
        width: 100%;
        max-width: 520px;
      }
      th,
      td {
        text-align: start;
        padding: 6px 4px;
        border-bottom: 1px solid var(--cp-color-border);
      }
      td,
      thead th:not(:first-child) {
        text-align: center;
        width: 80px;
      }
      input[type='checkbox'],
      input[type='radio'] {
        width: 18px;
        height: 18px;
        min-height: 0;
      }
    `,
  ];

  private save(patch: PreferencesPatch): void {
    void this.portal!.actions.updatePreferences(patch);
  }

  override render() {
    if (!this.portal) return nothing;
    const { store, actions } = this.portal;
    const prefs = store.me?.user.preferences;
    if (!prefs) return html`<cp-state exportparts="state" .load=${store.load('me')} .empty=${true} .retry=${() => actions.loadMe(true)}></cp-state>`;
    const sample = formatDate('2026-03-14');
    return html`<form part="settings" @submit=${(e: Event) => e.preventDefault()}>
      <h2>${msg('Settings')}</h2>
      <fieldset>
        <legend>${msg('Notifications')}</legend>
        <table>
          <thead>
            <tr>
              <th scope="col">${msg('Tell me about')}</th>
              <th scope="col">${msg('In the portal')}</th>
              <th scope="col">${msg('By email')}</th>
            </tr>
          </thead>
          <tbody>
            ${NOTIFICATION_KINDS.filter((k) => k !== 'customerActivity' || store.isStaff).map((kind) => {
              const label = notificationKindLabel(kind);
              const channel = prefs.notifications[kind] ?? { inApp: true, email: true };
              return html`<tr>
                <th scope="row">${label}</th>
                <td><input type="checkbox" aria-label=${`${label}: ${msg('In the portal')}`} .checked=${channel.inApp} @change=${(e: Event) => this.save({ notifications: { [kind]: { inApp: (e.target as HTMLInputElement).checked } } })} /></td>
                <td><input type="checkbox" aria-label=${`${label}: ${msg('By email')}`} .checked=${channel.email} @change=${(e: Event) => this.save({ notifications: { [kind]: { email: (e.target as HTMLInputElement).checked } } })} /></td>
              </tr>`;
            })}
          </tbody>
        </table>
      </fieldset>
      <fieldset>
        <legend>${msg('Theme')}</legend>
        ${THEMES.map(
          (theme) => html`<label class="inline"><input type="radio" name="theme" .checked=${prefs.theme === theme} @change=${() => this.save({ theme })} />${themeLabel(theme)}</label>`,
        )}
      </fieldset>
      <fieldset>
        <legend>${msg('Language and dates')}</legend>
        <label
          >${msg('Language')}
          <select @change=${(e: Event) => this.save({ locale: (e.target as HTMLSelectElement).value })}>
            ${LANGUAGES.map(([code, name]) => html`<option value=${code} lang=${code} .selected=${prefs.locale.startsWith(code)}>${name}</option>`)}
          </select>
        </label>
        <label
          >${msg('Date format')}
          <select @change=${(e: Event) => this.save({ dateFormat: (e.target as HTMLSelectElement).value as DateFormat })}>
            ${DATE_FORMATS.map(
              (f) => html`<option value=${f} .selected=${prefs.dateFormat === f}>${f === 'auto' ? `${msg('From the language')} (${sample})` : `${f} (${formatDate('2026-03-14', f)})`}</option>`,
            )}
          </select>
        </label>
      </fieldset>
    </form>
    <cp-sessions exportparts="sessions"></cp-sessions>`;
  }
}
define('cp-settings', CpSettings);

declare global {
  interface HTMLElementTagNameMap {
    'cp-settings': CpSettings;
  }
}
