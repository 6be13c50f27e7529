import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { Person } from '../../api/api.types.js';
import { REQUEST_FIELD_TYPES, type RequestField, type RequestFieldType, type RequestType, type RequestTypeInput, type ShownRequestType } from '../../api/request.types.js';
import '../../components/cp-request-form/cp-request-form.js';
import '../../components/cp-requests/cp-requests.js';
import '../../components/cp-state/cp-state.js';
import { define } from '../../lib/portal-element.js';
import { fieldTypeLabel } from '../../lib/request-labels.js';
import { AdminElement } from '../lib/admin-element.js';
import { Loader } from '../lib/loader.js';

/** A field key from its label: "Needed by" → `needed_by`. */
const keyOf = (label: string) =>
  label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 40) || 'field';

const blank = (): RequestTypeInput => ({ name: '', description: '', fields: [{ key: 'details', label: msg('Details'), type: 'textarea', required: true }], slaHours: 24, assignTo: 'owner', taskVisibility: 'portal' });
const inputOf = (t: RequestType): RequestTypeInput => ({ name: t.name, description: t.description, fields: t.fields.map((f) => ({ ...f })), slaHours: t.slaHours, assignTo: t.assignTo, taskVisibility: t.taskVisibility });

/**
 * The Requests tab: the queue of every customer's requests by SLA (the widget's own view), and
 * the request types editor: name, description, SLA, who the task goes to and who sees it, and
 * the fields (add, remove, reorder; a choice's options), with the form as customers will see
 * it beside, live. Only admins change types; members work the queue.
 * @csspart request-type - one type in the list
 * @csspart type-editor - the chosen type's form
 * @csspart field-row - one field of the type
 * @csspart preview - the form as customers see it
 */
export class CpAdminRequestTypes extends AdminElement {
  static override styles = [
    AdminElement.styles,
    css`
      :host {
        --split-side: minmax(220px, 280px);
      }
      .field {
        border: 1px solid var(--cp-color-border);
        border-radius: var(--cp-radius);
        padding: var(--cp-space);
        display: grid;
        gap: var(--cp-space);
      }
      .editor {
        display: grid;
        gap: calc(var(--cp-space) * 2);
      }
      @media (min-width: 1200px) {
        .editor {
          grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
        }
      }
    `,
  ];

  @state() private chosen: string | null = null;
  @state() private draft: RequestTypeInput = blank();
  @state() private busy = false;
  private readonly types = new Loader(this, () => this.portal!.api.all<RequestType>('/v1/request-types'));
  private readonly staff = new Loader(this, () => this.portal!.api.people().then((people: Person[]) => people.filter((p) => p.role === 'staff')));

  protected override firstUpdated(): void {
    void this.types.run().then(() => this.pick(this.chosen ?? this.types.value?.[0]?.id ?? null));
    void this.staff.run();
  }

  private get readOnly(): boolean {
    return !this.portal!.store.isAdmin;
  }

  private pick(id: string | null): void {
    this.chosen = id;
    const type = this.types.value?.find((t) => t.id === id);
    this.draft = type ? inputOf(type) : blank();
  }

  private patch(change: Partial<RequestTypeInput>): void {
    this.draft = { ...this.draft, ...change };
  }

  private patchField(index: number, change: Partial<RequestField>): void {
    const fields = this.draft.fields.map((f, i) => (i === index ? { ...f, ...change } : f));
    const field = fields[index]!;
    if (field.type !== 'select') delete field.options;
    else field.options ??= [];
    this.patch({ fields });
  }

  private move(index: number, by: number): void {
    const fields = [...this.draft.fields];
    const [field] = fields.splice(index, 1);
    fields.splice(index + by, 0, field!);
    this.patch({ fields });
  }

  private addField(): void {
    const taken = new Set(this.draft.fields.map((f) => f.key));
    let n = this.draft.fields.length + 1;
    while (taken.has(`field_${n}`)) n++;
    this.patch({ fields: [...this.draft.fields, { key: `field_${n}`, label: msg(str`Field ${n}`), type: 'text', required: false }] });
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const { api } = this.portal!;
    const existing = this.types.value?.find((t) => t.id === this.chosen);
    const body = { ...this.draft, fields: this.draft.fields.map((f) => (f.type === 'select' ? { ...f, options: (f.options ?? []).filter(Boolean) } : f)) };
    this.busy = true;
    const saved = await this.attempt(
      () => (existing ? api.request<RequestType>('PATCH', `/v1/request-types/${encodeURIComponent(existing.id)}`, { body }) : api.request<RequestType>('POST', '/v1/request-types', { body })),
      { done: msg(str`${body.name} is saved.`), failed: msg(str`${body.name || msg('The request type')} was not saved.`) },
    );
    this.busy = false;
    if (!saved) return;
    const list = this.types.value ?? [];
    this.types.value = list.some((t) => t.id === saved.id) ? list.map((t) => (t.id === saved.id ? saved : t)) : [...list, saved];
    this.pick(saved.id);
  }

  private async retire(type: RequestType): Promise<void> {
    this.busy = true;
    const gone = await this.attempt(() => this.portal!.api.request<void>('DELETE', `/v1/request-types/${encodeURIComponent(type.id)}`).then(() => true), {
      done: msg(str`${type.name} is no longer offered.`),
      failed: msg(str`${type.name} was not removed.`),
    });
    this.busy = false;
    if (!gone) return;
    this.types.value = (this.types.value ?? []).filter((t) => t.id !== type.id);
    this.pick(this.types.value[0]?.id ?? null);
  }

  private renderField(field: RequestField, index: number, count: number) {
    return html`<li class="field" part="field-row">
      <div class="fields">
        <label
          >${msg('Label')}
          <input
            required
            maxlength="200"
            .value=${field.label}
            @input=${(e: Event) => {
              const label = (e.target as HTMLInputElement).value;
              // The key follows the label until someone sets it by hand.
              this.patchField(index, { label, ...(field.key === keyOf(field.label) || /^field_\d+$/.test(field.key) ? { key: keyOf(label) } : {}) });
            }}
        /></label>
        <label>${msg('Key')} <input required pattern="[a-z][a-z0-9_]*" maxlength="40" .value=${field.key} @input=${(e: Event) => this.patchField(index, { key: (e.target as HTMLInputElement).value })} /></label>
        <label
          >${msg('Kind')}
          <select @change=${(e: Event) => this.patchField(index, { type: (e.target as HTMLSelectElement).value as RequestFieldType })}>
            ${REQUEST_FIELD_TYPES.map((t) => html`<option value=${t} .selected=${t === field.type}>${fieldTypeLabel(t)}</option>`)}
          </select></label
        >
        <label class="inline"><input type="checkbox" .checked=${field.required} @change=${(e: Event) => this.patchField(index, { required: (e.target as HTMLInputElement).checked })} /> ${msg('Required')}</label>
      </div>
      ${field.type === 'select'
        ? html`<label
            >${msg('Options, one a line')}
            <textarea rows="3" .value=${(field.options ?? []).join('\n')} @input=${(e: Event) => this.patchField(index, { options: (e.target as HTMLTextAreaElement).value.split('\n').map((o) => o.trim()) })}></textarea
          ></label>`
        : nothing}
      <div class="actions">
        <button type="button" ?disabled=${index === 0} @click=${() => this.move(index, -1)} aria-label=${msg(str`Move ${field.label} up`)}>↑</button>
        <button type="button" ?disabled=${index === count - 1} @click=${() => this.move(index, 1)} aria-label=${msg(str`Move ${field.label} down`)}>↓</button>
        <button type="button" class="danger" @click=${() => this.patch({ fields: this.draft.fields.filter((_, i) => i !== index) })}>${msg('Remove the field')}</button>
      </div>
    </li>`;
  }

  private renderEditor() {
    const draft = this.draft;
    const existing = this.types.value?.find((t) => t.id === this.chosen);
    const staff = this.staff.value ?? [];
    const preview: ShownRequestType = { id: existing?.id ?? 'preview', ...draft, fields: draft.fields.map((f) => (f.type === 'select' ? { ...f, options: (f.options ?? []).filter(Boolean) } : f)) };
    return html`<div class="editor">
      <section class="card" part="type-editor" aria-labelledby="type-title">
        <h2 id="type-title">${existing ? existing.name : msg('New request type')}</h2>
        ${this.adminOnly(html`<form class="grid" @submit=${this.save}>
          <label>${msg('Name')} <input name="name" required maxlength="200" .value=${draft.name} @input=${(e: Event) => this.patch({ name: (e.target as HTMLInputElement).value })} /></label>
          <label>${msg('Description')} <textarea rows="2" maxlength="2000" .value=${draft.description} @input=${(e: Event) => this.patch({ description: (e.target as HTMLTextAreaElement).value })}></textarea></label>
          <div class="fields">
            <label>${msg('SLA (hours)')} <input type="number" min="1" max="2160" required .value=${String(draft.slaHours)} @input=${(e: Event) => this.patch({ slaHours: Number((e.target as HTMLInputElement).value) })} /></label>
            <label
              >${msg('The task goes to')}
              <select @change=${(e: Event) => this.patch({ assignTo: (e.target as HTMLSelectElement).value })}>
                <option value="owner" .selected=${draft.assignTo === 'owner'}>${msg('The account owner')}</option>
                <option value="none" .selected=${draft.assignTo === 'none'}>${msg('No one')}</option>
                ${staff.map((p) => html`<option value=${p.id} .selected=${draft.assignTo === p.id}>${p.name}</option>`)}
              </select></label
            >
            <label
              >${msg('Who sees the task')}
              <select @change=${(e: Event) => this.patch({ taskVisibility: (e.target as HTMLSelectElement).value as 'portal' | 'internal' })}>
                <option value="portal" .selected=${draft.taskVisibility === 'portal'}>${msg('The customer and the team')}</option>
                <option value="internal" .selected=${draft.taskVisibility === 'internal'}>${msg('The team only')}</option>
              </select></label
            >
          </div>
          <fieldset class="plain-fieldset">
            <legend>${msg('Fields')}</legend>
            <ol class="plain stack">
              ${draft.fields.map((f, i) => this.renderField(f, i, draft.fields.length))}
            </ol>
          </fieldset>
          <div class="actions">
            <button type="button" @click=${this.addField}>${msg('Add a field')}</button>
            <button class="primary" type="submit" ?disabled=${this.busy}>${msg('Save the request type')}</button>
            ${existing ? html`<button type="button" class="danger" ?disabled=${this.busy} @click=${() => this.retire(existing)}>${msg('Stop offering it')}</button>` : nothing}
          </div>
        </form>`)}
      </section>
      <section class="card" part="preview" aria-labelledby="preview-title">
        <h2 id="preview-title">${msg('Preview')}</h2>
        <p class="hint">${msg('The form as customers will see it. Try it: nothing is sent.')}</p>
        <h3>${draft.name || msg('New request type')}</h3>
        <cp-request-form preview .type=${preview}></cp-request-form>
      </section>
    </div>`;
  }

  override render() {
    if (!this.admin || !this.portal) return nothing;
    const types = this.types.value ?? [];
    return html`<cp-requests all></cp-requests>
      <div class="split">
        <section class="card" aria-labelledby="types-title">
          <h2 id="types-title">${msg('Request types')}</h2>
          <cp-state exportparts="state" .load=${this.types.load} .empty=${!types.length} .retry=${() => this.types.run()}></cp-state>
          <ul class="plain pick-list" role="list">
            ${types.map(
              (t) => html`<li part="request-type">
                <button aria-current=${String(t.id === this.chosen)} @click=${() => this.pick(t.id)}>${t.name} <span class="muted">· ${msg(str`${t.slaHours} h`)}</span></button>
              </li>`,
            )}
          </ul>
          <button ?disabled=${this.readOnly} @click=${() => this.pick(null)}>${msg('New request type')}</button>
        </section>
        ${this.renderEditor()}
      </div>`;
  }
}
define('cp-admin-request-types', CpAdminRequestTypes);

declare global {
  interface HTMLElementTagNameMap {
    'cp-admin-request-types': CpAdminRequestTypes;
  }
}
