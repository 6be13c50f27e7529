import { msg, str } from '@lit/localize';
import { css, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { PortalDocument } from '../../api/api.types.js';
import { formatDate, formatNumber, formatPercent, formatSize } from '../../lib/format.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { filesApi, type DocumentVersion } from '../cp-documents/files-api.js';

/**
 * Every version of one document, newest (the current one) first, each downloadable, with who
 * uploaded it; and, for those who may upload, a new version (chosen here, or dropped on the
 * document's row, which calls `uploadVersion`).
 * @example html`<cp-document-versions .document=${doc}></cp-document-versions>`
 * @csspart version-row - one version
 * @csspart upload-progress - the new version's progress bar
 */
export class CpDocumentVersions extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      :host {
        display: block;
        padding: 4px 0 4px var(--cp-space);
        border-left: 2px solid var(--cp-color-border);
      }
      li {
        display: flex;
        flex-wrap: wrap;
        gap: 2px var(--cp-space);
        align-items: baseline;
      }
    `,
  ];

  @query('input[type=file]') private input!: HTMLInputElement;
  @state() private versions: DocumentVersion[] | null = null;
  @state() private sending: { name: string; sent: number; total: number } | null = null;
  @property({ attribute: false }) document!: PortalDocument;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A new version (from here, another tab or the live stream) changes the document's number.
    if ((changed.has('document') || changed.has('portal')) && this.portal && this.document) void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.versions = await filesApi(this.portal!.api).versions(this.document.id);
    } catch (error) {
      this.portal!.actions.refused(error, msg('The versions could not be loaded.'));
    }
  }

  /** Uploads `file` as the document's new current version, with its progress shown here. */
  async uploadVersion(file: File): Promise<void> {
    if (this.sending) return;
    this.sending = { name: file.name, sent: 0, total: file.size };
    try {
      await this.portal!.actions.upload(file, {}, (sent, total) => (this.sending = { name: file.name, sent, total }), undefined, this.document);
    } catch {
      // The store has told the user.
    } finally {
      this.sending = null;
    }
  }

  override render() {
    if (!this.portal || !this.document) return nothing;
    const { store, actions } = this.portal;
    const current = this.versions?.[0]?.number;
    return html`
      <ul class="plain" role="list" aria-label=${msg(str`Versions of ${this.document.name}`)}>
        ${(this.versions ?? []).map(
          (v) => html`<li part="version-row">
            <strong>${msg(str`Version ${formatNumber(v.number)}`)}</strong>
            ${v.number === current ? html`<span class="badge">${msg('Current')}</span>` : nothing}
            <span class="muted">${v.name} · ${formatSize(v.size)} · ${v.uploader?.name ?? store.personName(v.uploadedBy) ?? ''} · ${formatDate(v.createdAt, store.dateFormat)}</span>
            <button class="link" @click=${() => actions.download(this.document, v)} aria-label=${msg(str`Download version ${formatNumber(v.number)} of ${this.document.name}`)}>${msg('Download')}</button>
          </li>`,
        )}
      </ul>
      ${store.can('documents.upload')
        ? html`<button type="button" class="link" @click=${() => this.input.click()}>${msg('Upload a new version')}</button>
            <input
              type="file"
              hidden
              aria-label=${msg(str`New version of ${this.document.name}`)}
              @change=${() => {
                const file = this.input.files?.[0];
                this.input.value = '';
                if (file) void this.uploadVersion(file);
              }}
            />`
        : nothing}
      ${this.sending
        ? html`<progress part="upload-progress" max=${this.sending.total || 1} .value=${this.sending.sent} aria-label=${msg(str`Uploading ${this.sending.name}`)}></progress>
            <span class="muted">${formatPercent(this.sending.sent / (this.sending.total || 1))}</span>`
        : nothing}
    `;
  }
}
define('cp-document-versions', CpDocumentVersions);

declare global {
  interface HTMLElementTagNameMap {
    'cp-document-versions': CpDocumentVersions;
  }
}
