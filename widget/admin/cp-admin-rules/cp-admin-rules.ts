import { msg, str } from '@lit/localize';
import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Capability, PortalType } from '../../api/api.types.js';
import { plural } from '../../lib/format.js';
import { define } from '../../lib/portal-element.js';
import type { AccessRules, CapabilityOverrides, PermissionSet } from '../api/admin-api.types.js';
import { capabilitiesOf, capabilityLabels, setName } from '../lib/admin-labels.js';
import { AdminElement } from '../lib/admin-element.js';

type Choice = 'inherit' | 'allow' | 'deny';

/** The capabilities `set` gives, then each layer of overrides in turn (the service's rule). */
export function effective(set: PermissionSet | undefined, layers: CapabilityOverrides[]): Set<Capability> {
  const result = new Set<Capability>(set?.capabilities ?? []);
  for (const layer of layers) for (const [name, granted] of Object.entries(layer) as [Capability, boolean][]) granted ? result.add(name) : result.delete(name);
  return result;
}

/**
 * Who may do what at one level (an account, or a person): its permission set (or the level
 * above's) and, capability by capability, "as the set says", "allow" or "deny". Each line says
 * what the person ends up with. Saving fires `cp-admin-rules-save` with the new rules.
 * @fires cp-admin-rules-save - `AccessRules`: the rules to save (the owner saves them)
 * @csspart rules - the form
 */
export class CpAdminRules extends AdminElement {
  static override styles = [
    AdminElement.styles,
    css`
      .choices {
        grid-template-columns: repeat(auto-fill, minmax(300px, 1fr));
      }
      .cap {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto auto;
        align-items: center;
        gap: var(--cp-space);
      }
      .cap select {
        min-width: 9em;
      }
      .yes {
        color: var(--cp-color-success);
      }
      .no {
        color: var(--cp-color-muted);
      }
      .changed {
        font-weight: 600;
      }
    `,
  ];

  @state() private setId: string | null = null;
  @state() private overrides: CapabilityOverrides = {};
  private shown = '';
  @property({ attribute: false }) sets: PermissionSet[] = [];
  @property({ attribute: 'portal-type' }) portalType: PortalType = 'customer';
  /** The rules saved now. */
  @property({ attribute: false }) rules: AccessRules = { permissionSetId: null, capabilityOverrides: {} };
  /** The set that applies when this level names none (the account's, or the tenant default). */
  @property({ attribute: 'fallback-set-id' }) fallbackSetId = '';
  /** Overrides applied between the set and this level's own (a person's account's). */
  @property({ attribute: false }) above: CapabilityOverrides = {};
  /** What "no set of its own" is called here: "As the account" or "The default". */
  @property({ attribute: 'inherit-label' }) inheritLabel = '';
  @property({ type: Boolean }) disabled = false;
  @property({ type: Boolean }) busy = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // The owner passes a fresh object on every render: only other saved rules replace the draft.
    const saved = JSON.stringify(this.rules);
    if (changed.has('rules') && saved !== this.shown) {
      this.shown = saved;
      this.setId = this.rules.permissionSetId;
      this.overrides = { ...this.rules.capabilityOverrides };
    }
  }

  private choose(capability: Capability, choice: Choice): void {
    const next = { ...this.overrides };
    if (choice === 'inherit') delete next[capability];
    else next[capability] = choice === 'allow';
    this.overrides = next;
  }

  private save(event: SubmitEvent): void {
    event.preventDefault();
    this.dispatchEvent(new CustomEvent<AccessRules>('cp-admin-rules-save', { detail: { permissionSetId: this.setId, capabilityOverrides: this.overrides } }));
  }

  override render() {
    if (!this.portal) return nothing;
    const sets = this.sets.filter((s) => s.portalType === this.portalType);
    const fallback = sets.find((s) => s.id === this.fallbackSetId);
    const chosen = sets.find((s) => s.id === this.setId) ?? fallback;
    const before = effective(chosen, [this.above]);
    const after = effective(chosen, [this.above, this.overrides]);
    const labels = capabilityLabels();
    return html`<form class="grid" part="rules" @submit=${this.save}>
      <label
        >${msg('Permission set')}
        <select ?disabled=${this.disabled} @change=${(e: Event) => (this.setId = (e.target as HTMLSelectElement).value || null)}>
          <option value="" .selected=${!this.setId}>${this.inheritLabel}${fallback ? ` (${setName(fallback)})` : ''}</option>
          ${sets.map((s) => html`<option value=${s.id} .selected=${s.id === this.setId}>${setName(s)}</option>`)}
        </select>
      </label>
      <fieldset class="choices">
        <legend class="visually-hidden">${msg('Capabilities')}</legend>
        ${capabilitiesOf(this.portalType).map((c) => {
          const own = this.overrides[c];
          const holds = after.has(c);
          return html`<div class="cap">
            <span class=${own === undefined ? '' : 'changed'}>${labels[c]}</span>
            <span class=${holds ? 'yes' : 'no'}>${holds ? msg('Yes') : msg('No')}</span>
            <select aria-label=${labels[c]} ?disabled=${this.disabled} @change=${(e: Event) => this.choose(c, (e.target as HTMLSelectElement).value as Choice)}>
              <option value="inherit" .selected=${own === undefined}>${before.has(c) ? msg('As the set (yes)') : msg('As the set (no)')}</option>
              <option value="allow" .selected=${own === true}>${msg('Allow')}</option>
              <option value="deny" .selected=${own === false}>${msg('Deny')}</option>
            </select>
          </div>`;
        })}
      </fieldset>
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.disabled || this.busy}>${msg('Save the permissions')}</button>
        <span class="muted">${plural(after.size, { one: msg(str`${after.size} capability in all`), other: msg(str`${after.size} capabilities in all`) })}</span>
      </div>
    </form>`;
  }
}
define('cp-admin-rules', CpAdminRules);

declare global {
  interface HTMLElementTagNameMap {
    'cp-admin-rules': CpAdminRules;
  }
}
