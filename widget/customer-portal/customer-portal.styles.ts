import { css } from 'lit';

export const portalStyles = css`
  :host {
    display: block;
    container: portal / inline-size;
    background: var(--cp-color-background);
    color: var(--cp-color-text);
    border-radius: var(--cp-radius);
  }
  /* One column as wide as the element, never wider (a row of tabs that scrolls must not widen it). */
  .portal {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--cp-space) * 2);
    padding: calc(var(--cp-space) * 2);
  }
  header {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--cp-space) * 1.5);
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--cp-space);
  }
  .brand {
    display: grid;
    grid-template-columns: auto 1fr;
    align-items: center;
    column-gap: var(--cp-space);
  }
  .brand > :not(.logo) {
    grid-column: 2;
  }
  .logo {
    grid-row: span 2;
    max-height: 40px;
    max-width: 120px;
  }
  .brand strong {
    font-size: 1.1em;
  }
  .tools {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--cp-space);
  }
  nav[part='nav'] {
    position: relative;
    display: flex;
    align-items: flex-end;
    gap: 2px;
    border-bottom: 1px solid var(--cp-color-border);
  }
  .tab-gauge {
    position: absolute;
    inset-inline: 0;
    height: 0;
  }
  [role='tablist'] {
    display: flex;
    flex-wrap: wrap;
    flex: 1 1 auto;
    min-width: 0;
    gap: 2px;
  }
  /* A narrow element (a phone): one line of tabs, those that do not fit in the More menu. */
  nav.compact [role='tablist'] {
    flex-wrap: nowrap;
    overflow: hidden;
  }
  nav.compact [role='tab'],
  nav.measuring [role='tab'] {
    flex: none;
  }
  nav:not(.measuring) [role='tab'].overflowed,
  nav:not(.measuring) .more.unused {
    display: none;
  }
  .more {
    position: relative;
    flex: none;
  }
  .more > button {
    white-space: nowrap;
  }
  .more > button[aria-expanded='true'] {
    color: var(--cp-color-text);
  }
  .more .caret::after {
    content: '▾';
    margin-inline-start: 4px;
  }
  .more ul {
    position: absolute;
    z-index: 3;
    top: calc(100% + 4px);
    inset-inline-end: 0;
    display: grid;
    min-width: 12em;
    max-width: min(20em, 90vw);
    padding: 4px;
    background: var(--cp-color-background);
    border: 1px solid var(--cp-color-border);
    border-radius: var(--cp-radius);
    box-shadow: var(--cp-shadow);
  }
  .more li button {
    width: 100%;
    white-space: nowrap;
    border: 0;
    background: none;
    text-align: start;
    font-weight: 600;
  }
  .more li button:hover {
    background: var(--cp-color-surface);
  }
  [role='tab'],
  .more > button {
    border: 0;
    border-radius: var(--cp-radius) var(--cp-radius) 0 0;
    background: none;
    color: var(--cp-color-muted);
    padding: var(--cp-space) calc(var(--cp-space) * 1.5);
    font-weight: 600;
    box-shadow: inset 0 -3px 0 transparent;
  }
  [role='tab']:hover,
  .more > button:hover {
    color: var(--cp-color-text);
  }
  [role='tab'][aria-selected='true'] {
    color: var(--cp-color-primary);
    box-shadow: inset 0 -3px 0 var(--cp-color-primary);
  }
  .layout {
    display: grid;
    gap: calc(var(--cp-space) * 2);
    align-items: start;
  }
  [role='tabpanel']:focus {
    outline: none;
  }
  /* Narrow: the task replaces the view. Wide: it opens beside it. */
  .layout.with-detail > [role='tabpanel'] {
    display: none;
  }
  @container portal (min-width: 900px) {
    .layout.with-detail {
      grid-template-columns: minmax(0, 1fr) minmax(340px, 0.9fr);
    }
    .layout.with-detail > [role='tabpanel'] {
      display: block;
    }
  }
  .notices {
    display: grid;
    gap: var(--cp-space);
  }
  .notice {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--cp-space);
    border: 1px solid var(--cp-color-border);
    border-inline-start: 4px solid var(--cp-color-primary);
    border-radius: var(--cp-radius);
    padding: var(--cp-space) calc(var(--cp-space) * 1.5);
    background: var(--cp-color-surface);
  }
  .notice.error {
    border-inline-start-color: var(--cp-color-danger);
  }
  .fatal {
    display: grid;
    justify-items: start;
    gap: var(--cp-space);
    padding: calc(var(--cp-space) * 3);
  }
`;
