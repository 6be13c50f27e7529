import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PortalDocument } from '../../api/api.types.js';
import { formatDate, formatNumber, formatSize } from '../../lib/format.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { internalBadge } from '../../lib/templates.js';

/** The types the service previews (images, PDFs) or the browser plays (audio, video): their rows show a thumbnail in the documents view. */
const PREVIEWED = /^(image\/(png|jpeg|gif|webp|avif|tiff)|application\/pdf|audio\/[\w.+-]+|video\/[\w.+-]+)$/;

/** The drag type of a document row being moved into a folder. */
export const DOCUMENT_DRAG_TYPE = 'application/x-cp-document';

/**
 * Documents with their name, size, task, uploader and date; a click downloads one. With
 * `with-versions` (the documents view, which loads `cp-document-versions`), each row opens its
 * versions, takes a dropped file as a new version, and (with `.folders`, for the team) moves
 * into a folder by dragging it onto one or choosing one; images and PDFs show a thumbnail that
 * opens their preview, audio and video a button that plays them (`cp-document-preview`).
 * @example html`<cp-document-list .documents=${docs} ?hide-task=${true}></cp-document-list>`
 * @csspart document-row - one document
 * @fires cp-document-move - `{documentId, folderId}`: a document was moved to a folder (null: the top)
 */
export class CpDocumentList extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      li.over {
        outline: 2px dashed var(--cp-color-primary);
        outline-offset: -2px;
      }
      cp-document-versions {
        flex-basis: 100%;
      }
    `,
  ];

  @state() private confirming: string | null = null;
  @state() private open = new Set<string>();
  @state() private over: string | null = null;
  @property({ attribute: false }) documents: PortalDocument[] = [];
  /** Inside a task, naming the task again says nothing. */
  @property({ type: Boolean, attribute: 'hide-task' }) hideTask = false;
  @property({ type: Boolean, attribute: 'with-versions' }) withVersions = false;
  /** Where a document may be moved (the team, in the documents view): `{id: null}` is the top level. */
  @property({ attribute: false }) folders: { id: string | null; label: string }[] = [];

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

  private toggle(id: string): void {
    const open = new Set(this.open);
    if (!open.delete(id)) open.add(id);
    this.open = open;
  }

  /** A file dropped on a row is that document's new version. */
  private async dropVersion(event: DragEvent, doc: PortalDocument): Promise<void> {
    const file = event.dataTransfer?.files?.[0];
    this.over = null;
    if (!file) return;
    event.preventDefault();
    event.stopPropagation();
    if (!this.open.has(doc.id)) this.toggle(doc.id);
    await this.updateComplete;
    await this.renderRoot.querySelector<HTMLElement & { uploadVersion(file: File): Promise<void> }>(`cp-document-versions[data-id="${doc.id}"]`)?.uploadVersion(file);
  }

  private row(doc: PortalDocument) {
    const { store, actions, navigate } = this.portal!;
    const task = doc.taskId ? store.task(doc.taskId) : undefined;
    const uploader = doc.uploader?.name ?? store.personName(doc.uploadedBy);
    const versioned = this.withVersions;
    const droppable = versioned && store.can('documents.upload');
    const movable = versioned && this.folders.length > 1;
    return html`<li
      part="document-row"
      class=${this.over === doc.id ? 'over' : ''}
      draggable=${movable ? 'true' : 'false'}
      @dragstart=${(e: DragEvent) => movable && e.dataTransfer?.setData(DOCUMENT_DRAG_TYPE, doc.id)}
      @dragover=${(e: DragEvent) => {
        if (!droppable || !e.dataTransfer?.types.includes('Files')) return;
        e.preventDefault();
        this.over = doc.id;
      }}
      @dragleave=${() => (this.over = null)}
      @drop=${(e: DragEvent) => droppable && this.dropVersion(e, doc)}
    >
      ${versioned && PREVIEWED.test(doc.contentType) ? html`<cp-document-preview .document=${doc}></cp-document-preview>` : nothing}
      <button class="main link" @click=${() => actions.download(doc)} aria-label=${msg(str`Download ${doc.name}`)}>${doc.name}</button>
      <span class="meta muted">
        <span>${formatSize(doc.size)}</span>
        ${!this.hideTask && task ? html`<button class="link" @click=${() => navigate({ task: task.id })}>${task.title}</button>` : nothing}
        ${uploader ? html`<span>${uploader}</span>` : nothing}
        <span>${formatDate(doc.createdAt, store.dateFormat)}</span>
        ${internalBadge(doc)}
      </span>
      ${versioned
        ? html`<button class="link" aria-expanded=${this.open.has(doc.id) ? 'true' : 'false'} @click=${() => this.toggle(doc.id)}>
            ${msg(str`Version ${formatNumber(doc.version ?? 1)}`)}
          </button>`
        : nothing}
      ${movable
        ? html`<select
            aria-label=${msg(str`Move ${doc.name} to a folder`)}
            @change=${(e: Event) => {
              const value = (e.target as HTMLSelectElement).value;
              this.emit('cp-document-move', { documentId: doc.id, folderId: value || null });
            }}
          >
            ${this.folders.map((f) => html`<option value=${f.id ?? ''} ?selected=${(doc.folderId ?? null) === f.id}>${f.label}</option>`)}
          </select>`
        : nothing}
      ${this.canDelete(doc)
        ? html`<button class="link" @click=${() => this.deleteDocument(doc)} @blur=${() => (this.confirming = null)} aria-label=${this.confirming === doc.id ? msg(str`Confirm: delete ${doc.name}`) : msg(str`Delete ${doc.name}`)}>
            ${this.confirming === doc.id ? msg('Confirm delete') : msg('Delete')}
          </button>`
        : nothing}
      ${versioned && this.open.has(doc.id) ? html`<cp-document-versions data-id=${doc.id} .document=${doc}></cp-document-versions>` : nothing}
    </li>`;
  }

  override render() {
    if (!this.portal) return nothing;
    return html`<ul class="rows" role="list">
      ${this.documents.map((doc) => this.row(doc))}
    </ul>`;
  }
}
define('cp-document-list', CpDocumentList);

declare global {
  interface HTMLElementTagNameMap {
    'cp-document-list': CpDocumentList;
  }
}
