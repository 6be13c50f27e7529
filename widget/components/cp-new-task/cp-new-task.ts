import { msg } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import { PRIORITIES, type Priority, type Visibility } from '../../api/api.types.js';
import { priorityLabel } from '../../lib/labels.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { dialogStyles } from '../cp-dialog/dialog.styles.js';
import '../cp-assignee-picker/cp-assignee-picker.js';
import '../cp-visibility/cp-visibility.js';
import { byName } from '../../store/selectors.js';

/**
 * "New task": a dialog with a title, a description, a project, a due date, a priority and the
 * people it is assigned to (and, for staff, the visibility). The new task opens once created.
 * @example this.shadowRoot.querySelector('cp-new-task').show();
 * @csspart new-task - the dialog
 */
export class CpNewTask extends PortalElement {
  static override styles = [
    PortalElement.styles,
    dialogStyles,
    css`
      form {
        display: grid;
        gap: calc(var(--cp-space) * 1.5);
      }
      .pair {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(140px, 1fr));
        gap: var(--cp-space);
      }
      input:not([type='date']),
      select {
        width: 100%;
      }
      .assign {
        display: grid;
        gap: 4px;
      }
      .assign .label {
        font-size: 0.9em;
        color: var(--cp-color-muted);
      }
    `,
  ];

  @query('dialog') private dialog!: HTMLDialogElement;
  @query('form') private form!: HTMLFormElement;
  @state() private saving = false;
  @state() private assignees: string[] = [];
  @state() private visibility: Visibility = 'portal';

  /** Opens the dialog, empty. */
  show(): void {
    this.form.reset();
    this.assignees = [];
    this.visibility = 'portal';
    this.dialog.showModal();
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const data = new FormData(this.form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const { actions, navigate, store } = this.portal!;
    this.saving = true;
    try {
      const task = await actions.createTask({
        title: text('title'),
        description: text('description'),
        projectId: store.projectId ?? (text('project') || null),
        dueDate: text('due') || null,
        priority: (text('priority') || 'medium') as Priority,
        ...(this.assignees.length ? { assigneeIds: this.assignees } : {}),
        ...(store.isStaff ? { visibility: this.visibility } : {}),
      });
      this.dialog.close();
      navigate({ view: 'tasks', task: task.id });
    } catch {
      // The store said why; the dialog stays open with what was typed.
    } finally {
      this.saving = false;
    }
  }

  override render() {
    if (!this.portal) return html`<dialog></dialog>`;
    const { store } = this.portal;
    const projects = [...store.projects.values()].filter((p) => p.status === 'active' || p.status === 'on_hold').sort(byName);
    return html`<dialog part="new-task" aria-labelledby="new-task-title">
      <form @submit=${this.submit}>
        <h2 id="new-task-title">${msg('New task')}</h2>
        <label>${msg('Title')} <input name="title" required maxlength="500" autocomplete="off" /></label>
        <label>${msg('Description')} <textarea name="description" rows="4" placeholder=${msg('Markdown is welcome.')}></textarea></label>
        <div class="pair">
          ${store.projectId
            ? nothing
            : html`<label
                >${msg('Project')}
                <select name="project">
                  <option value="">${msg('No project')}</option>
                  ${projects.map((p) => html`<option value=${p.id}>${p.name}</option>`)}
                </select></label
              >`}
          <label>${msg('Due date')} <input name="due" type="date" /></label>
          <label
            >${msg('Priority')}
            <select name="priority">
              ${PRIORITIES.map((p) => html`<option value=${p} ?selected=${p === 'medium'}>${priorityLabel(p)}</option>`)}
            </select></label
          >
        </div>
        <div class="assign">
          <span class="label">${msg('Assignees')}</span>
          <cp-assignee-picker .selected=${this.assignees} @cp-assignees-change=${(e: CustomEvent<{ assigneeIds: string[] }>) => (this.assignees = e.detail.assigneeIds)}></cp-assignee-picker>
        </div>
        ${store.isStaff
          ? html`<cp-visibility label=${msg('Visible to')} .value=${this.visibility} @cp-visibility-change=${(e: CustomEvent<{ visibility: Visibility }>) => (this.visibility = e.detail.visibility)}></cp-visibility>`
          : nothing}
        <div class="buttons">
          <button type="button" @click=${() => this.dialog.close()}>${msg('Cancel')}</button>
          <button class="primary" type="submit" ?disabled=${this.saving}>${this.saving ? msg('Creating…') : msg('Create task')}</button>
        </div>
      </form>
    </dialog>`;
  }
}
define('cp-new-task', CpNewTask);

declare global {
  interface HTMLElementTagNameMap {
    'cp-new-task': CpNewTask;
  }
}
