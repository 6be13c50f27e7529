import { css } from 'lit';

export const activityStyles = css`
  td:first-child {
    white-space: nowrap;
  }
  td .link {
    margin-inline-start: var(--cp-space);
  }
  .role-contact {
    color: var(--cp-color-primary);
  }
  .role-staff {
    color: var(--cp-color-muted);
  }
  .fields label:not(.inline) {
    flex: 0 1 200px;
  }
`;
