import { msg, str } from '@lit/localize';
import { css, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import '../cp-markdown/cp-markdown.js';

/**
 * A text edited in place: shown as text (or Markdown), turned into a field by its Edit button,
 * saved with Enter (Ctrl+Enter when multi-line) or the Save button, dropped with Escape. A
 * refused save keeps the field open with what was typed.
 * @example html`<cp-inline-edit label="Title" .value=${task.title} .save=${(v) => actions.updateTask(id, { title: v })}></cp-inline-edit>`
 * @csspart editor - the field while editing
 */
export class CpInlineEdit extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      :host {
        display: block;
      }
      .view {
        display: flex;
        align-items: flex-start;
        gap: var(--cp-space);
      }
      .view > :first-child {
        flex: 1;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .title {
        font-size: 1.3em;
        font-weight: 700;
        margin: 0;
      }
      form {
        display: grid;
        gap: var(--cp-space);
      }
      input {
        width: 100%;
        font-size: 1.1em;
      }
      .placeholder {
        color: var(--cp-color-muted);
        font-style: italic;
      }
    `,
  ];

  @query('input, textarea') private field?: HTMLInputElement | HTMLTextAreaElement;
  @state() private editing = false;
  @state() private saving = false;
  @state() private draft = '';
  @property() value = '';
  /** The field's name, for screen readers and the Edit button. */
  @property() label = '';
  @property({ type: Boolean }) multiline = false;
  @property({ type: Boolean }) markdown = false;
  /** Shows as a heading (a task's title). */
  @property({ type: Boolean }) heading = false;
  @property({ type: Boolean }) readonly = false;
  @property() placeholder = '';
  @property({ attribute: false }) save?: (value: string) => Promise<unknown>;

  protected override updated(changed: PropertyValues): void {
    if (changed.has('editing') && this.editing) this.field?.focus();
  }

  private start(): void {
    this.draft = this.value;
    this.editing = true;
  }

  private cancel(): void {
    this.editing = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('.edit')?.focus());
  }

  private async submit(event?: Event): Promise<void> {
    event?.preventDefault();
    const value = this.multiline ? this.draft : this.draft.trim();
    if (value === this.value || (!value && !this.multiline)) return this.cancel();
    this.saving = true;
    try {
      await this.save?.(value);
      this.cancel();
    } catch {
      // Refused: the store said why; the field stays open with the draft.
    } finally {
      this.saving = false;
    }
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.cancel();
    } else if (event.key === 'Enter' && (!this.multiline || event.ctrlKey || event.metaKey)) void this.submit(event);
  }

  override render() {
    if (this.editing) {
      const input = (e: Event) => (this.draft = (e.target as HTMLInputElement).value);
      return html`<form part="editor" @submit=${this.submit} @keydown=${this.onKey}>
        ${this.multiline
          ? html`<textarea aria-label=${this.label} rows="8" .value=${this.draft} @input=${input} ?disabled=${this.saving}></textarea>
              <span class="muted">${msg('Markdown: **bold**, *italic*, lists, [links](https://…). Ctrl+Enter saves.')}</span>`
          : html`<input aria-label=${this.label} .value=${this.draft} @input=${input} ?disabled=${this.saving} maxlength="500" required />`}
        <div class="row">
          <button class="primary" type="submit" ?disabled=${this.saving}>${this.saving ? msg('Saving…') : msg('Save')}</button>
          <button type="button" @click=${this.cancel} ?disabled=${this.saving}>${msg('Cancel')}</button>
        </div>
      </form>`;
    }
    const shown = this.value
      ? this.markdown
        ? html`<cp-markdown .text=${this.value}></cp-markdown>`
        : this.heading
          ? html`<h2 class="title">${this.value}</h2>`
          : html`<span>${this.value}</span>`
      : html`<span class="placeholder">${this.placeholder}</span>`;
    return html`<div class="view">
      ${shown}
      ${this.readonly ? nothing : html`<button class="edit" @click=${this.start} aria-label=${msg(str`Edit ${this.label}`)}>${msg('Edit')}</button>`}
    </div>`;
  }
}
define('cp-inline-edit', CpInlineEdit);

declare global {
  interface HTMLElementTagNameMap {
    'cp-inline-edit': CpInlineEdit;
  }
}
