import { css } from 'lit';

export const settingsStyles = css`
  form {
    max-width: 640px;
  }
  form .hint {
    margin-top: calc(var(--cp-space) * -1);
  }
  textarea {
    font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
  }
`;
