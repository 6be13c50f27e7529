import { css } from 'lit';
import { portalStyles } from '../../customer-portal/customer-portal.styles.js';

/** The widget's frame (header, tabs, notices, the fatal state) with the admin page's own touches. */
export const adminRootStyles = [
  portalStyles,
  css`
    :host {
      min-height: 100%;
    }
    h1 {
      margin: 0;
      font-size: 1.2em;
    }
    #panel {
      display: grid;
      gap: calc(var(--cp-space) * 2);
      align-content: start;
    }
    /* 320 px wide where there is room; narrower on a phone rather than past the screen's edge. */
    .picker select {
      flex: 0 1 320px;
      min-width: 0;
    }
  `,
];
