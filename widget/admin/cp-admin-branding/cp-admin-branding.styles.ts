import { css } from 'lit';

export const brandingStyles = css`
  .split {
    --split-side: minmax(320px, 420px);
  }
  @media (min-width: 1000px) {
    .preview {
      position: sticky;
      top: var(--cp-space);
    }
  }
  fieldset {
    margin: 0;
    border: 1px solid var(--cp-color-border);
    border-radius: var(--cp-radius);
    padding: var(--cp-space) calc(var(--cp-space) * 1.5) calc(var(--cp-space) * 1.5);
    display: grid;
    gap: var(--cp-space);
  }
  legend {
    font-weight: 600;
    padding: 0 4px;
  }
  .color input {
    width: 44px;
    height: 32px;
    padding: 2px;
    min-height: 0;
    flex: none;
  }
  .color span {
    display: grid;
    font-size: 0.9em;
  }
  .pair {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(140px, 1fr));
    gap: var(--cp-space);
  }
  .logo img {
    max-height: 48px;
    max-width: 200px;
    justify-self: start;
  }
  .logo .link {
    justify-self: start;
  }
  .preview customer-portal {
    border: 1px solid var(--cp-color-border);
  }
  .preview customer-portal::part(customer-select) {
    display: none;
  }
`;
