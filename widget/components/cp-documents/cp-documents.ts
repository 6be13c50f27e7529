import { msg, str } from '@lit/localize';
import { css, html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import type { PortalDocument } from '../../api/api.types.js';
import { formatNumber, plural } from '../../lib/format.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { internalBadge } from '../../lib/templates.js';
import { viewStyles } from '../../styles/shared.styles.js';
import { DOCUMENT_DRAG_TYPE } from '../cp-document-list/cp-document-list.js';
import '../cp-document-list/cp-document-list.js';
import '../cp-document-preview/cp-document-preview.js';
import '../cp-document-versions/cp-document-versions.js';
import '../cp-file-upload/cp-file-upload.js';
import '../cp-state/cp-state.js';
import { filesApi, trail, type Folder } from './files-api.js';

/**
 * A customer's files: folders with breadcrumbs, the documents of the folder shown (each with its
 * versions), download, and upload for those who may (`documents.upload`), into the folder shown.
 * The team moves documents by dragging them onto a folder (or choosing one). Across every
 * customer (staff without one chosen), or in a project, the view is the flat list.
 * @csspart dropzone - the upload target
 * @csspart document-row - one document
 * @csspart folder-row - one folder
 * @csspart breadcrumbs - the path from the top to the folder shown
 */
export class CpDocuments extends PortalElement {
  static override styles = [
    PortalElement.styles,
    viewStyles,
    css`
      nav ol {
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
        list-style: none;
        margin: 0 0 var(--cp-space);
        padding: 0;
      }
      nav li + li::before {
        content: '›';
        margin-right: 4px;
        color: var(--cp-color-muted);
      }
      li.over {
        outline: 2px dashed var(--cp-color-primary);
        outline-offset: -2px;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: var(--cp-space);
        margin: var(--cp-space) 0;
      }
    `,
  ];

  @state() private folders: Folder[] = [];
  @state() private folderId: string | null = null;
  @state() private naming = false;
  @state() private over: string | null = null;
  private loadedFor: string | null | undefined;

  /** The customer whose folders show: a contact's own, or the one staff have chosen. */
  private get customerId(): string | null {
    const store = this.portal?.store;
    if (!store || store.projectId) return null;
    return store.isStaff ? store.customerId : (store.me?.customer?.id ?? null);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('portal')) void this.portal?.actions.loadDocuments();
    if (this.portal && this.loadedFor !== this.customerId) {
      this.loadedFor = this.customerId;
      this.folderId = null;
      void this.loadFolders();
    }
  }

  private async loadFolders(): Promise<void> {
    const { store, api, actions } = this.portal!;
    const customerId = this.customerId;
    if (!customerId || !store.can('documents.view')) return void (this.folders = []);
    try {
      this.folders = await filesApi(api).folders(store.isStaff ? customerId : undefined);
    } catch (error) {
      actions.refused(error, msg('The folders could not be loaded.'));
    }
  }

  private async createFolder(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const name = (new FormData(form).get('name') as string).trim();
    if (!name) return;
    try {
      await filesApi(this.portal!.api).createFolder({ name, ...(this.folderId ? { parentId: this.folderId } : { customerId: this.portal!.store.isStaff ? this.customerId! : undefined }) });
      this.naming = false;
      await this.loadFolders();
    } catch (error) {
      this.portal!.actions.refused(error, msg(str`The folder ${name} was not created.`));
    }
  }

  private async deleteFolder(folder: Folder): Promise<void> {
    try {
      await filesApi(this.portal!.api).deleteFolder(folder.id);
      await this.loadFolders();
    } catch (error) {
      this.portal!.actions.refused(error, msg(str`The folder ${folder.name} was not deleted.`));
    }
  }

  /** Files a document in a folder (null: the top level); the team only. */
  private async move(documentId: string, folderId: string | null): Promise<void> {
    const { api, store, actions } = this.portal!;
    try {
      store.putAll(store.documents, [await filesApi(api).fileDocument(documentId, folderId)]);
      await this.loadFolders();
    } catch (error) {
      actions.refused(error, msg('The document was not moved.'));
    }
  }

  private folderRow(folder: Folder) {
    const { store } = this.portal!;
    const counts = [
      plural(folder.documentCount, { one: msg(str`${formatNumber(folder.documentCount)} document`), other: msg(str`${formatNumber(folder.documentCount)} documents`) }),
      ...(folder.folderCount ? [plural(folder.folderCount, { one: msg(str`${formatNumber(folder.folderCount)} folder`), other: msg(str`${formatNumber(folder.folderCount)} folders`) })] : []),
    ].join(' · ');
    const mayDelete = store.can('documents.upload') && (store.isStaff || folder.createdBy === store.me?.user.id) && !folder.documentCount && !folder.folderCount;
    return html`<li
      part="folder-row"
      class=${this.over === folder.id ? 'over' : ''}
      @dragover=${(e: DragEvent) => {
        if (!store.isStaff || !e.dataTransfer?.types.includes(DOCUMENT_DRAG_TYPE)) return;
        e.preventDefault();
        this.over = folder.id;
      }}
      @dragleave=${() => (this.over = null)}
      @drop=${(e: DragEvent) => {
        const id = e.dataTransfer?.getData(DOCUMENT_DRAG_TYPE);
        this.over = null;
        if (!id) return;
        e.preventDefault();
        void this.move(id, folder.id);
      }}
    >
      <button class="main link" @click=${() => (this.folderId = folder.id)} aria-label=${msg(str`Open folder ${folder.name}`)}>📁 ${folder.name}</button>
      <span class="meta muted"><span>${counts}</span>${internalBadge(folder)}</span>
      ${mayDelete ? html`<button class="link" @click=${() => this.deleteFolder(folder)} aria-label=${msg(str`Delete folder ${folder.name}`)}>${msg('Delete')}</button>` : nothing}
    </li>`;
  }

  private breadcrumbs() {
    const path = trail(this.folders, this.folderId);
    return html`<nav part="breadcrumbs" aria-label=${msg('Folder path')}>
      <ol>
        <li><button class="link" @click=${() => (this.folderId = null)} aria-current=${path.length ? 'false' : 'location'}>${msg('All documents')}</button></li>
        ${path.map((f, i) => html`<li><button class="link" @click=${() => (this.folderId = f.id)} aria-current=${i === path.length - 1 ? 'location' : 'false'}>${f.name}</button></li>`)}
      </ol>
    </nav>`;
  }

  override render() {
    if (!this.portal) return nothing;
    const { store, actions } = this.portal;
    const browsing = this.customerId !== null;
    const documents: PortalDocument[] = [...store.documents.values()]
      .filter((d) => !store.projectId || (d.taskId !== null && store.tasks.has(d.taskId)))
      .filter((d) => !browsing || (d.folderId ?? null) === this.folderId)
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
    const inside = this.folders.filter((f) => f.parentId === this.folderId).sort((a, b) => a.name.localeCompare(b.name));
    const targets = store.isStaff && browsing ? [{ id: null, label: msg('All documents') }, ...this.folders.map((f) => ({ id: f.id, label: trail(this.folders, f.id).map((x) => x.name).join(' › ') }))] : [];
    const mayUpload = !store.projectId && store.can('documents.upload');
    return html`
      <h2>${msg('Documents')}</h2>
      ${browsing ? this.breadcrumbs() : nothing}
      ${mayUpload ? html`<cp-file-upload exportparts="dropzone, upload-progress" folder-id=${this.folderId ?? ''}></cp-file-upload>` : nothing}
      ${browsing && mayUpload
        ? this.naming
          ? html`<form @submit=${this.createFolder}>
              <input name="name" required maxlength="255" aria-label=${msg('Folder name')} placeholder=${msg('Folder name')} />
              <button type="submit">${msg('Create folder')}</button>
              <button type="button" class="link" @click=${() => (this.naming = false)}>${msg('Cancel')}</button>
            </form>`
          : html`<button type="button" class="link" @click=${() => (this.naming = true)}>${msg('New folder')}</button>`
        : nothing}
      ${inside.length ? html`<ul class="rows" role="list" aria-label=${msg('Folders')}>${inside.map((f) => this.folderRow(f))}</ul>` : nothing}
      <cp-state exportparts="state"
        .load=${store.load('documents')}
        .empty=${!documents.length && !inside.length}
        empty-text=${mayUpload ? msg('No documents yet. Upload one above, or add one to a task.') : msg('No documents yet.')}
        .retry=${() => actions.loadDocuments(true)}
      ></cp-state>
      ${documents.length
        ? html`<cp-document-list
            exportparts="document-row, internal-badge"
            with-versions
            .documents=${documents}
            .folders=${targets}
            @cp-document-move=${(e: CustomEvent<{ documentId: string; folderId: string | null }>) => this.move(e.detail.documentId, e.detail.folderId)}
          ></cp-document-list>`
        : nothing}
    `;
  }
}
define('cp-documents', CpDocuments);

declare global {
  interface HTMLElementTagNameMap {
    'cp-documents': CpDocuments;
  }
}
