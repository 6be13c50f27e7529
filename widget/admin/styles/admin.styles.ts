import { css } from 'lit';

/** What the admin views share beyond the widget's styles: sections, forms, tables, access badges. */
export const adminStyles = css`
  :host {
    display: grid;
    gap: calc(var(--cp-space) * 2);
  }
  /* Two columns on a wide screen: a side (--split-side wide) and the main part. */
  .split {
    display: grid;
    gap: calc(var(--cp-space) * 2);
    align-items: start;
  }
  @media (min-width: 1000px) {
    .split {
      grid-template-columns: var(--split-side, minmax(220px, 280px)) minmax(0, 1fr);
    }
  }
  /* A list to choose one item from (permission sets, endpoints): the chosen one is marked. */
  .pick-list {
    display: grid;
    gap: 2px;
  }
  .pick-list button {
    width: 100%;
    text-align: start;
    overflow-wrap: anywhere;
  }
  .pick-list button[aria-current='true'] {
    border-color: var(--cp-color-primary);
    background: var(--cp-color-surface);
  }
  section.card {
    display: grid;
    gap: calc(var(--cp-space) * 1.5);
    align-content: start;
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--cp-space);
  }
  .fields {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--cp-space) calc(var(--cp-space) * 1.5);
  }
  .fields label:not(.inline) {
    flex: 1 1 180px;
  }
  form.grid {
    display: grid;
    gap: calc(var(--cp-space) * 1.5);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--cp-space);
  }
  /* An address or a key in a sentence breaks where it must rather than widen the page. */
  .hint code {
    overflow-wrap: anywhere;
  }
  /* A label is a grid: its select would keep the width of its longest option, past a phone's edge. */
  label > select {
    min-width: 0;
  }
  /* Positioned, so what is absolutely placed in it (a visually hidden header) scrolls and clips
     with the table instead of widening the whole page on a phone. */
  .table {
    position: relative;
    overflow-x: auto;
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    text-align: start;
    padding: var(--cp-space);
    border-bottom: 1px solid var(--cp-color-border);
    vertical-align: middle;
  }
  th {
    color: var(--cp-color-muted);
    font-size: 0.85em;
    font-weight: 600;
    white-space: nowrap;
  }
  td.number,
  th.number {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  tbody tr:last-child > * {
    border-bottom: 0;
  }
  .access-active {
    color: var(--cp-color-success);
  }
  .access-invited {
    color: var(--cp-color-primary);
  }
  .access-deactivated {
    color: var(--cp-color-muted);
    border-style: dashed;
  }
  .alert {
    color: var(--cp-color-danger);
  }
  ul.details {
    margin: 0;
    padding-inline-start: calc(var(--cp-space) * 2.5);
    color: var(--cp-color-danger);
  }
  input[type='checkbox'] {
    min-height: 0;
  }
  /* A grid of choices, one a line: capabilities, members. */
  .choices {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(260px, 1fr));
    gap: 2px calc(var(--cp-space) * 2);
    margin: 0;
    padding: 0;
    border: 0;
  }
  .choices label {
    display: flex;
    align-items: center;
    gap: var(--cp-space);
    color: var(--cp-color-text);
    font-size: 1em;
    min-height: 32px;
  }
  fieldset.plain-fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  fieldset.plain-fieldset legend {
    padding: 0;
    margin-bottom: 4px;
    color: var(--cp-color-muted);
    font-size: 0.9em;
  }
  .hint {
    color: var(--cp-color-muted);
    font-size: 0.9em;
    margin: 0;
  }
`;
