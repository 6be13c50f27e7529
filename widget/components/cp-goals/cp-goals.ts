import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Goal, GoalUpdate } from '../../api/goal.types.js';
import { asRequestError } from '../../api/request-error.js';
import { RemoteController } from '../../controllers/remote.controller.js';
import { errorText } from '../../lib/error-text.js';
import { formatDate, formatPercent } from '../../lib/format.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { internalBadge } from '../../lib/templates.js';
import { viewStyles } from '../../styles/shared.styles.js';
import '../cp-state/cp-state.js';
import './cp-goal-form.js';
import { goalChart, historyTable, withUnit } from './goal-chart.js';
import { byDue, goalBadge } from './goal-parts.js';

type History = { count: number; updates: GoalUpdate[] } | 'loading' | 'error';

/**
 * The customer's shared goals (success plan): each a card with its status, a progress bar from
 * start to target, its owners and due date; opened, the history as a chart and a table, and a
 * form to record progress (the team, and contacts on the goals they own). The team adds and
 * changes goals here, in the staff widget and the admin page's Goals tab (`customer-id`). A
 * chunk of its own.
 * @csspart goal-card - one goal
 * @csspart goal-chart - a goal's history as a line
 * @csspart goal-history - a goal's history as a table
 * @csspart goal-progress-form - the form that records progress
 * @csspart goal-form - the team's form for a goal
 */
export class CpGoals extends PortalElement {
  static override styles = [
    PortalElement.styles,
    viewStyles,
    css`
      .goals {
        display: grid;
        gap: calc(var(--cp-space) * 2);
      }
      .card {
        display: grid;
        gap: var(--cp-space);
        min-width: 0;
      }
      .card.at_risk,
      .card.off_track {
        border-inline-start: 3px solid var(--cp-color-danger);
      }
      .card.achieved {
        border-inline-start: 3px solid var(--cp-color-success);
      }
      figure {
        margin: 0;
      }
      svg {
        width: 100%;
        height: 120px;
        overflow: visible;
      }
      svg line {
        stroke: var(--cp-color-border);
        stroke-width: 1;
        vector-effect: non-scaling-stroke;
      }
      svg line.target {
        stroke: var(--cp-color-success);
        stroke-dasharray: 4 3;
      }
      svg polyline {
        fill: none;
        stroke: var(--cp-color-primary);
        stroke-width: 2;
        vector-effect: non-scaling-stroke;
      }
      svg line.point {
        stroke: var(--cp-color-primary);
        stroke-width: 7;
        stroke-linecap: round;
      }
      table {
        width: 100%;
        border-collapse: collapse;
        font-size: 0.9em;
      }
      th,
      td {
        text-align: start;
        padding: 4px;
        border-bottom: 1px solid var(--cp-color-border);
        vertical-align: top;
        overflow-wrap: anywhere;
      }
      td.note {
        white-space: pre-wrap;
      }
      form {
        display: grid;
        gap: var(--cp-space);
      }
      .buttons {
        display: flex;
        flex-wrap: wrap;
        gap: var(--cp-space);
      }
      .description {
        white-space: pre-wrap;
        margin: 0;
      }
    `,
  ];

  @state() private open = new Set<string>();
  @state() private histories = new Map<string, History>();
  /** The goal being edited (`new` for a new one), or none. */
  @state() private editing: string | null = null;
  @state() private confirming: string | null = null;
  @state() private sending = false;
  /** The customer whose goals to show (the admin page's Goals tab); else the widget's own. */
  @property({ attribute: 'customer-id' }) customerId = '';

  /** Histories being fetched: a render meanwhile asks for none again. */
  private readonly fetching = new Set<string>();

  private readonly goals = new RemoteController<Goal[]>(
    this,
    () => this.portal,
    (api, customerId) => api.all<Goal>('/v1/goals', { customerId: this.portal?.store.isStaff ? this.customer(customerId) : undefined }),
    ['goal.'],
  );

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('customerId') && changed.get('customerId') !== undefined) void this.goals.refresh();
  }

  private customer(shown: string | null = this.portal?.store.customerId ?? null): string | undefined {
    return this.customerId || shown || undefined;
  }

  /** The team records progress on every goal; a contact on those it owns, with `goals.update`. */
  private mayRecord(goal: Goal): boolean {
    const { store } = this.portal!;
    return store.isStaff ? !store.portalOnly : store.can('goals.update') && goal.ownerIds.includes(store.me?.user.id ?? '');
  }

  private async loadHistory(goal: Goal): Promise<void> {
    if (this.fetching.has(goal.id)) return;
    this.fetching.add(goal.id);
    if (this.histories.get(goal.id) === undefined) this.histories = new Map(this.histories).set(goal.id, 'loading');
    try {
      const updates = await this.portal!.api.all<GoalUpdate>(`/v1/goals/${encodeURIComponent(goal.id)}/updates`);
      this.histories = new Map(this.histories).set(goal.id, { count: goal.updateCount, updates });
    } catch (error) {
      this.histories = new Map(this.histories).set(goal.id, 'error');
      this.portal!.store.notify(errorText(asRequestError(error)), 'error');
    } finally {
      this.fetching.delete(goal.id);
    }
  }

  private toggle(goal: Goal): void {
    const open = new Set(this.open);
    if (open.delete(goal.id)) {
      this.open = open;
      return;
    }
    this.open = open.add(goal.id);
    void this.loadHistory(goal);
  }

  private async record(event: Event, goal: Goal): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const value = String(data.get('value') ?? '').trim();
    const note = String(data.get('note') ?? '').trim();
    this.sending = true;
    try {
      await this.portal!.api.request<GoalUpdate>('POST', `/v1/goals/${encodeURIComponent(goal.id)}/updates`, { body: { ...(goal.metric ? { value: Number(value) } : {}), ...(note ? { note } : {}) } });
      form.reset();
      this.portal!.store.notify(msg('Progress recorded.'));
      await this.goals.refresh();
    } catch (error) {
      this.portal!.store.notify(errorText(asRequestError(error)), 'error');
    } finally {
      this.sending = false;
    }
  }

  private async deleteGoal(goal: Goal): Promise<void> {
    if (this.confirming !== goal.id) {
      this.confirming = goal.id;
      return;
    }
    this.confirming = null;
    try {
      await this.portal!.api.request<void>('DELETE', `/v1/goals/${encodeURIComponent(goal.id)}`);
      await this.goals.refresh();
    } catch (error) {
      this.portal!.store.notify(errorText(asRequestError(error)), 'error');
    }
  }

  private saved(): void {
    this.editing = null;
    void this.goals.refresh();
  }

  private form(goal: Goal | null) {
    return html`<cp-goal-form
      exportparts="goal-form"
      customer-id=${goal?.customerId ?? this.customer() ?? ''}
      .goal=${goal}
      @cp-goal-saved=${(e: Event) => (e.stopPropagation(), this.saved())}
      @cp-goal-cancel=${(e: Event) => (e.stopPropagation(), (this.editing = null))}
    ></cp-goal-form>`;
  }

  private progressForm(goal: Goal) {
    const id = `record-${goal.id}`;
    return html`<form part="goal-progress-form" aria-labelledby=${id} @submit=${(e: Event) => this.record(e, goal)}>
      <h4 id=${id}>${msg('Record progress')}</h4>
      ${goal.metric ? html`<label>${msg(str`Current value (${goal.metric.unit || msg('number')})`)} <input name="value" type="number" step="any" required /></label>` : nothing}
      <label>${msg('Note')} <textarea name="note" rows="2" maxlength="5000" ?required=${!goal.metric}></textarea></label>
      <div class="buttons"><button class="primary" type="submit" ?disabled=${this.sending}>${msg('Record')}</button></div>
    </form>`;
  }

  private detail(goal: Goal) {
    const history = this.histories.get(goal.id);
    // A newer update than the history shown (recorded here, by the other side, or live): fetch again.
    if (history && typeof history === 'object' && history.count !== goal.updateCount) void this.loadHistory(goal);
    const format = this.portal!.store.dateFormat;
    return html`
      ${goal.description ? html`<p class="description">${goal.description}</p>` : nothing}
      ${history === 'loading' || history === undefined
        ? html`<p class="muted" role="status">${msg('Loading…')}</p>`
        : history === 'error'
          ? html`<p role="alert">${msg('The history could not be loaded.')}</p>`
          : html`${goalChart(goal, history.updates)} ${historyTable(goal, history.updates, format)}`}
      ${this.mayRecord(goal) ? this.progressForm(goal) : nothing}
    `;
  }

  private card(goal: Goal) {
    if (this.editing === goal.id) return this.form(goal);
    const { store } = this.portal!;
    const headingId = `goal-${goal.id}`;
    const metric = goal.metric;
    const shown = this.open.has(goal.id);
    return html`<article class="card ${goal.status}" part="goal-card" aria-labelledby=${headingId}>
      <div class="row">
        <h3 id=${headingId}>${goal.title}</h3>
        ${goalBadge(goal)} ${internalBadge(goal)}
      </div>
      ${metric && goal.progress !== null
        ? html`<div>
            <progress max="1" .value=${goal.progress} aria-labelledby=${headingId} aria-valuetext=${formatPercent(goal.progress)}></progress>
            <div class="muted">
              ${goal.current === null
                ? msg(str`Starts at ${withUnit(metric.start, metric)}, target ${withUnit(metric.target, metric)}`)
                : msg(str`${withUnit(goal.current, metric)}, target ${withUnit(metric.target, metric)} (${formatPercent(goal.progress)})`)}
            </div>
          </div>`
        : nothing}
      <div class="row muted">
        ${goal.dueDate ? html`<span>${msg(str`Due ${formatDate(goal.dueDate, store.dateFormat)}`)}</span>` : nothing}
        ${goal.owners.length ? html`<span>${msg(str`Owners: ${goal.owners.map((o) => o.name).join(', ')}`)}</span>` : nothing}
        ${goal.lastUpdateAt ? html`<span>${msg(str`Updated ${formatDate(goal.lastUpdateAt, store.dateFormat)}`)}</span>` : nothing}
      </div>
      <div class="buttons">
        <button class="link" aria-expanded=${String(shown)} @click=${() => this.toggle(goal)}>
          ${shown ? msg('Hide details') : msg('Details and progress')}
        </button>
        ${store.showsStaffTools
          ? html`<button class="link" @click=${() => ((this.editing = goal.id), (this.confirming = null))} aria-label=${msg(str`Change ${goal.title}`)}>${msg('Change')}</button>
              <button class="link" @click=${() => this.deleteGoal(goal)} aria-label=${this.confirming === goal.id ? msg(str`Confirm: delete ${goal.title}`) : msg(str`Delete ${goal.title}`)}>
                ${this.confirming === goal.id ? msg('Confirm delete') : msg('Delete')}
              </button>`
          : nothing}
      </div>
      ${shown ? this.detail(goal) : nothing}
    </article>`;
  }

  override render() {
    if (!this.portal) return nothing;
    const { store } = this.portal;
    // A preview as the customer sees it: the shared goals only.
    const goals = (this.goals.value ?? []).filter((g) => !store.portalOnly || g.visibility === 'portal').sort(byDue);
    const creates = store.showsStaffTools && Boolean(this.customer());
    return html`
      <h2>${msg('Goals')}</h2>
      ${creates && this.editing !== 'new' ? html`<div><button @click=${() => (this.editing = 'new')}>${msg('Add a goal')}</button></div>` : nothing}
      ${creates && this.editing === 'new' ? this.form(null) : nothing}
      <cp-state exportparts="state" .load=${this.goals.load} .empty=${!goals.length} empty-text=${msg('No shared goals yet.')} .retry=${() => this.goals.refresh()}></cp-state>
      ${goals.length ? html`<div class="goals">${goals.map((g) => this.card(g))}</div>` : nothing}
    `;
  }
}
define('cp-goals', CpGoals);

declare global {
  interface HTMLElementTagNameMap {
    'cp-goals': CpGoals;
  }
}
