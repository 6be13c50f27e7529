import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { COLOR_NAMES, PRESETS, PRESET_NAMES, type ColorName, type PresetName } from '../../../contract/branding-presets.js';
import '../../components/cp-state/cp-state.js';
import '../../customer-portal/customer-portal.js';
import { getLocale } from '../../lib/localization.js';
import { define } from '../../lib/portal-element.js';
import type { BrandingPatch, BrandingRecord } from '../api/admin-api.types.js';
import { AdminElement } from '../lib/admin-element.js';
import { Loader } from '../lib/loader.js';
import { brandingStyles } from './cp-admin-branding.styles.js';
import { colorLabel, FONTS, presetLabel, RADII } from './branding-choices.js';

interface Draft {
  preset: PresetName;
  colors: Record<ColorName, string>;
  radius: string;
  font: string;
  logoDocumentId: string | null;
  /** What shows as the logo: the saved one's URL, or the picked file as a data: URL (the page's CSP allows no blob:). */
  logoSrc: string | null;
}

const fromRecord = (b: BrandingRecord): Draft => ({
  preset: (PRESET_NAMES as readonly string[]).includes(b.preset) ? (b.preset as PresetName) : 'default',
  colors: { ...b.colors },
  radius: b.radius,
  font: b.font,
  logoDocumentId: b.logoDocumentId,
  logoSrc: b.logoUrl,
});

const readAsDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

/**
 * The Branding tab: a preset look, then any colour, the corners and the font, and the logo
 * (shown in the widget's header and in emails), with a live preview: a real `<customer-portal>`
 * beside the form, the unsaved values applied through its `--cp-*` custom properties. Saving
 * sends only what changed; a colour equal to the preset's goes back to following the preset.
 * @csspart preview - the previewed widget
 */
export class CpAdminBranding extends AdminElement {
  static override styles = [AdminElement.styles, brandingStyles];

  @state() private draft: Draft | null = null;
  @state() private busy = false;
  private readonly saved = new Loader(this, async () => {
    const branding = await this.admin!.api.branding();
    this.draft = fromRecord(branding);
    return branding;
  });
  /** The unsaved look, adopted by this view's shadow root: a rule on the previewed element beats the widget's own. */
  private readonly previewSheet = new CSSStyleSheet();

  protected override firstUpdated(): void {
    this.shadowRoot!.adoptedStyleSheets = [...this.shadowRoot!.adoptedStyleSheets, this.previewSheet];
    void this.saved.run();
  }

  protected override updated(): void {
    const d = this.draft;
    if (!d) return;
    const colors = COLOR_NAMES.map((name) => `--cp-color-${name}: ${d.colors[name]};`).join(' ');
    this.previewSheet.replaceSync(`.preview customer-portal { ${colors} --cp-radius: ${d.radius}; --cp-font-family: ${d.font}; }`);
  }

  /** Handlers read the draft as it is now, not as the render that made them saw it. */
  private change(patch: Partial<Draft>): void {
    this.draft = { ...this.draft!, ...patch };
  }

  private choosePreset(preset: PresetName): void {
    // A preset is a whole look: its colours, corners and font replace the ones on screen.
    const look = PRESETS[preset];
    this.draft = { ...this.draft!, preset, colors: { ...look.colors }, radius: look.radius, font: look.font };
  }

  private async pickLogo(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const uploaded = await this.attempt(() => this.admin!.api.uploadLogo(file), { failed: msg(str`${file.name} was not uploaded.`) });
    input.value = '';
    if (uploaded) this.draft = { ...this.draft!, logoDocumentId: uploaded.id, logoSrc: await readAsDataUrl(file) };
  }

  /** Only what differs from what is saved; colours, corners and font equal to the preset's follow it again. */
  private patch(): BrandingPatch {
    const saved = fromRecord(this.saved.value!);
    const d = this.draft!;
    const look = PRESETS[d.preset];
    const patch: BrandingPatch = {};
    if (d.preset !== saved.preset) patch.preset = d.preset;
    const colors = Object.fromEntries(COLOR_NAMES.filter((n) => d.colors[n] !== saved.colors[n] || patch.preset).map((n) => [n, d.colors[n] === look.colors[n] ? null : d.colors[n]]));
    if (Object.keys(colors).length) patch.colors = colors;
    if (d.radius !== saved.radius || patch.preset) patch.radius = d.radius === look.radius ? null : d.radius;
    if (d.font !== saved.font || patch.preset) patch.font = d.font === look.font ? null : d.font;
    if (d.logoDocumentId !== saved.logoDocumentId) patch.logoDocumentId = d.logoDocumentId;
    return patch;
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const patch = this.patch();
    if (!Object.keys(patch).length) return;
    this.busy = true;
    const branding = await this.attempt(() => this.admin!.api.updateBranding(patch), { done: msg('The branding is saved.'), failed: msg('The branding was not saved.') });
    this.busy = false;
    if (!branding) return;
    this.saved.value = branding;
    this.draft = fromRecord(branding);
    // The admin page wears the brand too: it reads it from /v1/me.
    void this.portal!.actions.loadMe(true);
  }

  private renderForm(d: Draft) {
    const changed = Object.keys(this.patch()).length > 0;
    const options = (values: readonly string[], current: string, label: (v: string) => string) =>
      [...new Set([current, ...values])].map((v) => html`<option value=${v} .selected=${v === current}>${label(v)}</option>`);
    return html`<form class="grid" @submit=${this.save}>
      <label
        >${msg('Preset')}
        <select name="preset" @change=${(e: Event) => this.choosePreset((e.target as HTMLSelectElement).value as PresetName)}>
          ${PRESET_NAMES.map((p) => html`<option value=${p} .selected=${p === d.preset}>${presetLabel(p)}</option>`)}
        </select>
      </label>
      <fieldset class="colors">
        <legend>${msg('Colours')}</legend>
        ${COLOR_NAMES.map(
          (name) => html`<label class="inline color"
            ><input type="color" name=${name} .value=${d.colors[name]} @input=${(e: Event) => this.change({ colors: { ...this.draft!.colors, [name]: (e.target as HTMLInputElement).value } })} />
            <span>${colorLabel(name)} <code class="muted">${d.colors[name]}</code></span></label
          >`,
        )}
      </fieldset>
      <div class="pair">
        <label
          >${msg('Corners')}
          <select name="radius" @change=${(e: Event) => this.change({ radius: (e.target as HTMLSelectElement).value })}>
            ${options(RADII, d.radius, (v) => v)}
          </select>
        </label>
        <label
          >${msg('Font')}
          <select name="font" @change=${(e: Event) => this.change({ font: (e.target as HTMLSelectElement).value })}>
            ${options(
              FONTS.map((f) => f.value),
              d.font,
              (v) => FONTS.find((f) => f.value === v)?.label() ?? v,
            )}
          </select>
        </label>
      </div>
      <fieldset class="logo">
        <legend>${msg('Logo')}</legend>
        ${d.logoSrc ? html`<img src=${d.logoSrc} alt=${msg('The logo')} />` : html`<p class="hint">${msg('No logo yet.')}</p>`}
        <label>${msg('Upload a logo (PNG, JPEG, GIF or WebP)')} <input type="file" accept="image/png,image/jpeg,image/gif,image/webp" @change=${this.pickLogo} /></label>
        ${d.logoDocumentId ? html`<button type="button" class="link" @click=${() => this.change({ logoDocumentId: null, logoSrc: null })}>${msg('Remove the logo')}</button>` : nothing}
        <p class="hint">${msg('Shown in the widget header, the hosted portal and the emails.')}</p>
      </fieldset>
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${!changed || this.busy}>${msg('Save the branding')}</button>
        <button type="button" ?disabled=${!changed || this.busy} @click=${() => (this.draft = fromRecord(this.saved.value!))}>${msg('Undo the changes')}</button>
      </div>
    </form>`;
  }

  override render() {
    if (!this.admin || !this.portal) return nothing;
    const d = this.saved.value ? this.draft : null;
    const customer = this.admin.route.customer ?? this.portal.store.customers[0]?.id;
    return html`<div class="split">
      <section class="card" aria-labelledby="branding-title">
        <h2 id="branding-title">${msg('Branding')}</h2>
        ${d ? this.adminOnly(this.renderForm(d)) : nothing}
        <cp-state exportparts="state" .load=${this.saved.load} .empty=${!d} .retry=${() => this.saved.run()}></cp-state>
      </section>
      <section class="card preview" aria-labelledby="preview-title">
        <h2 id="preview-title">${msg('Preview')}</h2>
        <p class="hint">${msg('The widget as your customers see it, with the changes not saved yet.')}</p>
        ${customer
          ? html`<customer-portal
              part="preview"
              api-base=${this.admin.apiBase}
              .tokenProvider=${this.admin.tokenProvider}
              customer=${customer}
              view="tasks"
              no-tour
              preview
              .previewLogo=${d?.logoSrc ?? null}
              theme="light"
              locale=${getLocale()}
              inert
            ></customer-portal>`
          : html`<p class="hint">${msg('Add a customer to see the preview.')}</p>`}
      </section>
    </div>`;
  }
}
define('cp-admin-branding', CpAdminBranding);

declare global {
  interface HTMLElementTagNameMap {
    'cp-admin-branding': CpAdminBranding;
  }
}
