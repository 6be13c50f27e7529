import { msg, str } from '@lit/localize';
import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PortalDocument, Task, Thread } from '../../api/api.types.js';
import type { Registration, Workspace } from '../../api/commercial.types.js';
import { asRequestError } from '../../api/request-error.js';
import { RemoteController } from '../../controllers/remote.controller.js';
import { errorText } from '../../lib/error-text.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { tabKeyTarget } from '../../lib/tab-keys.js';
import { viewStyles } from '../../styles/shared.styles.js';
import '../cp-document-list/cp-document-list.js';
import '../cp-file-upload/cp-file-upload.js';
import '../cp-messages/cp-messages.js';
import '../cp-state/cp-state.js';
import { openTaskFrom, taskRow } from '../cp-task-list/task-row.js';
import { taskRowStyles } from '../cp-task-list/task-row.styles.js';

type Tab = 'tasks' | 'documents' | 'notes';
const TABS: readonly Tab[] = ['tasks', 'documents', 'notes'];

/**
 * A registration's co-selling workspace, shared by the partner's contacts and the vendor's
 * channel team: the tasks, files and notes of the deal its approval opened (their `deal_id`),
 * in three tabs. It reuses the task rows, the document list and upload, and the thread of the
 * Messages view (staff write internal notes there, which no partner ever gets); each list
 * fetches again when a live event of its kind arrives.
 * @example html`<cp-workspace .registration=${registration}></cp-workspace>`
 * @csspart workspace - the whole workspace
 * @csspart workspace-tabs - the tabs
 * @csspart workspace-task-form - the form that adds a task
 */
export class CpWorkspace extends PortalElement {
  static override styles = [
    PortalElement.styles,
    viewStyles,
    taskRowStyles,
    css`
      :host {
        display: block;
        flex-basis: 100%;
      }
      section {
        display: grid;
        gap: var(--cp-space);
        border: 1px solid var(--cp-color-border);
        border-radius: var(--cp-radius);
        padding: var(--cp-space);
      }
      [role='tablist'] {
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
      }
      [role='tab'][aria-selected='true'] {
        border-color: var(--cp-color-primary);
        font-weight: 600;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: var(--cp-space);
        align-items: end;
      }
      form label {
        flex: 1 1 200px;
      }
    `,
  ];

  @property({ attribute: false }) registration: Registration | null = null;
  @state() private tab: Tab = 'tasks';
  @state() private busy = false;
  @state() private opening: Promise<void> | null = null;

  private get dealId(): string {
    return this.registration?.dealId ?? '';
  }

  private readonly workspace = new RemoteController<Workspace>(
    this,
    () => (this.registration ? this.portal : undefined),
    (api) => api.request<Workspace>('GET', `/v1/deal-registrations/${encodeURIComponent(this.registration!.id)}/workspace`),
    ['thread.', 'task.', 'document.'],
  );
  private readonly tasks = new RemoteController<Task[]>(this, () => (this.dealId ? this.portal : undefined), (api) => api.all<Task>('/v1/tasks', { dealId: this.dealId }), ['task.']);
  private readonly documents = new RemoteController<PortalDocument[]>(
    this,
    () => (this.dealId ? this.portal : undefined),
    (api) => api.all<PortalDocument>('/v1/documents', { dealId: this.dealId }),
    ['document.'],
  );

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A workspace approved before its notes existed opens them on first use.
    const value = this.workspace.value;
    if (this.tab === 'notes' && value && !value.thread && !this.opening && this.portal?.store.can('messages.post')) this.opening = this.openNotes();
  }

  private async openNotes(): Promise<void> {
    try {
      const thread = await this.portal!.api.request<Thread>('POST', '/v1/threads', { body: { dealId: this.dealId } });
      this.workspace.value = { ...this.workspace.value!, thread };
      this.requestUpdate();
    } catch (error) {
      this.portal!.store.notify(errorText(asRequestError(error)), 'error');
    }
  }

  private onTabKey(event: KeyboardEvent): void {
    const tab = tabKeyTarget(event.key, TABS, this.tab);
    if (!tab) return;
    event.preventDefault();
    this.tab = tab;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#ws-tab-${tab}`)?.focus());
  }

  private async addTask(e: Event): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const title = new FormData(form).get('title')?.toString().trim() ?? '';
    if (!title) return;
    this.busy = true;
    try {
      await this.portal!.actions.createTask({ title, dealId: this.dealId });
      form.reset();
      await this.tasks.refresh();
    } catch {
      // The store has said why; the form keeps the title.
    } finally {
      this.busy = false;
    }
  }

  private label(tab: Tab): string {
    const value = this.workspace.value;
    if (tab === 'tasks') return value ? msg(str`Tasks (${value.tasks.open})`) : msg('Tasks');
    if (tab === 'documents') return value ? msg(str`Documents (${value.documents})`) : msg('Documents');
    return msg('Notes');
  }

  private renderTasks() {
    const { store, navigate } = this.portal!;
    const tasks = this.tasks.value ?? [];
    return html`${store.can('tasks.create')
        ? html`<form part="workspace-task-form" @submit=${this.addTask} aria-label=${msg('Add a shared task')}>
            <label>${msg('New shared task')}<input name="title" required maxlength="500" autocomplete="off" /></label>
            <button class="primary" type="submit" ?disabled=${this.busy}>${msg('Add the task')}</button>
          </form>`
        : nothing}
      <cp-state exportparts="state" .load=${this.tasks.load} .empty=${!tasks.length} empty-text=${msg('No shared tasks yet.')} .retry=${() => this.tasks.refresh()}></cp-state>
      ${tasks.length
        ? html`<div
            class="rows"
            role="list"
            aria-label=${msg('Shared tasks')}
            @click=${(e: Event) => {
              const id = openTaskFrom(e);
              if (id) navigate({ task: id });
            }}
          >
            ${tasks.map((t) => taskRow(t, store, null))}
          </div>`
        : nothing}`;
  }

  private renderDocuments() {
    const docs = this.documents.value ?? [];
    return html`${this.portal!.store.can('documents.upload') ? html`<cp-file-upload deal-id=${this.dealId}></cp-file-upload>` : nothing}
      <cp-state exportparts="state" .load=${this.documents.load} .empty=${!docs.length} empty-text=${msg('No shared documents yet.')} .retry=${() => this.documents.refresh()}></cp-state>
      ${docs.length ? html`<cp-document-list .documents=${docs} ?hide-task=${true}></cp-document-list>` : nothing}`;
  }

  private renderNotes() {
    const thread = this.workspace.value?.thread;
    if (thread) return html`<cp-messages .thread=${thread} exportparts="message, read-receipt, message-box, internal-badge, state"></cp-messages>`;
    return html`<cp-state exportparts="state" .load=${this.workspace.load} .empty=${true} empty-text=${msg('No notes yet.')} .retry=${() => this.workspace.refresh()}></cp-state>`;
  }

  override render() {
    if (!this.portal || !this.registration?.dealId) return nothing;
    const company = this.registration.prospect.company;
    return html`<section part="workspace" aria-label=${msg(str`Co-selling workspace for ${company}`)}>
      <div role="tablist" part="workspace-tabs" aria-label=${msg(str`Co-selling workspace for ${company}`)} @keydown=${this.onTabKey}>
        ${TABS.map(
          (tab) => html`<button
            role="tab"
            id="ws-tab-${tab}"
            aria-selected=${String(tab === this.tab)}
            aria-controls="ws-panel"
            tabindex=${tab === this.tab ? 0 : -1}
            @click=${() => (this.tab = tab)}
          >
            ${this.label(tab)}
          </button>`,
        )}
      </div>
      <div role="tabpanel" id="ws-panel" aria-labelledby="ws-tab-${this.tab}">
        ${this.tab === 'tasks' ? this.renderTasks() : this.tab === 'documents' ? this.renderDocuments() : this.renderNotes()}
      </div>
    </section>`;
  }
}
define('cp-workspace', CpWorkspace);

declare global {
  interface HTMLElementTagNameMap {
    'cp-workspace': CpWorkspace;
  }
}
