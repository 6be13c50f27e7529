import { css } from 'lit';

export const engagementStyles = css`
  .charts {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(280px, 100%), 1fr));
    gap: calc(var(--cp-space) * 1.5);
  }
  .chart {
    margin: 0;
  }
  .chart svg {
    display: block;
    width: 100%;
    height: 96px;
  }
  .chart rect {
    fill: var(--cp-color-primary);
  }
  .chart line {
    stroke: var(--cp-color-border);
  }
  .chart-title {
    font-weight: 600;
  }
  .scale {
    display: flex;
    justify-content: space-between;
    font-size: 0.8em;
  }
  .score {
    font-size: 2em;
    font-weight: 700;
  }
  .trend-declining {
    color: var(--cp-color-danger);
  }
  .trend-spike,
  .trend-rising {
    color: var(--cp-color-success);
  }
  ul.signals {
    padding-inline-start: 1.2em;
  }
`;
