import { css } from 'lit';

/** What every component shares: text, controls, focus, badges, lists. */
export const sharedStyles = css`
  :host {
    font-family: var(--cp-font-family);
    font-size: var(--cp-font-size);
    line-height: 1.45;
    color: var(--cp-color-text);
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }
  h2,
  h3,
  h4 {
    margin: 0;
    line-height: 1.25;
  }
  h2 {
    font-size: 1.25em;
  }
  h3 {
    font-size: 1.05em;
  }
  ul.plain {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  :focus-visible {
    outline: 2px solid var(--cp-color-focus);
    outline-offset: 2px;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
    border: 1px solid var(--cp-color-border);
    border-radius: var(--cp-radius);
    background: var(--cp-color-background);
    padding: calc(var(--cp-space) * 0.5) calc(var(--cp-space) * 1.5);
    min-height: 36px;
  }
  button:hover {
    border-color: var(--cp-color-muted);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  button.primary {
    background: var(--cp-color-primary);
    border-color: var(--cp-color-primary);
    color: var(--cp-color-on-primary);
    font-weight: 600;
  }
  button.link {
    border: 0;
    background: none;
    padding: 0;
    min-height: 0;
    color: var(--cp-color-primary);
    text-align: start;
    text-decoration: underline;
    text-underline-offset: 2px;
  }
  button.icon {
    padding: calc(var(--cp-space) * 0.5);
    min-width: 36px;
    display: inline-grid;
    place-items: center;
  }
  input,
  select,
  textarea {
    border: 1px solid var(--cp-color-border);
    border-radius: var(--cp-radius);
    background: var(--cp-color-background);
    padding: calc(var(--cp-space) * 0.5) var(--cp-space);
    min-height: 36px;
    max-width: 100%;
  }
  textarea {
    width: 100%;
    resize: vertical;
    min-height: 5em;
  }
  label {
    display: grid;
    gap: 2px;
    color: var(--cp-color-muted);
    font-size: 0.9em;
  }
  label.inline {
    display: flex;
    align-items: center;
    gap: var(--cp-space);
    color: var(--cp-color-text);
    font-size: 1em;
  }
  .muted {
    color: var(--cp-color-muted);
  }
  .badge {
    display: inline-block;
    border-radius: 999px;
    padding: 0 var(--cp-space);
    font-size: 0.8em;
    font-weight: 600;
    line-height: 1.7;
    white-space: nowrap;
    border: 1px solid currentColor;
  }
  .status-todo {
    color: var(--cp-color-muted);
  }
  .status-in_progress {
    color: var(--cp-color-primary);
  }
  .status-blocked,
  .overdue,
  .priority-urgent {
    color: var(--cp-color-danger);
  }
  .status-done {
    color: var(--cp-color-success);
  }
  .priority-high {
    color: var(--cp-color-warning);
  }
  .internal {
    color: var(--cp-color-internal);
    border-style: dashed;
  }
  .card {
    background: var(--cp-color-background);
    border: 1px solid var(--cp-color-border);
    border-radius: var(--cp-radius);
    padding: calc(var(--cp-space) * 2);
  }
  progress {
    appearance: none;
    width: 100%;
    height: 8px;
    border: 0;
    border-radius: 999px;
    background: var(--cp-color-surface);
    overflow: hidden;
  }
  progress::-webkit-progress-bar {
    background: var(--cp-color-border);
    border-radius: 999px;
  }
  progress::-webkit-progress-value {
    background: var(--cp-color-success);
    border-radius: 999px;
  }
  progress::-moz-progress-bar {
    background: var(--cp-color-success);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  ul.rows {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .rows > li,
  .rows .task {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 4px var(--cp-space);
    padding: var(--cp-space) 0;
    border-top: 1px solid var(--cp-color-border);
  }
  .rows > li:first-child,
  .rows > .task:first-child,
  .rows > .block:first-child > .task:first-child {
    border-top: 0;
  }
  .rows .main {
    flex: 1 1 220px;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .rows .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 4px var(--cp-space);
    font-size: 0.9em;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--cp-space);
  }
  .stack {
    display: grid;
    gap: calc(var(--cp-space) * 2);
  }
`;

/** A view's host: its sections stacked. */
export const viewStyles = css`
  :host {
    display: grid;
    gap: calc(var(--cp-space) * 2);
  }
`;
