import { css } from 'lit';

/** A native modal `<dialog>` (focus kept inside, Escape closes), dressed in the tokens. */
export const dialogStyles = css`
  dialog {
    border: 1px solid var(--cp-color-border);
    border-radius: calc(var(--cp-radius) * 1.5);
    background: var(--cp-color-background);
    color: var(--cp-color-text);
    box-shadow: var(--cp-shadow);
    padding: calc(var(--cp-space) * 3);
    width: min(520px, calc(100vw - 24px));
    max-height: calc(100vh - 24px);
  }
  dialog::backdrop {
    background: rgb(15 23 42 / 0.45);
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: var(--cp-space);
    margin-top: calc(var(--cp-space) * 2);
  }
`;
