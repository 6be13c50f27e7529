import { svg, html, type TemplateResult } from 'lit';
import { formatNumber } from '../../lib/format.js';

/** One bar: its label (a day or a week's first day) and its value (null: nothing to measure). */
export interface Bar {
  label: string;
  value: number | null;
}

const W = 320;
const H = 96;

/**
 * A small bar chart drawn as SVG of our own: one bar a bucket, the largest value as the scale,
 * each bar titled with its label and value (a tooltip, and what a screen reader reads through
 * the table beside it). Colours are the widget's tokens, so dark mode follows.
 * @example barChart('Sessions', bars)
 */
export function barChart(title: string, bars: readonly Bar[]): TemplateResult {
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const step = W / Math.max(1, bars.length);
  const width = Math.max(1, step - (step > 4 ? 2 : 0));
  const total = bars.reduce((n, b) => n + (b.value ?? 0), 0);
  return html`<figure class="chart" part="chart">
    <figcaption><span class="chart-title">${title}</span> <span class="muted">${formatNumber(Math.round(total * 10) / 10)}</span></figcaption>
    <svg viewBox="0 0 ${W} ${H}" preserveAspectRatio="none" role="img" aria-label=${title}>
      ${bars.map((b, i) => {
        const h = b.value ? Math.max(1, (b.value / max) * (H - 4)) : 0;
        return svg`<rect x=${(i * step).toFixed(2)} y=${(H - h).toFixed(2)} width=${width.toFixed(2)} height=${h.toFixed(2)}><title>${b.label}: ${b.value === null ? '—' : formatNumber(b.value)}</title></rect>`;
      })}
      <line x1="0" y1=${H - 0.5} x2=${W} y2=${H - 0.5}></line>
    </svg>
    <div class="scale muted"><span>${bars[0]?.label ?? ''}</span><span>${formatNumber(max)}</span><span>${bars.at(-1)?.label ?? ''}</span></div>
  </figure>`;
}
