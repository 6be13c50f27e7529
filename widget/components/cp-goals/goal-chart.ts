import { msg, str } from '@lit/localize';
import { html, nothing, svg } from 'lit';
import type { Goal, GoalMetric, GoalUpdate } from '../../api/goal.types.js';
import { formatDate, formatNumber } from '../../lib/format.js';

const W = 320;
const H = 120;
const PAD = 8;

/** "80 tickets": a value with the metric's unit, in the user's number format. */
export const withUnit = (value: number, metric: GoalMetric) => `${formatNumber(value)}${metric.unit ? ` ${metric.unit}` : ''}`;

/**
 * The history of a goal with a metric as a line: each recorded value over time, from the start
 * (at the goal's creation) to the latest, between the start and target lines. Drawn with SVG of
 * our own; for screen readers it is one image with a summary, and the table below holds every
 * value (the same data, readable without the chart).
 * @example goalChart(goal, updates, 'auto')
 */
export function goalChart(goal: Goal, updates: GoalUpdate[]) {
  const metric = goal.metric;
  const points = updates.filter((u) => u.value !== null);
  if (!metric || points.length === 0) return nothing;
  const series = [{ at: Date.parse(goal.createdAt), value: metric.start }, ...points.map((u) => ({ at: Date.parse(u.createdAt), value: u.value! }))];
  const values = [metric.start, metric.target, ...series.map((p) => p.value)];
  const [low, high] = [Math.min(...values), Math.max(...values)];
  const [first, last] = [series[0]!.at, series.at(-1)!.at];
  const x = (at: number) => PAD + (last === first ? W - 2 * PAD : ((at - first) / (last - first)) * (W - 2 * PAD));
  const y = (value: number) => H - PAD - ((value - low) / (high - low || 1)) * (H - 2 * PAD);
  const line = series.map((p) => `${x(p.at).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const latest = points.at(-1)!.value!;
  const summary = msg(
    str`Progress of ${goal.title}: from ${withUnit(metric.start, metric)} to ${withUnit(latest, metric)} in ${formatNumber(points.length)} updates; the target is ${withUnit(metric.target, metric)}.`,
  );
  return html`<figure part="goal-chart">
    <!-- Stretched to the card's width; strokes keep their width, and points are round caps of empty lines (circles would stretch). -->
    <svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${summary} preserveAspectRatio="none">
      ${svg`<line class="target" x1=${PAD} x2=${W - PAD} y1=${y(metric.target)} y2=${y(metric.target)}></line>
        <line class="start" x1=${PAD} x2=${W - PAD} y1=${y(metric.start)} y2=${y(metric.start)}></line>
        <polyline class="value" points=${line}></polyline>
        ${series.map((p) => svg`<line class="point" x1=${x(p.at)} x2=${x(p.at)} y1=${y(p.value)} y2=${y(p.value)}></line>`)}`}
    </svg>
    <figcaption class="muted">${msg(str`Target ${withUnit(metric.target, metric)}`)} · ${msg(str`Start ${withUnit(metric.start, metric)}`)}</figcaption>
  </figure>`;
}

/** Every update as a row: when, who, the value (with a metric) and the note. */
export function historyTable(goal: Goal, updates: GoalUpdate[], dateFormat: Parameters<typeof formatDate>[1]) {
  if (updates.length === 0) return html`<p class="muted">${msg('No progress recorded yet.')}</p>`;
  return html`<table part="goal-history">
    <caption class="visually-hidden">${msg(str`History of ${goal.title}`)}</caption>
    <thead>
      <tr>
        <th scope="col">${msg('Date')}</th>
        <th scope="col">${msg('By')}</th>
        ${goal.metric ? html`<th scope="col">${msg('Value')}</th>` : nothing}
        <th scope="col">${msg('Note')}</th>
      </tr>
    </thead>
    <tbody>
      ${[...updates].reverse().map(
        (u) => html`<tr>
          <td>${formatDate(u.createdAt, dateFormat)}</td>
          <td>${u.author?.name ?? msg('The team')}</td>
          ${goal.metric ? html`<td>${u.value === null ? '—' : withUnit(u.value, goal.metric)}</td>` : nothing}
          <td class="note">${u.note}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}
