import { css } from 'lit';

/**
 * The page has its own customer picker (which names the customer) and bell, and its bar names
 * the tenant with its logo: the widget's would say the same twice.
 */
export const workStyles = css`
  customer-portal {
    border: 1px solid var(--cp-color-border);
  }
  customer-portal::part(customer-select),
  customer-portal::part(bell),
  customer-portal::part(logo),
  customer-portal::part(tenant-name),
  customer-portal::part(customer-name) {
    display: none;
  }
`;
