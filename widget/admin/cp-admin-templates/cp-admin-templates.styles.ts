import { css } from 'lit';

export const templatesStyles = css`
  .main {
    display: grid;
    gap: calc(var(--cp-space) * 2);
  }
  .list ul {
    display: grid;
    gap: 4px;
  }
  button.item {
    width: 100%;
    display: grid;
    gap: 2px;
    text-align: start;
    border-color: transparent;
  }
  button.item[aria-current='true'] {
    border-color: var(--cp-color-primary);
    background: var(--cp-color-surface);
  }
  .applied {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--cp-space);
    border-inline-start: 4px solid var(--cp-color-success);
    padding-inline-start: var(--cp-space);
  }
  .applied p {
    margin: 0;
  }
`;
