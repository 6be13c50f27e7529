import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PortalDocument } from '../../api/api.types.js';
import { formatDate, formatSize } from '../../lib/format.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { internalBadge } from '../../lib/templates.js';

/**
 * Documents with their name, size, task, uploader and date; a click downloads one.
 * @example html`<cp-document-list .documents=${docs} ?hide-task=${true}></cp-document-list>`
 * @csspart document-row - one document
 */
export class CpDocumentList extends PortalElement {
  @state() private confirming: string | null = null;
  @property({ attribute: false }) documents: PortalDocument[] = [];
  /** Inside a task, naming the task again says nothing. */
  @property({ type: Boolean, attribute: 'hide-task' }) hideTask = false;

  private canDelete(document: PortalDocument): boolean {
    const { store } = this.portal!;
    return store.isStaff || (document.uploadedBy !== null && document.uploadedBy === store.me?.user.id);
  }

  /** Deleting asks twice, inline: a first click arms the button, a second one deletes. */
  private deleteDocument(document: PortalDocument): void {
    if (this.confirming !== document.id) {
      this.confirming = document.id;
      return;
    }
    this.confirming = null;
    void this.portal!.actions.deleteDocument(document);
  }

  override render() {
    if (!this.portal) return nothing;
    const { store, actions, navigate } = this.portal;
    return html`<ul class="rows" role="list">
      ${this.documents.map((doc) => {
        const task = doc.taskId ? store.task(doc.taskId) : undefined;
        const uploader = doc.uploader?.name ?? store.personName(doc.uploadedBy);
        return html`<li part="document-row">
          <button class="main link" @click=${() => actions.download(doc)} aria-label=${msg(str`Download ${doc.name}`)}>${doc.name}</button>
          <span class="meta muted">
            <span>${formatSize(doc.size)}</span>
            ${!this.hideTask && task ? html`<button class="link" @click=${() => navigate({ task: task.id })}>${task.title}</button>` : nothing}
            ${uploader ? html`<span>${uploader}</span>` : nothing}
            <span>${formatDate(doc.createdAt, store.dateFormat)}</span>
            ${internalBadge(doc)}
          </span>
          ${this.canDelete(doc)
            ? html`<button class="link" @click=${() => this.deleteDocument(doc)} @blur=${() => (this.confirming = null)} aria-label=${this.confirming === doc.id ? msg(str`Confirm: delete ${doc.name}`) : msg(str`Delete ${doc.name}`)}>
                ${this.confirming === doc.id ? msg('Confirm delete') : msg('Delete')}
              </button>`
            : nothing}
        </li>`;
      })}
    </ul>`;
  }
}
define('cp-document-list', CpDocumentList);

declare global {
  interface HTMLElementTagNameMap {
    'cp-document-list': CpDocumentList;
  }
}
