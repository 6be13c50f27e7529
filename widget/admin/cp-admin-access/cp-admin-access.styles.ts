import { css } from 'lit';

export const accessStyles = css`
  button.danger {
    color: var(--cp-color-danger);
  }
  td .actions {
    justify-content: flex-end;
  }
`;
