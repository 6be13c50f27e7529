import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PRIORITIES, TASK_STATUSES, type Task, type TaskInput } from '../../api/api.types.js';
import { asRequestError } from '../../api/request-error.js';
import { errorText } from '../../lib/error-text.js';
import { formatDate } from '../../lib/format.js';
import { priorityLabel, statusLabel } from '../../lib/labels.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { dueLabel, internalBadge, statusBadge } from '../../lib/templates.js';
import { isOverdue } from '../../store/selectors.js';
import '../cp-approvals/cp-approvals.js';
import '../cp-assignee-picker/cp-assignee-picker.js';
import '../cp-comments/cp-comments.js';
import '../cp-document-list/cp-document-list.js';
import '../cp-file-upload/cp-file-upload.js';
import '../cp-inline-edit/cp-inline-edit.js';
import '../cp-visibility/cp-visibility.js';
import { detailStyles } from './cp-task-detail.styles.js';

/**
 * One task, everything about it: title and description edited in place, status, priority,
 * due date, assignees, attachments and the comment thread. Staff also see and switch its
 * visibility. What the user's capabilities do not allow is shown, not offered: without
 * `tasks.edit` the fields read as text, without `documents.upload` there is no dropzone,
 * without `comments.post` no comment box. Escape or the close button closes it.
 * @csspart task-detail - the panel
 * @csspart comment - one comment
 * @csspart comment-box - the comment form
 * @csspart dropzone - the attachment upload target
 */
export class CpTaskDetail extends PortalElement {
  static override styles = [PortalElement.styles, detailStyles];

  @state() private missing: string | null = null;
  private askedDocuments = false;
  @property({ attribute: 'task-id' }) taskId = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('taskId') || changed.has('portal')) void this.fetchIfUnknown();
    // The attachments, once `/v1/me` says the user may see documents (asked once: a refusal is not retried in a loop).
    if (!this.askedDocuments && this.portal?.store.can('documents.view')) {
      this.askedDocuments = true;
      void this.portal.actions.loadDocuments();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('taskId')) this.renderRoot.querySelector<HTMLElement>('.close')?.focus();
  }

  /** A task opened by id (a link, a notification) may not be in the list yet. */
  private async fetchIfUnknown(): Promise<void> {
    this.missing = null;
    const portal = this.portal;
    if (!portal || !this.taskId || portal.store.task(this.taskId)) return;
    try {
      portal.store.putTasks([await portal.api.task(this.taskId)]);
    } catch (error) {
      const failure = asRequestError(error);
      this.missing = errorText(failure);
      portal.store.fail(failure);
    }
  }

  private change(task: Task, patch: TaskInput, version?: number) {
    return this.portal!.actions.updateTask(task.id, patch, version);
  }

  private close(): void {
    this.portal!.navigate({ task: null });
  }

  private field(label: string, content: unknown) {
    return html`<div class="field"><dt>${label}</dt><dd>${content}</dd></div>`;
  }

  private select<T extends string>(label: string, value: T, options: readonly T[], text: (v: T) => string, onChange: (v: T) => void) {
    return html`<select aria-label=${label} @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value as T)}>
      ${options.map((o) => html`<option value=${o} .selected=${o === value}>${text(o)}</option>`)}
    </select>`;
  }

  override render() {
    if (!this.portal) return nothing;
    const { store } = this.portal;
    const task = store.task(this.taskId);
    const closeButton = html`<button class="icon close" @click=${this.close} aria-label=${msg('Close the task')}>✕</button>`;
    if (!task) {
      return html`<section part="task-detail" class="panel" aria-label=${msg('Task')} @keydown=${this.onKey}>
        <div class="top">${closeButton}</div>
        ${this.missing ? html`<p role="alert">${this.missing}</p>` : html`<cp-state exportparts="state" .load=${{ status: 'loading' }} .empty=${true}></cp-state>`}
      </section>`;
    }
    const staff = store.isStaff;
    const edit = store.can('tasks.edit');
    const project = task.projectId ? store.projects.get(task.projectId) : undefined;
    // Oldest first, as they were added: the order stays the same after a reload.
    const documents = [...store.documents.values()].filter((d) => d.taskId === task.id).sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1));
    const people = task.assigneeIds.map((id) => store.personName(id) || msg('Someone else')).join(', ');
    return html`<section part="task-detail" class="panel ${task.visibility}" aria-label=${msg(str`Task: ${task.title}`)} @keydown=${this.onKey}>
      <div class="top">
        <span class="row">${project ? html`<span class="muted">${project.name}</span>` : nothing} ${internalBadge(task)}</span>
        ${closeButton}
      </div>
      <cp-inline-edit exportparts="editor" heading ?readonly=${!edit} label=${msg('Title')} .value=${task.title} .save=${(v: string) => this.change(task, { title: v }, task.version)}></cp-inline-edit>
      <dl class="fields">
        ${this.field(msg('Status'), edit ? this.select(msg('Status'), task.status, TASK_STATUSES, statusLabel, (status) => this.change(task, { status }).catch(() => {})) : statusBadge(task))}
        ${this.field(
          msg('Priority'),
          staff ? this.select(msg('Priority'), task.priority, PRIORITIES, priorityLabel, (priority) => this.change(task, { priority }).catch(() => {})) : priorityLabel(task.priority),
        )}
        ${this.field(
          msg('Due date'),
          edit
            ? html`<input type="date" aria-label=${msg('Due date')} .value=${task.dueDate ?? ''} @change=${(e: Event) => this.change(task, { dueDate: (e.target as HTMLInputElement).value || null }).catch(() => {})} />
                ${isOverdue(task) ? html`<strong class="overdue">${msg('Overdue')}</strong>` : nothing}`
            : task.dueDate
              ? dueLabel(task, store.dateFormat)
              : html`<span class="muted">${msg('None')}</span>`,
        )}
        ${this.field(msg('Created'), html`${formatDate(task.createdAt, store.dateFormat)} ${task.createdBy ? msg(str`by ${store.personName(task.createdBy) || msg('someone')}`) : ''}`)}
        ${staff
          ? this.field(
              msg('Visible to'),
              html`<cp-visibility
                exportparts="visibility"
                label=${msg('Visible to')}
                hide-label
                .value=${task.visibility}
                @cp-visibility-change=${(e: CustomEvent<{ visibility: Task['visibility'] }>) => this.change(task, { visibility: e.detail.visibility }).catch(() => {})}
              ></cp-visibility>`,
            )
          : nothing}
      </dl>
      <div class="block">
        <h3>${msg('Assignees')}</h3>
        ${edit ? html`<cp-assignee-picker .task=${task} exportparts="assignees"></cp-assignee-picker>` : html`<p class=${people ? '' : 'muted'}>${people || msg('Nobody yet')}</p>`}
      </div>
      <div class="block">
        <h3>${msg('Description')}</h3>
        <cp-inline-edit exportparts="editor" multiline markdown ?readonly=${!edit} label=${msg('Description')} placeholder=${msg('No description yet.')} .value=${task.description} .save=${(v: string) => this.change(task, { description: v }, task.version)}></cp-inline-edit>
      </div>
      ${documents.length || store.can('documents.upload')
        ? html`<div class="block">
            <h3>${msg('Attachments')}</h3>
            ${documents.length ? html`<cp-document-list hide-task .documents=${documents} exportparts="document-row, internal-badge"></cp-document-list>` : nothing}
            ${store.can('documents.upload') ? html`<cp-file-upload task-id=${task.id} exportparts="dropzone, upload-progress"></cp-file-upload>` : nothing}
          </div>`
        : nothing}
      <cp-approvals task-id=${task.id} exportparts="approval, approval-form"></cp-approvals>
      <div class="block">
        <h3>${msg('Comments')}</h3>
        <cp-comments task-id=${task.id} exportparts="comment, comment-box, internal-badge, state"></cp-comments>
      </div>
    </section>`;
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key === 'Escape' && !event.defaultPrevented) this.close();
  }
}
define('cp-task-detail', CpTaskDetail);

declare global {
  interface HTMLElementTagNameMap {
    'cp-task-detail': CpTaskDetail;
  }
}
