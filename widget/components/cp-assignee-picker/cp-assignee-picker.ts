import { msg } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { property, query } from 'lit/decorators.js';
import type { Person, Task } from '../../api/api.types.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { byName } from '../../store/selectors.js';

/**
 * Picks a task's assignees among the customer's contacts and the vendor's team; each tick
 * saves at once (and is rolled back if refused). "Done" or Escape closes the list (Escape
 * closes only the list, not the task around it) and gives the focus back to it.
 * In a task being created (no `task`), it only collects the choice: `selected`, and
 * `cp-assignees-change` `{assigneeIds}` on each tick.
 * @fires cp-assignees-change - `{assigneeIds}`: the choice changed (no `task` only)
 * @csspart assignees - the picker
 */
export class CpAssigneePicker extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      details {
        position: relative;
      }
      summary {
        cursor: pointer;
        list-style: none;
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
        align-items: center;
        min-height: 36px;
        padding: 4px var(--cp-space);
        border: 1px solid var(--cp-color-border);
        border-radius: var(--cp-radius);
      }
      summary::-webkit-details-marker {
        display: none;
      }
      .chip {
        background: var(--cp-color-surface);
        border-radius: 999px;
        padding: 0 var(--cp-space);
      }
      fieldset {
        border: 1px solid var(--cp-color-border);
        border-radius: var(--cp-radius);
        margin: 4px 0 0;
        padding: var(--cp-space);
        display: grid;
        gap: 2px;
      }
      .done {
        margin-top: 4px;
      }
      legend {
        font-weight: 600;
        padding: 0 4px;
      }
      fieldset label {
        display: flex;
        align-items: center;
        gap: var(--cp-space);
        color: var(--cp-color-text);
        font-size: 1em;
        min-height: 32px;
      }
    `,
  ];

  @query('details') private details!: HTMLDetailsElement;
  @property({ attribute: false }) task?: Task;
  /** Without a task (a task being created): the people chosen so far; changes fire `cp-assignees-change`. */
  @property({ attribute: false }) selected: string[] = [];

  private get chosen(): string[] {
    return this.task ? this.task.assigneeIds : this.selected;
  }

  private close(): void {
    this.details.open = false;
    this.renderRoot.querySelector<HTMLElement>('summary')?.focus();
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.details.open) return;
    // The panel closes on Escape too: this one is the list's.
    event.preventDefault();
    event.stopPropagation();
    this.close();
  }

  private toggle(person: Person, on: boolean): void {
    const ids = on ? [...this.chosen, person.id] : this.chosen.filter((id) => id !== person.id);
    if (!this.task) {
      this.selected = ids;
      this.dispatchEvent(new CustomEvent('cp-assignees-change', { detail: { assigneeIds: ids }, bubbles: true }));
      return;
    }
    void this.portal!.actions.updateTask(this.task.id, { assigneeIds: ids }).catch(() => {});
  }

  private group(legend: string, people: Person[]) {
    if (!people.length) return nothing;
    const assigned = new Set(this.chosen);
    return html`<fieldset>
      <legend>${legend}</legend>
      ${people.map(
        (p) => html`<label><input type="checkbox" .checked=${assigned.has(p.id)} @change=${(e: Event) => this.toggle(p, (e.target as HTMLInputElement).checked)} />${p.name}</label>`,
      )}
    </fieldset>`;
  }

  override render() {
    if (!this.portal) return nothing;
    const { store } = this.portal;
    const people = [...store.people.values()].sort(byName);
    const names = this.chosen.map((id) => store.personName(id) || msg('Someone else'));
    return html`<details part="assignees" @keydown=${this.onKey}>
      <summary>
        <span class="visually-hidden">${msg('Assignees:')}</span>
        ${names.length ? names.map((n) => html`<span class="chip">${n}</span>`) : html`<span class="muted">${msg('Nobody yet')}</span>`}
      </summary>
      ${this.group(store.isStaff ? msg('Customer contacts') : msg('Your team'), people.filter((p) => p.role === 'contact'))}
      ${this.group(store.isStaff ? msg('Your team') : (store.me?.tenant.name ?? msg('Vendor team')), people.filter((p) => p.role === 'staff'))}
      <button type="button" class="done" @click=${this.close}>${msg('Done')}</button>
    </details>`;
  }
}
define('cp-assignee-picker', CpAssigneePicker);

declare global {
  interface HTMLElementTagNameMap {
    'cp-assignee-picker': CpAssigneePicker;
  }
}
