import { css } from 'lit';

export const partnersStyles = css`
  :host {
    display: grid;
    gap: calc(var(--cp-space) * 3);
  }
  section {
    display: grid;
    gap: var(--cp-space);
  }
  form.inline {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--cp-space);
    flex-basis: 100%;
  }
  form.inline label {
    flex: 1 1 160px;
  }
  .note {
    flex-basis: 100%;
    margin: 0;
  }
`;
