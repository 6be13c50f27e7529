import { css } from 'lit';

/** What the commercial views share: the cards of figures (billing, partner dashboard, admin statistics) and the prospect forms. */
export const commercialStyles = css`
  .figures {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(160px, 1fr));
    gap: var(--cp-space);
  }
  .figures .card {
    display: grid;
    gap: 2px;
    align-content: start;
  }
  .figures strong {
    font-size: 1.2em;
    overflow-wrap: anywhere;
  }
  .amount {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  form.grid {
    display: grid;
    gap: var(--cp-space);
    grid-template-columns: repeat(auto-fit, minmax(200px, 1fr));
  }
  form.grid .wide,
  form.grid .row {
    grid-column: 1 / -1;
  }
`;
