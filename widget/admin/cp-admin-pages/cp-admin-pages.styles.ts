import { css } from 'lit';

/** The content tabs (Pages, FAQ): a list beside an editor, stacked on a narrow screen. */
export const contentStyles = css`
  :host {
    display: grid;
    gap: calc(var(--cp-space) * 2);
  }
  .split {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 2fr);
    gap: calc(var(--cp-space) * 2);
    align-items: start;
  }
  @media (max-width: 800px) {
    .split {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  form {
    display: grid;
    gap: var(--cp-space);
  }
  form label {
    display: grid;
    gap: 4px;
  }
  .options {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cp-space);
  }
  .editor {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    gap: var(--cp-space);
  }
  @media (max-width: 1100px) {
    .editor {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  textarea {
    min-height: 16em;
    font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
  }
  .preview {
    border: 1px dashed var(--cp-color-border);
    border-radius: var(--cp-radius);
    padding: var(--cp-space);
    min-height: 8em;
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cp-space);
  }
  li.selected .main {
    font-weight: 700;
  }
`;
