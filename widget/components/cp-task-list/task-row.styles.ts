import { css } from 'lit';

/** A task as one line of a list: shared by the task list and the dashboard. */
export const taskRowStyles = css`
  .task {
    cursor: pointer;
  }
  .block {
    /* Thousands of rows: blocks off-screen cost no style, layout or paint (a row each would cost every scroll). */
    content-visibility: auto;
    contain-intrinsic-block-size: auto 950px;
  }
  .task:hover .open {
    text-decoration: underline;
  }
  .task .open {
    color: var(--cp-color-text);
    text-decoration: none;
  }
  .task .open:hover {
    text-decoration: underline;
  }
  .task.done .open {
    color: var(--cp-color-muted);
    font-weight: 500;
  }
  .task.selected {
    background: var(--cp-color-surface);
    box-shadow: inset 3px 0 0 var(--cp-color-primary);
    padding-inline-start: var(--cp-space);
  }
`;
