import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { Visibility } from '../../api/api.types.js';
import { formatPercent } from '../../lib/format.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import '../cp-visibility/cp-visibility.js';

interface Upload {
  id: number;
  file: File;
  sent: number;
  total: number;
  abort: AbortController;
  /** Sent in resumable parts: it may be paused, and resumes where it stopped. */
  resumable: boolean;
  paused: boolean;
}

let sequence = 0;

/**
 * Uploads files, dropped or chosen, each with its progress bar and a cancel button. Staff
 * choose whether the files are shared with the customer or internal.
 * @example html`<cp-file-upload task-id=${task.id}></cp-file-upload>`
 * @csspart dropzone - the drop target
 * @csspart upload-progress - one file's progress bar
 */
export class CpFileUpload extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      .drop {
        display: grid;
        justify-items: center;
        gap: var(--cp-space);
        padding: calc(var(--cp-space) * 2);
        border: 2px dashed var(--cp-color-border);
        border-radius: var(--cp-radius);
        text-align: center;
        color: var(--cp-color-muted);
      }
      .drop.over {
        border-color: var(--cp-color-primary);
        background: var(--cp-color-surface);
      }
      .uploads {
        display: grid;
        gap: 4px;
        margin-top: var(--cp-space);
      }
      .upload {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        align-items: center;
        gap: 2px var(--cp-space);
      }
      .upload progress {
        grid-column: 1;
        width: 100%;
      }
      .actions {
        display: flex;
        gap: var(--cp-space);
      }
      .name {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
    `,
  ];

  @query('input[type=file]') private input!: HTMLInputElement;
  @state() private uploads: Upload[] = [];
  @state() private over = false;
  @state() private visibility: Visibility = 'portal';
  @property({ attribute: 'task-id' }) taskId = '';
  /** The folder new files are filed in (the one the documents view shows). */
  @property({ attribute: 'folder-id' }) folderId = '';
  /** The deal new files are work of (a registration's co-selling workspace). */
  @property({ attribute: 'deal-id' }) dealId = '';

  private add(files: FileList | null): void {
    for (const file of Array.from(files ?? [])) void this.send(file);
  }

  private send(file: File): Promise<void> {
    const upload: Upload = { id: ++sequence, file, sent: 0, total: file.size, abort: new AbortController(), resumable: this.portal!.api.isResumable(file.size), paused: false };
    this.uploads = [...this.uploads, upload];
    return this.run(upload);
  }

  /** Sends `upload` (again, after a pause: from where it stopped); the row goes once it is done, failed or cancelled. */
  private async run(upload: Upload): Promise<void> {
    const visibility = this.portal!.store.isStaff ? this.visibility : undefined;
    try {
      await this.portal!.actions.upload(
        upload.file,
        { ...(this.taskId ? { taskId: this.taskId } : {}), ...(this.folderId ? { folderId: this.folderId } : {}), ...(this.dealId ? { dealId: this.dealId } : {}), ...(visibility ? { visibility } : {}) },
        (sent, total) => {
          Object.assign(upload, { sent, total });
          this.requestUpdate();
        },
        upload.abort.signal,
      );
    } catch {
      // The store has told the user; a paused upload stays, the others go.
      if (upload.paused) return this.requestUpdate();
    }
    this.uploads = this.uploads.filter((u) => u !== upload);
  }

  private pause(upload: Upload): void {
    upload.paused = true;
    upload.abort.abort('pause');
    this.requestUpdate();
  }

  private resume(upload: Upload): void {
    Object.assign(upload, { paused: false, abort: new AbortController() });
    this.requestUpdate();
    void this.run(upload);
  }

  private cancel(upload: Upload): void {
    if (upload.paused) {
      // Paused: nothing is under way to abort; the resumed upload is ended at once instead.
      upload.paused = false;
      upload.abort = new AbortController();
      upload.abort.abort();
      void this.run(upload);
    } else upload.abort.abort();
  }

  private drop(event: DragEvent): void {
    event.preventDefault();
    this.over = false;
    this.add(event.dataTransfer?.files ?? null);
  }

  override render() {
    if (!this.portal) return nothing;
    return html`<div
        class="drop ${this.over ? 'over' : ''}"
        part="dropzone"
        @dragover=${(e: DragEvent) => {
          e.preventDefault();
          this.over = true;
        }}
        @dragleave=${() => (this.over = false)}
        @drop=${this.drop}
      >
        <span>${msg('Drop files here or')}</span>
        <button type="button" @click=${() => this.input.click()}>${msg('Choose files')}</button>
        <input
          type="file"
          multiple
          hidden
          aria-label=${msg('Choose files')}
          @change=${() => {
            this.add(this.input.files);
            this.input.value = '';
          }}
        />
        ${this.portal.store.isStaff
          ? html`<cp-visibility
              label=${msg('Who sees the files')}
              .value=${this.visibility}
              @cp-visibility-change=${(e: CustomEvent<{ visibility: Visibility }>) => (this.visibility = e.detail.visibility)}
            ></cp-visibility>`
          : nothing}
      </div>
      ${this.uploads.length
        ? html`<ul class="uploads plain" role="list" aria-label=${msg('Uploads in progress')}>
            ${this.uploads.map((u) => {
              const percent = Math.round((100 * u.sent) / (u.total || 1));
              return html`<li class="upload">
                <span class="name">${u.file.name}</span>
                <span class="actions">
                  ${u.resumable
                    ? u.paused
                      ? html`<button class="link" @click=${() => this.resume(u)}>${msg('Resume')}</button>`
                      : html`<button class="link" @click=${() => this.pause(u)}>${msg('Pause')}</button>`
                    : nothing}
                  <button class="link" @click=${() => this.cancel(u)}>${msg('Cancel')}</button>
                </span>
                <progress
                  part="upload-progress"
                  max="100"
                  .value=${percent}
                  aria-valuemin="0"
                  aria-valuemax="100"
                  aria-valuenow=${percent}
                  aria-label=${msg(str`Uploading ${u.file.name}`)}
                ></progress>
                <span class="muted">${u.paused ? msg(str`Paused at ${formatPercent(u.sent / (u.total || 1))}`) : formatPercent(u.sent / (u.total || 1))}</span>
              </li>`;
            })}
          </ul>`
        : nothing}`;
  }
}
define('cp-file-upload', CpFileUpload);

declare global {
  interface HTMLElementTagNameMap {
    'cp-file-upload': CpFileUpload;
  }
}
