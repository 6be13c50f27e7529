import { msg } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { Person, Task } from '../../api/api.types.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { byName } from '../../store/selectors.js';

/**
 * Picks a task's assignees among the customer's contacts and the vendor's team; each tick
 * saves at once (and is rolled back if refused).
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

  @property({ attribute: false }) task?: Task;

  private toggle(person: Person, on: boolean): void {
    const task = this.task!;
    const ids = on ? [...task.assigneeIds, person.id] : task.assigneeIds.filter((id) => id !== person.id);
    void this.portal!.actions.updateTask(task.id, { assigneeIds: ids }).catch(() => {});
  }

  private group(legend: string, people: Person[]) {
    if (!people.length) return nothing;
    const assigned = new Set(this.task!.assigneeIds);
    return html`<fieldset>
      <legend>${legend}</legend>
      ${people.map(
        (p) => html`<label><input type="checkbox" .checked=${assigned.has(p.id)} @change=${(e: Event) => this.toggle(p, (e.target as HTMLInputElement).checked)} />${p.name}</label>`,
      )}
    </fieldset>`;
  }

  override render() {
    if (!this.portal || !this.task) return nothing;
    const { store } = this.portal;
    const people = [...store.people.values()].sort(byName);
    const names = this.task.assigneeIds.map((id) => store.personName(id) || msg('Someone else'));
    return html`<details part="assignees">
      <summary>
        <span class="visually-hidden">${msg('Assignees:')}</span>
        ${names.length ? names.map((n) => html`<span class="chip">${n}</span>`) : html`<span class="muted">${msg('Nobody yet')}</span>`}
      </summary>
      ${this.group(store.isStaff ? msg('Customer contacts') : msg('Your team'), people.filter((p) => p.role === 'contact'))}
      ${this.group(store.isStaff ? msg('Your team') : (store.me?.tenant.name ?? msg('Vendor team')), people.filter((p) => p.role === 'staff'))}
    </details>`;
  }
}
define('cp-assignee-picker', CpAssigneePicker);

declare global {
  interface HTMLElementTagNameMap {
    'cp-assignee-picker': CpAssigneePicker;
  }
}
