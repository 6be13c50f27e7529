import { css } from 'lit';

/**
 * A conversation's list (a task's comments, a thread's messages): one bordered item each, an
 * internal note dashed in the internal colour, a pending one dimmed, the author line above.
 */
export const notesStyles = css`
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--cp-space);
  }
  li {
    border: 1px solid var(--cp-color-border);
    border-radius: var(--cp-radius);
    padding: var(--cp-space) calc(var(--cp-space) * 1.5);
  }
  li.internal-note {
    border-style: dashed;
    border-color: var(--cp-color-internal);
  }
  li.pending {
    opacity: 0.6;
  }
  header,
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 2px var(--cp-space);
    align-items: baseline;
    margin-bottom: 4px;
  }
`;
