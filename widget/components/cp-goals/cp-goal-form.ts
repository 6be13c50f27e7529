import { msg, str } from '@lit/localize';
import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Person, Visibility } from '../../api/api.types.js';
import { GOAL_STATUSES, type Goal, type GoalInput, type GoalStatus } from '../../api/goal.types.js';
import { asRequestError } from '../../api/request-error.js';
import { errorText } from '../../lib/error-text.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import '../cp-visibility/cp-visibility.js';
import { goalStatusLabel } from './goal-parts.js';

/**
 * The team's form for a goal: title, description, an optional metric (unit, start, target),
 * due date, status, who sees it and its owners (the team's and the customer's people).
 * @fires cp-goal-saved - `{goal}`: the goal was created or changed
 * @fires cp-goal-cancel - the form was closed without saving
 * @csspart goal-form - the form
 */
export class CpGoalForm extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      form {
        display: grid;
        gap: var(--cp-space);
      }
      .pair {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(130px, 1fr));
        gap: var(--cp-space);
      }
      fieldset {
        border: 1px solid var(--cp-color-border);
        border-radius: var(--cp-radius);
        margin: 0;
        display: flex;
        flex-wrap: wrap;
        gap: var(--cp-space);
      }
      .buttons {
        display: flex;
        flex-wrap: wrap;
        gap: var(--cp-space);
      }
    `,
  ];

  @state() private people: Person[] = [];
  @state() private visibility: Visibility = 'portal';
  @state() private measured = false;
  @state() private saving = false;
  @state() private error = '';
  /** The goal to change; null for a new one. */
  @property({ attribute: false }) goal: Goal | null = null;
  @property({ attribute: 'customer-id' }) customerId = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('goal')) {
      this.visibility = this.goal?.visibility ?? 'portal';
      this.measured = Boolean(this.goal?.metric);
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadPeople();
  }

  private async loadPeople(): Promise<void> {
    await this.updateComplete;
    try {
      this.people = (await this.portal?.api.people(this.customerId)) ?? [];
    } catch (error) {
      this.portal?.store.notify(errorText(asRequestError(error)), 'error');
    }
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const input: GoalInput = {
      title: text('title'),
      description: text('description'),
      metric: this.measured ? { unit: text('unit'), start: Number(text('start')), target: Number(text('target')) } : null,
      dueDate: text('due') || null,
      status: text('status') as GoalStatus,
      visibility: this.visibility,
      ownerIds: data.getAll('owner').map(String),
    };
    // A goal without progress may drop its metric; one with history keeps it unless changed.
    if (this.goal && !this.goal.metric && !this.measured) delete input.metric;
    this.saving = true;
    this.error = '';
    try {
      const { api } = this.portal!;
      const goal = this.goal
        ? await api.request<Goal>('PATCH', `/v1/goals/${encodeURIComponent(this.goal.id)}`, { body: input })
        : await api.request<Goal>('POST', '/v1/goals', { body: { ...input, customerId: this.customerId } });
      this.emit('cp-goal-saved', { goal });
    } catch (error) {
      this.error = errorText(asRequestError(error));
    } finally {
      this.saving = false;
    }
  }

  override render() {
    const g = this.goal;
    const title = g ? msg(str`Change ${g.title}`) : msg('New goal');
    const owners = new Set(g?.ownerIds ?? []);
    return html`<form part="goal-form" aria-label=${title} @submit=${this.save}>
      <label>${msg('Title')} <input name="title" required maxlength="200" autocomplete="off" .value=${g?.title ?? ''} /></label>
      <label>${msg('Description')} <textarea name="description" rows="2" .value=${g?.description ?? ''}></textarea></label>
      <label class="inline"><input type="checkbox" .checked=${this.measured} @change=${(e: Event) => (this.measured = (e.target as HTMLInputElement).checked)} />${msg('Measured by a number')}</label>
      ${this.measured
        ? html`<div class="pair">
            <label>${msg('Unit')} <input name="unit" maxlength="40" placeholder=${msg('e.g. tickets, %')} .value=${g?.metric?.unit ?? ''} /></label>
            <label>${msg('Start')} <input name="start" type="number" step="any" required .value=${g?.metric ? String(g.metric.start) : ''} /></label>
            <label>${msg('Target')} <input name="target" type="number" step="any" required .value=${g?.metric ? String(g.metric.target) : ''} /></label>
          </div>`
        : nothing}
      <div class="pair">
        <label>${msg('Due date')} <input name="due" type="date" .value=${g?.dueDate ?? ''} /></label>
        <label
          >${msg('Status')}
          <select name="status">
            ${GOAL_STATUSES.map((s) => html`<option value=${s} ?selected=${(g?.status ?? 'on_track') === s}>${goalStatusLabel(s)}</option>`)}
          </select>
        </label>
      </div>
      <fieldset>
        <legend>${msg('Owners')}</legend>
        ${this.people.map(
          (p) => html`<label class="inline"><input type="checkbox" name="owner" value=${p.id} ?checked=${owners.has(p.id)} />${p.name}${p.role === 'staff' ? html` <span class="muted">(${msg('team')})</span>` : nothing}</label>`,
        )}
      </fieldset>
      <cp-visibility label=${msg('Visible to')} .value=${this.visibility} @cp-visibility-change=${(e: CustomEvent<{ visibility: Visibility }>) => (this.visibility = e.detail.visibility)}></cp-visibility>
      ${this.error ? html`<p role="alert">${this.error}</p>` : nothing}
      <div class="buttons">
        <button type="button" @click=${() => this.emit('cp-goal-cancel', {})}>${msg('Cancel')}</button>
        <button class="primary" type="submit" ?disabled=${this.saving}>${g ? msg('Save') : msg('Add goal')}</button>
      </div>
    </form>`;
  }
}
define('cp-goal-form', CpGoalForm);

declare global {
  interface HTMLElementTagNameMap {
    'cp-goal-form': CpGoalForm;
  }
}
