import { css } from 'lit';

export const importStyles = css`
  .fields {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cp-space);
  }
  .summary {
    margin: 0;
    font-weight: 600;
  }
  .outcome-created {
    color: var(--cp-color-success);
  }
  .outcome-exists {
    color: var(--cp-color-muted);
  }
  .outcome-refused {
    color: var(--cp-color-danger);
  }
  tr.refused td {
    background: var(--cp-color-surface);
  }
  .reason {
    margin-inline-start: var(--cp-space);
  }
`;
