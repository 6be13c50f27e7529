import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import '../../components/cp-state/cp-state.js';
import { formatNumber, plural } from '../../lib/format.js';
import { define } from '../../lib/portal-element.js';
import type { AppliedTemplate, Template } from '../api/admin-api.types.js';
import '../cp-admin-template-editor/cp-admin-template-editor.js';
import { AdminElement } from '../lib/admin-element.js';
import { Loader } from '../lib/loader.js';
import { templatesStyles } from './cp-admin-templates.styles.js';

/** Today as `YYYY-MM-DD` in the user's own calendar. */
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/**
 * The Templates tab: the tenant's templates, one open in the editor (or a new one), and the
 * way to apply it to a customer: a new project with the steps that wait for nothing; the
 * others appear as the steps they wait for are done.
 * @csspart template-item - one template in the list
 * @csspart apply - the form that applies the open template
 */
export class CpAdminTemplates extends AdminElement {
  static override styles = [AdminElement.styles, templatesStyles];

  /** The template open in the editor: its id, `new`, or none. */
  @state() private open: string | 'new' | null = null;
  @state() private applied: AppliedTemplate | null = null;
  private readonly list = new Loader(this, () => this.admin!.api.templates());

  protected override firstUpdated(): void {
    void this.list.run().then(() => {
      if (!this.open) this.open = this.list.value?.[0]?.id ?? 'new';
    });
  }

  private get current(): Template | null {
    return this.list.value?.find((t) => t.id === this.open) ?? null;
  }

  private choose(id: string | 'new'): void {
    this.open = id;
    this.applied = null;
  }

  private onSaved(event: CustomEvent<{ template: Template }>): void {
    const saved = event.detail.template;
    const list = this.list.value ?? [];
    this.list.value = list.some((t) => t.id === saved.id) ? list.map((t) => (t.id === saved.id ? saved : t)) : [...list, saved];
    this.open = saved.id;
  }

  private onDeleted(event: CustomEvent<{ id: string }>): void {
    this.list.value = (this.list.value ?? []).filter((t) => t.id !== event.detail.id);
    this.open = this.list.value[0]?.id ?? 'new';
  }

  private async apply(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const template = this.current!;
    const data = new FormData(event.target as HTMLFormElement);
    const customerId = String(data.get('customer') ?? '');
    const name = this.portal!.store.customers.find((c) => c.id === customerId)?.name ?? '';
    this.applied = null;
    const applied = await this.attempt(() => this.admin!.api.applyTemplate(template.id, customerId, String(data.get('start') ?? '')), {
      failed: msg(str`“${template.name}” was not applied to ${name}.`),
    });
    if (applied) this.applied = applied;
  }

  private renderApply(template: Template) {
    const { customers } = this.portal!.store;
    const applied = this.applied;
    const customerName = (id: string) => customers.find((c) => c.id === id)?.name ?? '';
    return html`<section class="card" part="apply" aria-labelledby="apply-title">
      <h2 id="apply-title">${msg(str`Apply “${template.name}” to a customer`)}</h2>
      <form class="fields" @submit=${this.apply}>
        <label
          >${msg('Customer')}
          <select name="customer" required>
            ${customers.map((c) => html`<option value=${c.id} ?selected=${c.id === this.admin!.route.customer}>${c.name}</option>`)}
          </select>
        </label>
        <label>${msg('Starts on')} <input type="date" name="start" .value=${today()} /></label>
        <button class="primary" type="submit" ?disabled=${!customers.length}>${msg('Apply')}</button>
      </form>
      ${applied
        ? html`<div class="applied" role="status">
            <p>
              ${plural(applied.tasks.length, {
                one: msg(str`Project “${applied.project.name}” created for ${customerName(applied.project.customerId)} with ${formatNumber(applied.tasks.length)} task; the other steps follow as it is done.`),
                other: msg(str`Project “${applied.project.name}” created for ${customerName(applied.project.customerId)} with ${formatNumber(applied.tasks.length)} tasks; the other steps follow as these are done.`),
              })}
            </p>
            <button @click=${() => this.admin!.go({ tab: 'work', customer: applied.project.customerId })}>${msg('Open its work')}</button>
          </div>`
        : nothing}
    </section>`;
  }

  override render() {
    if (!this.admin || !this.portal) return nothing;
    const templates = this.list.value ?? [];
    const current = this.current;
    return html`<div class="split">
      <section class="card list" aria-labelledby="templates-title">
        <div class="head">
          <h2 id="templates-title">${msg('Templates')}</h2>
          <button @click=${() => this.choose('new')} aria-pressed=${String(this.open === 'new')}>${msg('New template')}</button>
        </div>
        <ul class="plain">
          ${templates.map(
            (t) => html`<li part="template-item">
              <button class="item" aria-current=${t.id === this.open ? 'true' : 'false'} @click=${() => this.choose(t.id)}>
                <strong>${t.name}</strong>
                <span class="muted">${plural(t.tasks.length, { one: msg(str`${formatNumber(t.tasks.length)} step · project “${t.project.name}”`), other: msg(str`${formatNumber(t.tasks.length)} steps · project “${t.project.name}”`) })}</span>
              </button>
            </li>`,
          )}
        </ul>
        <cp-state exportparts="state" .load=${this.list.load} .empty=${!templates.length} empty-text=${msg('No templates yet.')} .retry=${() => this.list.run()}></cp-state>
      </section>
      <div class="main">
        ${this.open
          ? html`<section class="card" aria-labelledby="editor-title">
              <h2 id="editor-title">${current ? current.name : msg('New template')}</h2>
              <cp-admin-template-editor .template=${current} @cp-admin-template-saved=${this.onSaved} @cp-admin-template-deleted=${this.onDeleted}></cp-admin-template-editor>
            </section>`
          : nothing}
        ${current ? this.renderApply(current) : nothing}
      </div>
    </div>`;
  }
}
define('cp-admin-templates', CpAdminTemplates);

declare global {
  interface HTMLElementTagNameMap {
    'cp-admin-templates': CpAdminTemplates;
  }
}
