import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PRIORITIES, type Priority, type Visibility } from '../../api/api.types.js';
import { asRequestError, type RequestError } from '../../api/request-error.js';
import { errorText } from '../../lib/error-text.js';
import { priorityLabel } from '../../lib/labels.js';
import { define } from '../../lib/portal-element.js';
import type { AssignTo, Template, TemplateInput, TemplateTask } from '../api/admin-api.types.js';
import { AdminElement } from '../lib/admin-element.js';
import { assignToLabel, visibilityLabel } from '../lib/admin-labels.js';
import { editorStyles } from './cp-admin-template-editor.styles.js';

const ASSIGN_TO: AssignTo[] = [null, 'csm', 'contacts'];
const VISIBILITIES: Visibility[] = ['portal', 'internal'];

const blankTask = (key: string): TemplateTask => ({ key, title: '', description: '', visibility: 'portal', priority: 'medium', dueInDays: null, assignTo: null, after: [] });

/** A key no step of `tasks` has: `step-1`, `step-2`, … (keys only link steps; people see titles). */
const freshKey = (tasks: TemplateTask[]) => {
  let n = tasks.length + 1;
  while (tasks.some((t) => t.key === `step-${n}`)) n++;
  return `step-${n}`;
};

/** "Step 2, title" for a detail's path such as `tasks.1.title`. */
function place(path: string): string {
  const step = /^tasks\.(\d+)(?:\.(\w+))?/.exec(path);
  if (step) return step[2] ? msg(str`Step ${Number(step[1]) + 1}, ${step[2]}`) : msg(str`Step ${Number(step[1]) + 1}`);
  return path;
}

/**
 * Builds a template: its name, the project it makes, and its steps, each with its visibility,
 * priority, due date (days after the project starts or after the steps it waits for), who it
 * goes to, and the earlier steps it waits for ("create after": a playbook step). Saving never
 * changes the projects already made from the template.
 * @fires cp-admin-template-saved - `{template}`: the template was created or saved
 * @fires cp-admin-template-deleted - `{id}`: the template was deleted
 * @csspart step - one step's fields
 */
export class CpAdminTemplateEditor extends AdminElement {
  static override styles = [AdminElement.styles, editorStyles];

  /** The template to edit; null starts a new one. */
  @property({ attribute: false }) template: Template | null = null;
  @state() private draft: TemplateInput = { name: '', project: { name: '', description: '', visibility: 'portal' }, tasks: [blankTask('step-1')] };
  @state() private problem: RequestError | null = null;
  @state() private busy = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('template')) {
      const t = this.template;
      this.draft = t ? structuredClone({ name: t.name, project: t.project, tasks: t.tasks }) : { name: '', project: { name: '', description: '', visibility: 'portal' }, tasks: [blankTask('step-1')] };
      this.problem = null;
    }
  }

  private setTask(index: number, patch: Partial<TemplateTask>): void {
    this.draft = { ...this.draft, tasks: this.draft.tasks.map((t, i) => (i === index ? { ...t, ...patch } : t)) };
  }

  private addTask(): void {
    this.draft = { ...this.draft, tasks: [...this.draft.tasks, blankTask(freshKey(this.draft.tasks))] };
    void this.updateComplete.then(() => [...this.renderRoot.querySelectorAll<HTMLInputElement>('input[name=title]')].at(-1)?.focus());
  }

  private removeTask(index: number): void {
    const key = this.draft.tasks[index]!.key;
    this.draft = { ...this.draft, tasks: this.draft.tasks.filter((_, i) => i !== index).map((t) => ({ ...t, after: t.after.filter((k) => k !== key) })) };
  }

  private toggleAfter(index: number, key: string, on: boolean): void {
    const after = this.draft.tasks[index]!.after.filter((k) => k !== key);
    this.setTask(index, { after: on ? [...after, key] : after });
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const { api } = this.admin!;
    const { store } = this.portal!;
    this.busy = true;
    this.problem = null;
    try {
      const saved = this.template ? await api.updateTemplate(this.template.id, this.draft) : await api.createTemplate(this.draft);
      store.notify(msg(str`Template “${saved.name}” saved.`));
      this.emit('cp-admin-template-saved', { template: saved });
    } catch (error) {
      this.problem = asRequestError(error);
      store.fail(this.problem);
    } finally {
      this.busy = false;
    }
  }

  private async deleteTemplate(): Promise<void> {
    const template = this.template!;
    const deleted = await this.attempt(() => this.admin!.api.deleteTemplate(template.id).then(() => true), {
      done: msg(str`Template “${template.name}” deleted; the projects made from it stay.`),
      failed: msg(str`Template “${template.name}” was not deleted.`),
    });
    if (deleted) this.emit('cp-admin-template-deleted', { id: template.id });
  }

  private renderProblem(problem: RequestError) {
    const details = Array.isArray(problem.details) ? (problem.details as { path: string; message: string }[]) : [];
    return html`<div class="alert" role="alert">
      <p>${msg('The template was not saved.')} ${details.length ? '' : errorText(problem)}</p>
      ${details.length ? html`<ul class="details">${details.map((d) => html`<li>${place(d.path)}: ${d.message}</li>`)}</ul>` : nothing}
    </div>`;
  }

  private renderTask(task: TemplateTask, index: number) {
    const tasks = this.draft.tasks;
    // Steps wait for earlier steps: the list reads as the order things happen.
    const earlier = tasks.filter((t, i) => i < index || task.after.includes(t.key));
    const title = (t: TemplateTask) => t.title || msg(str`Step ${tasks.indexOf(t) + 1}`);
    return html`<fieldset part="step" class="step ${task.visibility}">
      <legend>${msg(str`Step ${index + 1}`)}</legend>
      <label class="wide">${msg('Title')} <input name="title" required maxlength="500" .value=${task.title} @input=${(e: Event) => this.setTask(index, { title: (e.target as HTMLInputElement).value })} /></label>
      <label class="wide"
        >${msg('Description (Markdown)')}
        <textarea rows="2" .value=${task.description} @input=${(e: Event) => this.setTask(index, { description: (e.target as HTMLTextAreaElement).value })}></textarea>
      </label>
      <label
        >${msg('Visible to')}
        <select @change=${(e: Event) => this.setTask(index, { visibility: (e.target as HTMLSelectElement).value as Visibility })}>
          ${VISIBILITIES.map((v) => html`<option value=${v} .selected=${v === task.visibility}>${visibilityLabel(v)}</option>`)}
        </select>
      </label>
      <label
        >${msg('Priority')}
        <select @change=${(e: Event) => this.setTask(index, { priority: (e.target as HTMLSelectElement).value as Priority })}>
          ${PRIORITIES.map((p) => html`<option value=${p} .selected=${p === task.priority}>${priorityLabel(p)}</option>`)}
        </select>
      </label>
      <label
        >${msg('Due after (days)')}
        <input
          type="number"
          min="0"
          max="3650"
          inputmode="numeric"
          placeholder=${msg('No due date')}
          .value=${task.dueInDays === null ? '' : String(task.dueInDays)}
          @input=${(e: Event) => {
            const value = (e.target as HTMLInputElement).value;
            this.setTask(index, { dueInDays: value === '' ? null : Math.max(0, Math.round(Number(value))) });
          }}
        />
      </label>
      <label
        >${msg('Assigned to')}
        <select @change=${(e: Event) => this.setTask(index, { assignTo: ((e.target as HTMLSelectElement).value || null) as AssignTo })}>
          ${ASSIGN_TO.map((a) => html`<option value=${a ?? ''} .selected=${a === task.assignTo}>${assignToLabel(a)}</option>`)}
        </select>
      </label>
      ${earlier.length
        ? html`<fieldset class="after wide">
            <legend>${msg('Create it once these are done')}</legend>
            ${earlier.map(
              (t) => html`<label class="inline"
                ><input type="checkbox" .checked=${task.after.includes(t.key)} @change=${(e: Event) => this.toggleAfter(index, t.key, (e.target as HTMLInputElement).checked)} /> ${title(t)}</label
              >`,
            )}
            <p class="hint">${task.after.length ? msg('Created when they are all done; its due date counts from then.') : msg('None checked: created when the template is applied.')}</p>
          </fieldset>`
        : nothing}
      ${tasks.length > 1 ? html`<button type="button" class="link remove" @click=${() => this.removeTask(index)}>${msg(str`Remove step ${index + 1}`)}</button>` : nothing}
    </fieldset>`;
  }

  override render() {
    const { draft } = this;
    return html`<form class="grid" @submit=${this.save} aria-label=${this.template ? msg(str`Edit template ${this.template.name}`) : msg('New template')}>
      <div class="top">
        <label>${msg('Template name')} <input name="name" required maxlength="200" .value=${draft.name} @input=${(e: Event) => (this.draft = { ...this.draft, name: (e.target as HTMLInputElement).value })} /></label>
        <label
          >${msg('Project it creates')}
          <input name="project" required maxlength="200" .value=${draft.project.name} @input=${(e: Event) => (this.draft = { ...this.draft, project: { ...this.draft.project, name: (e.target as HTMLInputElement).value } })} />
        </label>
        <label
          >${msg('Project visible to')}
          <select @change=${(e: Event) => (this.draft = { ...this.draft, project: { ...this.draft.project, visibility: (e.target as HTMLSelectElement).value as Visibility } })}>
            ${VISIBILITIES.map((v) => html`<option value=${v} .selected=${v === draft.project.visibility}>${visibilityLabel(v)}</option>`)}
          </select>
        </label>
      </div>
      <div class="steps">${draft.tasks.map((t, i) => this.renderTask(t, i))}</div>
      <div class="actions">
        <button type="button" @click=${this.addTask}>${msg('Add a step')}</button>
        <button type="submit" class="primary" ?disabled=${this.busy}>${this.template ? msg('Save the template') : msg('Create the template')}</button>
        ${this.template ? html`<button type="button" class="danger" @click=${this.deleteTemplate}>${msg('Delete the template')}</button>` : nothing}
      </div>
      ${this.template ? html`<p class="hint">${msg('Saving changes this template only: projects already made from it keep their tasks.')}</p>` : nothing}
      ${this.problem ? this.renderProblem(this.problem) : nothing}
    </form>`;
  }
}
define('cp-admin-template-editor', CpAdminTemplateEditor);

declare global {
  interface HTMLElementTagNameMap {
    'cp-admin-template-editor': CpAdminTemplateEditor;
  }
}
