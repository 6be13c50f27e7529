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
  input[type='search'] {
    min-width: min(280px, 100%);
  }
`;
