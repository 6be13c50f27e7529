import { css, html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { define } from '../../lib/portal-element.js';
import { sharedStyles } from '../../styles/shared.styles.js';

/**
 * Markdown (a task description, a comment) rendered safely: see `renderMarkdown`.
 * @example html`<cp-markdown .text=${task.description} .mentions=${names}></cp-markdown>`
 * @csspart content - the rendered text
 */
export class CpMarkdown extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        overflow-wrap: anywhere;
      }
      .content > :first-child {
        margin-top: 0;
      }
      .content > :last-child {
        margin-bottom: 0;
      }
      p,
      ul,
      ol,
      blockquote,
      pre {
        margin: 0 0 0.6em;
      }
      ul,
      ol {
        padding-inline-start: 1.4em;
      }
      .heading {
        font-weight: 700;
      }
      blockquote {
        border-inline-start: 3px solid var(--cp-color-border);
        padding-inline-start: var(--cp-space);
        color: var(--cp-color-muted);
      }
      code {
        font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
        font-size: 0.92em;
        background: var(--cp-color-surface);
        border-radius: 4px;
        padding: 0 3px;
      }
      pre {
        background: var(--cp-color-surface);
        border-radius: var(--cp-radius);
        padding: var(--cp-space);
        white-space: pre-wrap;
      }
      pre code {
        background: none;
        padding: 0;
      }
      a {
        color: var(--cp-color-primary);
      }
      .mention {
        color: var(--cp-color-primary);
        font-weight: 600;
      }
    `,
  ];

  @property() text = '';
  /** Names that `@Name` may mention: those are highlighted. */
  @property({ attribute: false }) mentions: readonly string[] = [];

  override render() {
    return html`<div class="content" part="content">${unsafeHTML(renderMarkdown(this.text, this.mentions))}</div>`;
  }
}
define('cp-markdown', CpMarkdown);

declare global {
  interface HTMLElementTagNameMap {
    'cp-markdown': CpMarkdown;
  }
}
