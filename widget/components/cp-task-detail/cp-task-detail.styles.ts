import { css } from 'lit';

export const detailStyles = css`
  :host {
    display: block;
  }
  .panel {
    display: grid;
    gap: calc(var(--cp-space) * 2);
    background: var(--cp-color-background);
    border: 1px solid var(--cp-color-border);
    border-radius: var(--cp-radius);
    padding: calc(var(--cp-space) * 2);
    box-shadow: var(--cp-shadow);
  }
  .panel.internal {
    border-style: dashed;
    border-color: var(--cp-color-internal);
  }
  .top {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: var(--cp-space);
  }
  .top .close {
    margin-inline-start: auto;
  }
  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(160px, 1fr));
    gap: calc(var(--cp-space) * 1.5);
    margin: 0;
  }
  .field {
    display: grid;
    gap: 4px;
    align-content: start;
  }
  dt {
    color: var(--cp-color-muted);
    font-size: 0.85em;
  }
  dd {
    margin: 0;
    display: grid;
    gap: 2px;
  }
  .block {
    display: grid;
    gap: var(--cp-space);
  }
`;
