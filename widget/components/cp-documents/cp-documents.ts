import { msg } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { define, PortalElement } from '../../lib/portal-element.js';
import { viewStyles } from '../../styles/shared.styles.js';
import '../cp-document-list/cp-document-list.js';
import '../cp-file-upload/cp-file-upload.js';
import '../cp-state/cp-state.js';

/**
 * Every document of the customer, shared through tasks or added directly; download, and upload
 * for those who may (`documents.upload`).
 * @csspart dropzone - the upload target
 * @csspart document-row - one document
 */
export class CpDocuments extends PortalElement {
  static override styles = [
    PortalElement.styles,
    viewStyles,
  ];

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('portal')) void this.portal?.actions.loadDocuments();
  }

  override render() {
    if (!this.portal) return nothing;
    const { store, actions } = this.portal;
    const documents = [...store.documents.values()]
      .filter((d) => !store.projectId || (d.taskId !== null && store.tasks.has(d.taskId)))
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
    return html`
      <h2>${msg('Documents')}</h2>
      ${store.projectId || !store.can('documents.upload') ? nothing : html`<cp-file-upload exportparts="dropzone, upload-progress"></cp-file-upload>`}
      <cp-state exportparts="state"
        .load=${store.load('documents')}
        .empty=${!documents.length}
        empty-text=${store.can('documents.upload') ? msg('No documents yet. Upload one above, or add one to a task.') : msg('No documents yet.')}
        .retry=${() => actions.loadDocuments(true)}
      ></cp-state>
      ${documents.length ? html`<cp-document-list exportparts="document-row, internal-badge" .documents=${documents}></cp-document-list>` : nothing}
    `;
  }
}
define('cp-documents', CpDocuments);

declare global {
  interface HTMLElementTagNameMap {
    'cp-documents': CpDocuments;
  }
}
