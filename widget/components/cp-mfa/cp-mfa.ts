import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { MfaStatus, TotpEnrolment } from '../../api/api.types.js';
import { asRequestError } from '../../api/request-error.js';
import { errorText } from '../../lib/error-text.js';
import { plural } from '../../lib/format.js';
import { define, PortalElement } from '../../lib/portal-element.js';

/** A base32 key in groups of four, as authenticator apps show and accept it. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

/**
 * Two-step sign-in for the person's own account: set up an authenticator app (the key and an
 * otpauth link, no QR code), confirm it with a first code, see the recovery codes once, and
 * remove it with a current code (not when the organisation requires it). Asked for after the
 * sign-in link on the hosted and admin pages.
 * @csspart mfa - the section
 */
export class CpMfa extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      section {
        max-width: 520px;
        display: grid;
        gap: var(--cp-space);
      }
      .meta {
        color: var(--cp-color-muted);
        font-size: 0.9em;
      }
      code {
        font-family: ui-monospace, monospace;
        overflow-wrap: anywhere;
      }
      .codes {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(9em, 1fr));
        gap: 4px var(--cp-space);
        list-style: none;
        margin: 0;
        padding: 0;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: var(--cp-space);
        align-items: end;
      }
      label {
        display: grid;
        gap: 4px;
      }
      input {
        width: 10em;
      }
    `,
  ];

  @state() private status: MfaStatus | null = null;
  @state() private enrolment: TotpEnrolment | null = null;
  @state() private recoveryCodes: string[] | null = null;
  @state() private busy = false;
  @state() private problem: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  private async refresh(): Promise<void> {
    try {
      this.status = await this.portal!.api.mfa();
    } catch (error) {
      // An older service, or an API key: the section stays away.
      this.status = null;
      this.portal?.store.fail(asRequestError(error));
    }
  }

  private async act(work: () => Promise<void>, failure: string): Promise<void> {
    this.busy = true;
    this.problem = null;
    try {
      await work();
    } catch (error) {
      this.problem = `${failure} ${errorText(asRequestError(error))}`;
    } finally {
      this.busy = false;
    }
  }

  private start = () =>
    this.act(async () => {
      this.enrolment = await this.portal!.api.startTotp();
      this.recoveryCodes = null;
    }, msg('The set-up did not start.'));

  private codeOf = (event: SubmitEvent) => String(new FormData(event.target as HTMLFormElement).get('code') ?? '').trim();

  private confirm = (event: SubmitEvent) => {
    event.preventDefault();
    const code = this.codeOf(event);
    return this.act(async () => {
      this.recoveryCodes = (await this.portal!.api.confirmTotp(code)).recoveryCodes;
      this.enrolment = null;
      await this.refresh();
    }, msg('Two-step sign-in is not on.'));
  };

  private turnOff = (event: SubmitEvent) => {
    event.preventDefault();
    const code = this.codeOf(event);
    return this.act(async () => {
      await this.portal!.api.removeTotp(code);
      this.portal!.store.notify(msg('Two-step sign-in is off.'));
      await this.refresh();
    }, msg('Two-step sign-in is still on.'));
  };

  private codeField(id: string) {
    return html`<label for=${id}
      >${msg('Code')}
      <input id=${id} name="code" inputmode="numeric" autocomplete="one-time-code" required minlength="6" maxlength="20" spellcheck="false" />
    </label>`;
  }

  private renderSetUp(enrolment: TotpEnrolment) {
    return html`<p>${msg('Add this account to your authenticator app by typing or pasting the key, then enter the code the app shows.')}</p>
      <p>${msg('Key:')} <code>${grouped(enrolment.secret)}</code></p>
      <p><a href=${enrolment.otpauthUrl}>${msg('Open in an authenticator app on this device')}</a></p>
      <form @submit=${this.confirm}>
        ${this.codeField('mfa-confirm')}
        <button type="submit" class="primary" ?disabled=${this.busy}>${msg('Turn on')}</button>
      </form>`;
  }

  private renderOn(status: MfaStatus) {
    const n = status.recoveryCodesLeft;
    return html`<p>
        ${msg('On: a code from your authenticator app is asked for after each sign-in link.')}
        <span class="meta">${plural(n, { one: msg(str`${n} recovery code left`), other: msg(str`${n} recovery codes left`) })}</span>
      </p>
      ${status.required
        ? html`<p class="meta">${msg('Your organisation requires it, so it cannot be turned off.')}</p>`
        : html`<form @submit=${this.turnOff} aria-label=${msg('Turn off two-step sign-in')}>
            ${this.codeField('mfa-remove')}
            <button type="submit" ?disabled=${this.busy}>${msg('Turn off')}</button>
          </form>
          <p class="meta">${msg('Enter a current code, or a recovery code, to turn it off.')}</p>`}`;
  }

  override render() {
    const status = this.status;
    if (!status) return nothing;
    return html`<section part="mfa" aria-labelledby="mfa-title">
      <h3 id="mfa-title">${msg('Two-step sign-in')}</h3>
      ${this.recoveryCodes
        ? html`<div role="status">
            <p>${msg('Two-step sign-in is on. Save these recovery codes: each signs you in once if you lose your phone, and they are not shown again.')}</p>
            <ul class="codes">
              ${this.recoveryCodes.map((code) => html`<li><code>${code}</code></li>`)}
            </ul>
            <p><button type="button" @click=${() => (this.recoveryCodes = null)}>${msg('I have saved them')}</button></p>
          </div>`
        : this.enrolment
          ? this.renderSetUp(this.enrolment)
          : status.totp === 'on'
            ? this.renderOn(status)
            : html`<p>${status.required ? msg('Your organisation requires a code from an authenticator app at sign-in. Set it up now, or at your next sign-in.') : msg('Ask for a code from an authenticator app after each sign-in link.')}</p>
                <p><button type="button" class="primary" ?disabled=${this.busy} @click=${this.start}>${msg('Set up an authenticator app')}</button></p>`}
      ${this.problem ? html`<p class="alert" role="alert">${this.problem}</p>` : nothing}
    </section>`;
  }
}
define('cp-mfa', CpMfa);

declare global {
  interface HTMLElementTagNameMap {
    'cp-mfa': CpMfa;
  }
}
