import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { PORTAL_TYPES, type Capability, type PortalType } from '../../api/api.types.js';
import '../../components/cp-state/cp-state.js';
import { plural } from '../../lib/format.js';
import { define } from '../../lib/portal-element.js';
import type { PermissionSet, SettingsPatch, TenantSettings } from '../api/admin-api.types.js';
import { capabilitiesOf, capabilityLabels, portalTypeLabel, setName } from '../lib/admin-labels.js';
import { AdminElement } from '../lib/admin-element.js';
import { Loader } from '../lib/loader.js';

const DEFAULT_OF: Record<PortalType, 'defaultPermissionSetId' | 'defaultPartnerPermissionSetId'> = {
  customer: 'defaultPermissionSetId',
  partner: 'defaultPartnerPermissionSetId',
};

/**
 * The Permissions tab: the permission sets of each portal type (the two built-in ones, Full
 * and Limited access, and the tenant's own), each with its capabilities; create, rename, change
 * and delete a set (one in use is kept, with the service's reason), and choose the set every
 * contact holds by default. Only admins change anything; members see why the controls are off.
 * @csspart permission-set - one set in the list
 * @csspart set-editor - the chosen set's form
 * @csspart defaults - the tenant defaults
 */
export class CpAdminPermissions extends AdminElement {
  static override styles = [
    AdminElement.styles,
    css`
      :host {
        --split-side: minmax(240px, 320px);
      }
      .pick-list button {
        justify-content: space-between;
        display: flex;
        gap: var(--cp-space);
      }
      h3 {
        margin: var(--cp-space) 0 0;
        font-size: 1em;
      }
    `,
  ];

  @state() private chosen: string | null = null;
  @state() private draft = new Set<Capability>();
  @state() private busy = false;
  private readonly sets = new Loader(this, () => this.admin!.api.permissionSets());
  private readonly settings = new Loader(this, () => this.admin!.api.settings());

  protected override firstUpdated(): void {
    void this.sets.run().then(() => this.pick(this.chosen ?? this.sets.value?.[0]?.id ?? null));
    void this.settings.run();
  }

  private get readOnly(): boolean {
    return !this.portal!.store.isAdmin;
  }

  private pick(id: string | null): void {
    this.chosen = id;
    this.draft = new Set(this.sets.value?.find((s) => s.id === id)?.capabilities ?? []);
  }

  private replace(set: PermissionSet): void {
    const list = this.sets.value ?? [];
    this.sets.value = list.some((s) => s.id === set.id) ? list.map((s) => (s.id === set.id ? set : s)) : [...list, set];
    this.pick(set.id);
  }

  private async run<T>(work: () => Promise<T>, text: { done: string; failed: string }): Promise<T | undefined> {
    this.busy = true;
    try {
      return await this.attempt(work, text);
    } finally {
      this.busy = false;
    }
  }

  private async save(event: SubmitEvent, set: PermissionSet): Promise<void> {
    event.preventDefault();
    const name = String(new FormData(event.target as HTMLFormElement).get('name') ?? '').trim();
    const capabilities = capabilitiesOf(set.portalType).filter((c) => this.draft.has(c));
    const saved = await this.run(() => this.admin!.api.updatePermissionSet(set.id, { name, capabilities }), { done: msg(str`${name} is saved.`), failed: msg(str`${set.name} was not saved.`) });
    if (saved) this.replace(saved);
  }

  private async deleteSet(set: PermissionSet): Promise<void> {
    const gone = await this.run(() => this.admin!.api.deletePermissionSet(set.id).then(() => true), { done: msg(str`${set.name} was deleted.`), failed: msg(str`${set.name} was not deleted.`) });
    if (!gone) return;
    this.sets.value = (this.sets.value ?? []).filter((s) => s.id !== set.id);
    this.pick(this.sets.value[0]?.id ?? null);
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const portalType = String(data.get('portal_type')) as PortalType;
    const from = this.sets.value?.find((s) => s.id === data.get('from'));
    const capabilities = from && from.portalType === portalType ? from.capabilities : [];
    const created = await this.run(() => this.admin!.api.createPermissionSet({ name, portalType, capabilities }), { done: msg(str`${name} was created.`), failed: msg(str`${name} was not created.`) });
    if (!created) return;
    form.reset();
    this.replace(created);
  }

  private async saveDefaults(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const before = this.settings.value!;
    const patch: SettingsPatch = {};
    for (const type of PORTAL_TYPES) {
      const value = String(data.get(type) ?? '');
      if (value && value !== before[DEFAULT_OF[type]]) patch[DEFAULT_OF[type]] = value;
    }
    if (!Object.keys(patch).length) return;
    const saved = await this.run(() => this.admin!.api.updateSettings(patch), { done: msg('The defaults are saved.'), failed: msg('The defaults were not saved.') });
    if (saved) this.settings.value = saved;
  }

  private defaultOf(set: PermissionSet): boolean {
    return this.settings.value?.[DEFAULT_OF[set.portalType]] === set.id;
  }

  private renderDefaults(settings: TenantSettings, sets: PermissionSet[]) {
    return html`<section class="card" part="defaults" aria-labelledby="defaults-title">
      <h2 id="defaults-title">${msg('Defaults')}</h2>
      <p class="hint">${msg('The set every contact holds unless their account or they themselves have another (on Portal access).')}</p>
      <form class="fields" @submit=${this.saveDefaults}>
        ${PORTAL_TYPES.map(
          (type) => html`<label
            >${portalTypeLabel(type)}
            <select name=${type} ?disabled=${this.readOnly}>
              ${sets.filter((s) => s.portalType === type).map((s) => html`<option value=${s.id} .selected=${settings[DEFAULT_OF[type]] === s.id}>${setName(s)}</option>`)}
            </select></label
          >`,
        )}
        <button class="primary" type="submit" ?disabled=${this.readOnly || this.busy}>${msg('Save the defaults')}</button>
      </form>
    </section>`;
  }

  private renderList(sets: PermissionSet[]) {
    return html`<section class="card" aria-labelledby="sets-title">
      <h2 id="sets-title">${msg('Permission sets')}</h2>
      ${PORTAL_TYPES.map(
        (type) => html`<h3>${portalTypeLabel(type)}</h3>
          <ul class="plain pick-list" role="list">
            ${sets
              .filter((s) => s.portalType === type)
              .map(
                (s) => html`<li part="permission-set">
                  <button aria-current=${String(s.id === this.chosen)} @click=${() => this.pick(s.id)}>
                    <span>${setName(s)}</span>
                    <span class="muted">${this.defaultOf(s) ? msg('default') : plural(s.capabilities.length, { one: msg(str`${s.capabilities.length} capability`), other: msg(str`${s.capabilities.length} capabilities`) })}</span>
                  </button>
                </li>`,
              )}
          </ul>`,
      )}
      <form class="grid" @submit=${this.create} aria-labelledby="new-set-title">
        <h3 id="new-set-title">${msg('New permission set')}</h3>
        <label>${msg('Name')} <input name="name" required maxlength="100" autocomplete="off" ?disabled=${this.readOnly} /></label>
        <label
          >${msg('Portal type')}
          <select name="portal_type" ?disabled=${this.readOnly}>
            ${PORTAL_TYPES.map((t) => html`<option value=${t}>${portalTypeLabel(t)}</option>`)}
          </select></label
        >
        <label
          >${msg('Start from')}
          <select name="from" ?disabled=${this.readOnly}>
            <option value="">${msg('Nothing (no capability)')}</option>
            ${sets.map((s) => html`<option value=${s.id}>${setName(s)} · ${portalTypeLabel(s.portalType)}</option>`)}
          </select></label
        >
        <button type="submit" ?disabled=${this.readOnly || this.busy}>${msg('Create the set')}</button>
      </form>
    </section>`;
  }

  private renderEditor(set: PermissionSet) {
    const labels = capabilityLabels();
    const fixed = this.readOnly || !!set.builtIn;
    return html`<section class="card" part="set-editor" aria-labelledby="set-title">
      <h2 id="set-title">${setName(set)} <span class="muted">· ${portalTypeLabel(set.portalType)}</span></h2>
      ${set.builtIn ? html`<p class="hint">${msg('A built-in set: its capabilities follow the product (Full access always holds every one). Make a new set to choose your own.')}</p>` : nothing}
      <form class="grid" @submit=${(e: SubmitEvent) => this.save(e, set)}>
        <label>${msg('Name')} <input name="name" required maxlength="100" .value=${set.name} ?disabled=${fixed} /></label>
        <fieldset class="choices">
          <legend>${msg('What its contacts may do')}</legend>
          ${capabilitiesOf(set.portalType).map(
            (c) => html`<label
              ><input
                type="checkbox"
                .checked=${this.draft.has(c)}
                ?disabled=${fixed}
                @change=${(e: Event) => {
                  const next = new Set(this.draft);
                  (e.target as HTMLInputElement).checked ? next.add(c) : next.delete(c);
                  this.draft = next;
                }}
              />${labels[c]}</label
            >`,
          )}
        </fieldset>
        ${set.builtIn
          ? nothing
          : html`<div class="actions">
              <button class="primary" type="submit" ?disabled=${this.readOnly || this.busy}>${msg('Save the set')}</button>
              <button type="button" class="danger" ?disabled=${this.readOnly || this.busy} @click=${() => this.deleteSet(set)}>${msg('Delete the set')}</button>
            </div>`}
      </form>
    </section>`;
  }

  override render() {
    if (!this.admin || !this.portal) return nothing;
    const sets = this.sets.value ?? [];
    const chosen = sets.find((s) => s.id === this.chosen);
    return html`${this.readOnly ? html`<p class="hint" role="note">${msg('Only admins of your team change this. Ask one of them.')}</p>` : nothing}
      <cp-state exportparts="state" .load=${this.sets.load} .empty=${!sets.length} .retry=${() => this.sets.run()}></cp-state>
      ${sets.length && this.settings.value ? this.renderDefaults(this.settings.value, sets) : nothing}
      ${sets.length ? html`<div class="split">${this.renderList(sets)} ${chosen ? this.renderEditor(chosen) : nothing}</div>` : nothing}`;
  }
}
define('cp-admin-permissions', CpAdminPermissions);

declare global {
  interface HTMLElementTagNameMap {
    'cp-admin-permissions': CpAdminPermissions;
  }
}
