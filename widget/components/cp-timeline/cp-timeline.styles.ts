import { css } from 'lit';

/** The timeline's look, from the `--cp-*` tokens only (so dark mode and branding follow). */
export const timelineStyles = css`
  section {
    display: grid;
    gap: var(--cp-space);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--cp-space);
  }
  .toolbar h2 {
    margin: 0;
    margin-inline-end: auto;
  }
  .zoom {
    display: inline-flex;
    gap: 2px;
  }
  .zoom [aria-pressed='true'] {
    border-color: var(--cp-color-primary);
    box-shadow: inset 0 -3px 0 var(--cp-color-primary);
  }
  .chart {
    overflow: auto;
    max-height: 70vh;
    border: 1px solid var(--cp-color-border);
    border-radius: var(--cp-radius);
    background: var(--cp-color-background);
  }
  .canvas {
    position: relative;
    min-height: 100%;
  }
  .scale,
  .marks {
    position: sticky;
    top: 0;
    z-index: 2;
    height: 28px;
    background: var(--cp-color-surface);
    border-bottom: 1px solid var(--cp-color-border);
  }
  .marks {
    top: 28px;
    list-style: none;
    margin: 0;
    padding: 0;
    height: 32px;
  }
  .tick,
  .mark,
  .today {
    position: absolute;
    inset-inline-start: var(--at);
  }
  .tick {
    top: 0;
    height: 28px;
    padding-inline-start: 4px;
    border-inline-start: 1px solid var(--cp-color-border);
    color: var(--cp-color-muted);
    font-size: 0.8em;
    line-height: 28px;
    white-space: nowrap;
  }
  .tick.month {
    color: var(--cp-color-text);
    font-weight: 600;
  }
  .mark {
    top: 4px;
    display: flex;
    align-items: center;
    gap: 4px;
    white-space: nowrap;
    font-size: 0.85em;
    translate: -6px 0;
  }
  .diamond {
    width: 12px;
    height: 12px;
    rotate: 45deg;
    background: var(--cp-color-primary);
  }
  .mark.at_risk .diamond,
  .mark.missed .diamond {
    background: var(--cp-color-danger);
  }
  .mark.reached .diamond {
    background: var(--cp-color-success);
  }
  .rows {
    position: relative;
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .row {
    position: absolute;
    top: var(--top);
    inset-inline: 0;
    height: 30px;
    box-sizing: border-box;
    border-bottom: 1px solid var(--cp-color-border);
  }
  .label {
    position: sticky;
    inset-inline-start: 0;
    z-index: 1;
    display: block;
    width: 192px;
    padding-inline: var(--cp-space);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    line-height: 30px;
    background: var(--cp-color-background);
  }
  .bar {
    position: absolute;
    top: 6px;
    inset-inline-start: var(--at);
    width: var(--width);
    height: 18px;
    min-height: 0;
    padding: 0;
    border-radius: 999px;
    border: 1px solid currentColor;
    background: color-mix(in srgb, currentColor 30%, transparent);
    cursor: pointer;
    touch-action: none;
  }
  .bar.undated {
    border-style: dashed;
    background: transparent;
  }
  .today {
    top: 0;
    bottom: 0;
    z-index: 3;
    width: 0;
    border-inline-start: 2px solid var(--cp-color-danger);
    pointer-events: none;
  }
  .today span {
    position: sticky;
    top: 0;
    display: inline-block;
    padding-inline: 4px;
    font-size: 0.75em;
    color: var(--cp-color-background);
    background: var(--cp-color-danger);
  }
  .list li {
    display: grid;
    gap: 2px;
    padding-block: 4px;
    border-bottom: 1px solid var(--cp-color-border);
  }
  h3 {
    margin: 0;
  }
`;
