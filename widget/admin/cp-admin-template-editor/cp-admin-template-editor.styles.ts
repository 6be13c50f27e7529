import { css } from 'lit';

export const editorStyles = css`
  .top {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(200px, 1fr));
    gap: var(--cp-space) calc(var(--cp-space) * 1.5);
  }
  .steps {
    display: grid;
    gap: calc(var(--cp-space) * 1.5);
  }
  fieldset {
    margin: 0;
    border: 1px solid var(--cp-color-border);
    border-radius: var(--cp-radius);
    padding: calc(var(--cp-space) * 1.5);
  }
  fieldset.step {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(160px, 1fr));
    gap: var(--cp-space) calc(var(--cp-space) * 1.5);
    align-items: end;
  }
  fieldset.step.internal {
    border-color: var(--cp-color-internal);
    border-style: dashed;
  }
  legend {
    font-weight: 600;
    padding: 0 4px;
  }
  .wide {
    grid-column: 1 / -1;
  }
  fieldset.after {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cp-space) calc(var(--cp-space) * 2);
    padding: var(--cp-space) calc(var(--cp-space) * 1.5);
  }
  fieldset.after .hint {
    flex-basis: 100%;
  }
  textarea {
    min-height: 3em;
  }
  .remove {
    justify-self: start;
    color: var(--cp-color-danger);
  }
  button.danger {
    color: var(--cp-color-danger);
  }
`;
