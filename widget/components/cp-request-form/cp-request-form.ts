import { msg } from '@lit/localize';
import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { RequestField, ShownRequestType } from '../../api/request.types.js';
import { define, PortalElement } from '../../lib/portal-element.js';

/** What a submitted form holds: the values by field key, and the files chosen for file fields. */
export interface RequestFormValues {
  values: Record<string, string | number>;
  files: Record<string, File>;
}

/**
 * The form of a request type, generated from its fields: short and long text, numbers, dates,
 * choices and files, the required ones marked. Empty required fields are caught before
 * anything is sent; the service's refusals (`errors`, by field key) show under their field.
 * The admin page's request type editor shows it as a live preview (`preview`: nothing is sent).
 * @fires cp-request-submit - `{values, files}` once every required field is filled
 * @fires cp-request-cancel - the person closed the form
 * @csspart request-form - the form
 * @csspart field-error - the message under a field that is not right
 */
export class CpRequestForm extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      form {
        display: grid;
        gap: var(--cp-space);
      }
      .field {
        display: grid;
        gap: 2px;
        justify-items: start;
      }
      .field label {
        display: block;
      }
      .field input[type='text'],
      .field textarea {
        width: 100%;
      }
      .required {
        color: var(--cp-color-danger);
      }
      .error {
        color: var(--cp-color-danger);
        font-size: 0.9em;
        margin: 0;
      }
      [aria-invalid='true'] {
        border-color: var(--cp-color-danger);
      }
      .description {
        margin: 0;
      }
    `,
  ];

  @property({ attribute: false }) type: ShownRequestType | null = null;
  /** The service's reasons, by field key (`values.<key>` in its `details`). */
  @property({ attribute: false }) errors: Record<string, string> = {};
  @property({ type: Boolean }) busy = false;
  /** The admin page's preview: the checks run, nothing is sent. */
  @property({ type: Boolean }) preview = false;
  @state() private missing: Record<string, string> = {};

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('type')) this.missing = {};
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const out: RequestFormValues = { values: {}, files: {} };
    const missing: Record<string, string> = {};
    for (const field of this.type?.fields ?? []) {
      const raw = data.get(field.key);
      if (raw instanceof File) {
        if (raw.size > 0 || raw.name) out.files[field.key] = raw;
      } else if (raw !== null && raw.trim() !== '') {
        out.values[field.key] = field.type === 'number' ? Number(raw) : raw.trim();
      }
      if (field.required && out.values[field.key] === undefined && !out.files[field.key]) missing[field.key] = msg('This field is required.');
    }
    this.missing = missing;
    const first = Object.keys(missing)[0];
    if (first) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#f-${first}`)?.focus());
      return;
    }
    if (!this.preview) this.emit('cp-request-submit', out);
  }

  private control(field: RequestField, invalid: boolean) {
    const common = { id: `f-${field.key}`, name: field.key, describedby: invalid ? `e-${field.key}` : '' };
    switch (field.type) {
      case 'textarea':
        return html`<textarea id=${common.id} name=${common.name} rows="4" maxlength="20000" ?required=${field.required} aria-invalid=${String(invalid)} aria-describedby=${common.describedby || nothing}></textarea>`;
      case 'select':
        return html`<select id=${common.id} name=${common.name} ?required=${field.required} aria-invalid=${String(invalid)} aria-describedby=${common.describedby || nothing}>
          <option value="">${msg('Choose…')}</option>
          ${(field.options ?? []).map((o) => html`<option value=${o}>${o}</option>`)}
        </select>`;
      case 'file':
        return html`<input id=${common.id} name=${common.name} type="file" ?required=${field.required} aria-invalid=${String(invalid)} aria-describedby=${common.describedby || nothing} />`;
      default:
        return html`<input
          id=${common.id}
          name=${common.name}
          type=${field.type === 'number' ? 'number' : field.type === 'date' ? 'date' : 'text'}
          step=${field.type === 'number' ? 'any' : nothing}
          maxlength=${field.type === 'text' ? 500 : nothing}
          autocomplete="off"
          ?required=${field.required}
          aria-invalid=${String(invalid)}
          aria-describedby=${common.describedby || nothing}
        />`;
    }
  }

  override render() {
    const type = this.type;
    if (!type) return nothing;
    return html`<form part="request-form" novalidate aria-label=${type.name} @submit=${this.submit}>
      ${type.description ? html`<p class="description muted">${type.description}</p>` : nothing}
      ${type.fields.map((field) => {
        const error = this.missing[field.key] ?? this.errors[field.key];
        return html`<div class="field">
          <label for="f-${field.key}">${field.label}${field.required ? html` <span class="required" aria-hidden="true">*</span><span class="visually-hidden">${msg('(required)')}</span>` : nothing}</label>
          ${this.control(field, Boolean(error))}
          ${error ? html`<p class="error" id="e-${field.key}" part="field-error">${error}</p>` : nothing}
        </div>`;
      })}
      <div class="row">
        <button class="primary" type="submit" ?disabled=${this.busy}>${this.preview ? msg('Check the form') : msg('Send the request')}</button>
        ${this.preview ? nothing : html`<button type="button" @click=${() => this.emit('cp-request-cancel', null)}>${msg('Cancel')}</button>`}
      </div>
    </form>`;
  }
}
define('cp-request-form', CpRequestForm);

declare global {
  interface HTMLElementTagNameMap {
    'cp-request-form': CpRequestForm;
  }
}
