import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PORTAL_TYPES, type Person, type PortalType } from '../../api/api.types.js';
import { define } from '../../lib/portal-element.js';
import { byName } from '../../store/selectors.js';
import type { AccessRules, CustomerInput, CustomerRecord, PermissionSet } from '../api/admin-api.types.js';
import '../cp-admin-rules/cp-admin-rules.js';
import { portalTypeLabel } from '../lib/admin-labels.js';
import { AdminElement } from '../lib/admin-element.js';
import { lines } from '../lib/lines.js';

/**
 * One customer account's rules, on the Portal access tab: the CSM who owns it and the team
 * around it (they get its notifications); its portal type, permission set and overrides (what
 * every contact of it may do, unless a contact has their own); and the addresses its contacts
 * must come from. Access rules are for admins; members see them, disabled, and why.
 * @fires cp-admin-customer-saved - `CustomerRecord`: the account as saved
 * @csspart account-team - the owner and team form
 * @csspart account-rules - the portal type, set and overrides
 * @csspart ip-allowlist - the allowed addresses form
 */
export class CpAdminAccount extends AdminElement {
  @state() private portalType: PortalType | null = null;
  @state() private busy = false;
  @property({ attribute: false }) customer?: CustomerRecord;
  @property({ attribute: false }) sets: PermissionSet[] = [];
  /** The tenant defaults by portal type (unknown to members when settings are admin-only). */
  @property({ attribute: false }) defaults: Partial<Record<PortalType, string>> = {};
  /** The tenant's staff, for the owner and the team. */
  @property({ attribute: false }) staff: Person[] = [];

  private async patch(input: CustomerInput, done: string): Promise<void> {
    const customer = this.customer!;
    this.busy = true;
    const saved = await this.attempt(() => this.admin!.api.updateCustomer(customer.id, input), { done, failed: msg(str`The account of ${customer.name} was not saved.`) });
    this.busy = false;
    if (!saved) return;
    this.portalType = null;
    this.dispatchEvent(new CustomEvent('cp-admin-customer-saved', { detail: saved }));
  }

  private saveTeam(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const ownerId = String(data.get('owner') ?? '') || null;
    const teamIds = data.getAll('team').map(String);
    void this.patch({ ownerId, teamIds }, msg('The account team is saved.'));
  }

  private saveRules(rules: AccessRules, portalType: PortalType): void {
    void this.patch({ ...rules, portalType }, msg('The account permissions are saved.'));
  }

  private saveAllowlist(event: SubmitEvent): void {
    event.preventDefault();
    const ipAllowlist = lines(String(new FormData(event.target as HTMLFormElement).get('cidrs') ?? ''));
    void this.patch({ ipAllowlist }, ipAllowlist.length ? msg('The allowed addresses are saved.') : msg('Contacts may now come from any address.'));
  }

  override render() {
    const customer = this.customer;
    if (!customer || !this.portal) return nothing;
    const admin = this.portal.store.isAdmin;
    const portalType = this.portalType ?? customer.portalType ?? 'customer';
    const team = new Set(customer.teamIds ?? []);
    const staff = [...this.staff].sort(byName);
    const rules = { permissionSetId: this.portalType && this.portalType !== customer.portalType ? null : (customer.permissionSetId ?? null), capabilityOverrides: customer.capabilityOverrides ?? {} };
    return html`<section class="card" part="account-team" aria-labelledby="team-title">
        <h2 id="team-title">${msg('Account team')}</h2>
        <p class="hint">${msg("The owner and the team get the notifications about this customer's activity (everyone on your team, while it has no owner).")}</p>
        <form class="grid" @submit=${this.saveTeam}>
          <label
            >${msg('Account owner')}
            <select name="owner">
              <option value="" .selected=${!customer.ownerId}>${msg('Nobody yet')}</option>
              ${staff.map((p) => html`<option value=${p.id} .selected=${p.id === customer.ownerId}>${p.name}</option>`)}
            </select></label
          >
          <fieldset class="plain-fieldset">
            <legend>${msg('Team')}</legend>
            <div class="actions">${staff.map((p) => html`<label class="inline"><input type="checkbox" name="team" value=${p.id} .checked=${team.has(p.id)} />${p.name}</label>`)}</div>
          </fieldset>
          <div class="actions"><button class="primary" type="submit" ?disabled=${this.busy}>${msg('Save the team')}</button></div>
        </form>
      </section>
      <section class="card" part="account-rules" aria-labelledby="account-rules-title">
        <h2 id="account-rules-title">${msg(str`What the contacts of ${customer.name} may do`)}</h2>
        ${admin ? nothing : html`<p class="hint" role="note">${msg('Only admins change access rules.')}</p>`}
        <label
          >${msg('Portal type')}
          <select ?disabled=${!admin} @change=${(e: Event) => (this.portalType = (e.target as HTMLSelectElement).value as PortalType)}>
            ${PORTAL_TYPES.map((t) => html`<option value=${t} .selected=${t === portalType}>${portalTypeLabel(t)}</option>`)}
          </select></label
        >
        <cp-admin-rules
          portal-type=${portalType}
          .sets=${this.sets}
          .rules=${rules}
          fallback-set-id=${this.defaults[portalType] ?? ''}
          inherit-label=${msg('The default')}
          ?disabled=${!admin}
          ?busy=${this.busy}
          @cp-admin-rules-save=${(e: CustomEvent<AccessRules>) => this.saveRules(e.detail, portalType)}
        ></cp-admin-rules>
      </section>
      <section class="card" part="ip-allowlist" aria-labelledby="ip-title">
        <h2 id="ip-title">${msg('Allowed addresses')}</h2>
        <form class="grid" @submit=${this.saveAllowlist}>
          <label
            >${msg('Networks its contacts must come from (CIDR, one a line; IPv4 or IPv6)')}
            <textarea name="cidrs" rows="3" spellcheck="false" placeholder="203.0.113.0/24" .value=${(customer.ipAllowlist ?? []).join('\n')} ?disabled=${!admin}></textarea>
          </label>
          <p class="hint">${msg('Empty: any address. A contact elsewhere is refused, even with a valid token.')}</p>
          <div class="actions"><button class="primary" type="submit" ?disabled=${!admin || this.busy}>${msg('Save the addresses')}</button></div>
        </form>
      </section>`;
  }
}
define('cp-admin-account', CpAdminAccount);

declare global {
  interface HTMLElementTagNameMap {
    'cp-admin-account': CpAdminAccount;
  }
}
