import { msg, str } from '@lit/localize';
import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Milestone, Visibility } from '../../api/api.types.js';
import { formatDate } from '../../lib/format.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { internalBadge, tasksDone } from '../../lib/templates.js';
import '../cp-visibility/cp-visibility.js';
import { byDue, daysLeft, milestoneBadge, milestoneWatch } from './milestone-parts.js';

/**
 * A project's milestones, by date: each with its status (computed by the service from its
 * tasks), its date and how far it is, and how many of its tasks are done. Staff add, change and
 * delete them here. A chunk of its own, loaded with the project page.
 * @csspart milestones - the section
 * @csspart milestone - one milestone
 * @csspart milestone-form - the form that adds or changes one (staff)
 */
export class CpMilestones extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      :host {
        display: grid;
        gap: var(--cp-space);
      }
      h3 {
        margin: 0;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--cp-space);
      }
      li {
        display: grid;
        gap: 4px;
        border-inline-start: 3px solid var(--cp-color-border);
        padding-inline-start: var(--cp-space);
      }
      li.at_risk,
      li.missed {
        border-color: var(--cp-color-danger);
      }
      li.reached {
        border-color: var(--cp-color-success);
      }
      .line {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: var(--cp-space);
      }
      form {
        display: grid;
        gap: var(--cp-space);
      }
      .pair {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(140px, 1fr));
        gap: var(--cp-space);
      }
      .buttons {
        display: flex;
        flex-wrap: wrap;
        gap: var(--cp-space);
      }
    `,
  ];

  /** The milestone being edited (`new` for a new one), or none. */
  @state() private editing: string | null = null;
  @state() private visibility: Visibility = 'portal';
  @state() private saving = false;
  @state() private confirming: string | null = null;
  @property({ attribute: 'project-id' }) projectId = '';
  private readonly watch = milestoneWatch();

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.portal) this.watch(this.portal);
  }

  private edit(milestone: Milestone | null): void {
    this.editing = milestone?.id ?? 'new';
    this.visibility = milestone?.visibility ?? 'portal';
    this.confirming = null;
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const id = this.editing === 'new' ? null : this.editing;
    this.saving = true;
    try {
      await this.portal!.actions.saveMilestone(id, {
        ...(id ? {} : { projectId: this.projectId }),
        name: text('name'),
        dueDate: text('due'),
        visibility: this.visibility,
      });
      // Only the form that was saved closes: another one opened meanwhile stays open.
      if (this.editing === (id ?? 'new')) this.editing = null;
    } catch {
      // The store said why; the form keeps what was typed.
    } finally {
      this.saving = false;
    }
  }

  private async deleteOne(milestone: Milestone): Promise<void> {
    if (this.confirming !== milestone.id) {
      this.confirming = milestone.id;
      return;
    }
    this.confirming = null;
    await this.portal!.actions.deleteMilestone(milestone);
  }

  private form(milestone: Milestone | null) {
    const title = milestone ? msg(str`Change ${milestone.name}`) : msg('New milestone');
    return html`<form part="milestone-form" aria-label=${title} @submit=${this.save}>
      <div class="pair">
        <label>${msg('Name')} <input name="name" required maxlength="200" autocomplete="off" .value=${milestone?.name ?? ''} /></label>
        <label>${msg('Date')} <input name="due" type="date" required .value=${milestone?.dueDate ?? ''} /></label>
      </div>
      <cp-visibility label=${msg('Visible to')} .value=${this.visibility} @cp-visibility-change=${(e: CustomEvent<{ visibility: Visibility }>) => (this.visibility = e.detail.visibility)}></cp-visibility>
      <div class="buttons">
        <button type="button" @click=${() => (this.editing = null)}>${msg('Cancel')}</button>
        <button class="primary" type="submit" ?disabled=${this.saving}>${milestone ? msg('Save') : msg('Add milestone')}</button>
      </div>
    </form>`;
  }

  private row(m: Milestone, staff: boolean) {
    if (this.editing === m.id) return html`<li>${this.form(m)}</li>`;
    const { store } = this.portal!;
    return html`<li part="milestone" class=${m.status}>
      <div class="line">
        <strong>${m.name}</strong> ${milestoneBadge(m)} ${internalBadge(m)}
      </div>
      <div class="line muted">
        <span>${formatDate(m.dueDate, store.dateFormat)} · ${daysLeft(m.dueDate)}</span>
        <span>${m.taskCount ? tasksDone(m.doneCount, m.taskCount) : msg('No tasks linked yet.')}</span>
      </div>
      ${staff
        ? html`<div class="buttons">
            <button class="link" @click=${() => this.edit(m)} aria-label=${msg(str`Change ${m.name}`)}>${msg('Change')}</button>
            <button class="link" @click=${() => this.deleteOne(m)} aria-label=${this.confirming === m.id ? msg(str`Confirm: delete ${m.name}`) : msg(str`Delete ${m.name}`)}>
              ${this.confirming === m.id ? msg('Confirm delete') : msg('Delete')}
            </button>
          </div>`
        : nothing}
    </li>`;
  }

  override render() {
    if (!this.portal) return nothing;
    const { store } = this.portal;
    const staff = store.showsStaffTools;
    const milestones = [...store.milestones.values()].filter((m) => m.projectId === this.projectId).sort(byDue);
    if (!milestones.length && !staff) return nothing;
    return html`<section part="milestones" aria-labelledby="milestones-title">
      <h3 id="milestones-title">${msg('Milestones')}</h3>
      ${milestones.length ? html`<ol>${milestones.map((m) => this.row(m, staff))}</ol>` : html`<p class="muted">${msg('No milestones yet.')}</p>`}
      ${staff && this.editing === 'new' ? this.form(null) : nothing}
      ${staff && this.editing !== 'new' ? html`<div><button @click=${() => this.edit(null)}>${msg('Add a milestone')}</button></div>` : nothing}
    </section>`;
  }
}
define('cp-milestones', CpMilestones);

declare global {
  interface HTMLElementTagNameMap {
    'cp-milestones': CpMilestones;
  }
}
