import { msg } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { Visibility } from '../../api/api.types.js';
import { define, PortalElement } from '../../lib/portal-element.js';

let sequence = 0;

/**
 * Who sees an item, as two choices that always read what is true: "Customer and team"
 * (`portal`) or "Team only" (`internal`). The checked choice is the item's real visibility: a
 * change the service refuses (or one not yet saved) never leaves the other one checked. One
 * control for tasks, comments, documents and projects.
 * @example html`<cp-visibility .value=${task.visibility} @cp-visibility-change=${(e) => save(e.detail.visibility)}></cp-visibility>`
 * @fires cp-visibility-change - `{visibility}`: the user chose the other audience (the owner saves it and sets `value`)
 * @csspart visibility - the group of two choices
 */
export class CpVisibility extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      fieldset {
        display: inline-flex;
        flex-wrap: wrap;
        gap: 0;
        margin: 0;
        padding: 0;
        border: 0;
        min-width: 0;
      }
      legend {
        padding: 0;
        margin-bottom: 4px;
        font-size: 0.9em;
        color: var(--cp-color-muted);
      }
      legend.hidden {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
      }
      label {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        min-height: 32px;
        padding: 2px var(--cp-space);
        border: 1px solid var(--cp-color-border);
        color: var(--cp-color-text);
        font-size: 0.95em;
        cursor: pointer;
      }
      label:first-of-type {
        border-radius: var(--cp-radius) 0 0 var(--cp-radius);
      }
      label:last-of-type {
        border-radius: 0 var(--cp-radius) var(--cp-radius) 0;
        border-inline-start: 0;
      }
      label.on {
        background: var(--cp-color-surface);
        border-color: var(--cp-color-primary);
        font-weight: 600;
      }
      label.on.internal {
        border-color: var(--cp-color-internal);
        border-style: dashed;
      }
      label:first-of-type.on + label {
        border-inline-start: 0;
      }
      input {
        margin: 0;
        min-height: 0;
        accent-color: var(--cp-color-primary);
      }
      label:focus-within {
        outline: 2px solid var(--cp-color-focus);
        outline-offset: 1px;
      }
    `,
  ];

  private readonly name = `visibility-${++sequence}`;
  /** What is true now: the item's saved visibility, or the choice for an item not yet created. */
  @property() value: Visibility = 'portal';
  /** The group's name, read by assistive technology (shown unless `hide-label`). */
  @property() label = '';
  @property({ type: Boolean, attribute: 'hide-label' }) hideLabel = false;
  @property({ type: Boolean }) disabled = false;

  private choose(visibility: Visibility): void {
    if (visibility === this.value) return;
    this.dispatchEvent(new CustomEvent('cp-visibility-change', { detail: { visibility }, bubbles: true }));
    // The owner sets `value` once it is true; until then the checked choice stays the real one.
    this.requestUpdate();
  }

  private option(visibility: Visibility, text: string, hint: string) {
    const on = this.value === visibility;
    return html`<label class="${on ? 'on' : ''} ${visibility}" title=${hint}>
      <input type="radio" name=${this.name} value=${visibility} .checked=${live(on)} ?disabled=${this.disabled} @change=${() => this.choose(visibility)} />
      ${text}
    </label>`;
  }

  override render() {
    return html`<fieldset part="visibility">
      ${this.label ? html`<legend class=${this.hideLabel ? 'hidden' : ''}>${this.label}</legend>` : nothing}
      ${this.option('portal', msg('Customer and team'), msg("The customer's contacts see it, and your team"))}
      ${this.option('internal', msg('Team only'), msg('Only your team sees it (internal)'))}
    </fieldset>`;
  }
}
define('cp-visibility', CpVisibility);

declare global {
  interface HTMLElementTagNameMap {
    'cp-visibility': CpVisibility;
  }
}
