import { css } from 'lit';

export const customersStyles = css`
  th[scope='row'] {
    font-weight: 600;
  }
  th[scope='row'] .id {
    display: block;
    font-weight: 400;
    font-size: 0.85em;
  }
  .trend-declining {
    color: var(--cp-color-danger);
  }
  .trend-spike,
  .trend-rising {
    color: var(--cp-color-success);
  }
  input[type='search'] {
    min-width: min(280px, 100%);
  }
`;
