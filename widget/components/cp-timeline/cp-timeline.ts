import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Task } from '../../api/api.types.js';
import { cssVars } from '../../lib/css-vars.js';
import { formatDate } from '../../lib/format.js';
import { getLocale } from '../../lib/localization.js';
import { statusLabel } from '../../lib/labels.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { viewStyles } from '../../styles/shared.styles.js';
import { byName } from '../../store/selectors.js';
import { byDue, milestoneBadge, milestoneWatch } from '../cp-milestones/milestone-parts.js';
import { timelineStyles } from './cp-timeline.styles.js';
import { layout, shiftDate, ZOOMS, type Bar, type Layout, type Zoom } from './timeline-layout.js';

/** Below this width the chart gives way to a list (phones). */
const NARROW = 600;
const LABEL = 200;
const ROW = 30;
/** Rows drawn above and below those in view; the window moves once fewer than EDGE are left. */
const MARGIN = 20;
const EDGE = 5;

/**
 * A project's timeline: its tasks as bars from their start (or creation) to their due date,
 * its milestones as markers, a line for today; zoom by week, month or quarter. Staff move a
 * task by dragging its bar or with the arrow keys (a stale version is refused, not
 * overwritten). Narrow screens get the same plan as a list. A chunk of its own.
 * @csspart timeline-chart - the chart (or the list)
 * @csspart timeline-bar - one task's bar
 * @csspart timeline-milestone - one milestone's marker
 */
export class CpTimeline extends PortalElement {
  static override styles = [PortalElement.styles, viewStyles, timelineStyles];

  @state() private zoom: Zoom = 'month';
  @state() private chosen = '';
  @state() private narrow = false;
  /** The rows drawn: those in view and a margin around them (2,000 rows would cost every scroll). */
  @state() private window = { first: 0, count: 60 };
  private readonly watch = milestoneWatch();
  // Read in the observer, applied in the next frame: a switch between chart and list resizes the host again.
  private readonly resize = new ResizeObserver(([entry]) => {
    const narrow = (entry?.contentRect.width ?? NARROW) < NARROW;
    if (narrow !== this.narrow) requestAnimationFrame(() => (this.narrow = narrow));
  });
  private cached: { key: unknown[]; layout: Layout } | null = null;
  /** Each bar's label, made once per layout (bars are remade with it), locale and date format. */
  private labels: { key: string; of: WeakMap<Bar, string> } = { key: '', of: new WeakMap() };
  private drag: { bar: Bar; element: HTMLElement; x: number; moved: number } | null = null;
  private dragged = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize.disconnect();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.portal) this.watch(this.portal);
  }

  private projectId(): string {
    const { store } = this.portal!;
    if (store.projectId) return store.projectId;
    if (this.chosen && store.projects.has(this.chosen)) return this.chosen;
    const projects = [...store.projects.values()].filter((p) => p.status === 'active').sort(byName);
    return projects[0]?.id ?? [...store.projects.keys()][0] ?? '';
  }

  private layoutOf(projectId: string): Layout {
    const { store } = this.portal!;
    const key = [store.revision, projectId, this.zoom];
    if (this.cached && this.cached.key.every((k, i) => k === key[i])) return this.cached.layout;
    const tasks = store.taskList.filter((t) => t.projectId === projectId);
    const milestones = [...store.milestones.values()].filter((m) => m.projectId === projectId);
    this.cached = { key, layout: layout(tasks, milestones, this.zoom) };
    return this.cached.layout;
  }

  private async move(bar: Bar, days: number): Promise<void> {
    const { task } = bar;
    try {
      await this.portal!.actions.updateTask(
        task.id,
        { startDate: shiftDate(bar.from, days), ...(task.dueDate ? { dueDate: shiftDate(task.dueDate, days) } : {}) },
        task.version,
      );
    } catch {
      // The store said why (a change made meanwhile by someone else is refused); the bar goes back.
    }
  }

  private open(task: Task): void {
    if (this.dragged) {
      this.dragged = false;
      return;
    }
    this.portal!.navigate({ task: task.id });
  }

  private keydown(event: KeyboardEvent, bar: Bar, index: number, total: number): void {
    const staff = this.portal!.store.showsStaffTools;
    if (staff && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
      event.preventDefault();
      void this.move(bar, (event.key === 'ArrowLeft' ? -1 : 1) * (event.shiftKey ? 7 : 1));
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      void this.focusRow(Math.max(0, Math.min(total - 1, index + (event.key === 'ArrowDown' ? 1 : -1))));
    }
  }

  /** Brings row `index` into view (drawing it if need be) and focuses its bar. */
  private async focusRow(index: number): Promise<void> {
    const chart = this.renderRoot.querySelector<HTMLElement>('.chart');
    const rows = this.renderRoot.querySelector<HTMLElement>('.rows');
    if (!chart || !rows) return;
    const top = rows.offsetTop + index * ROW;
    if (top < chart.scrollTop + 60) chart.scrollTop = top - 60;
    else if (top + ROW > chart.scrollTop + chart.clientHeight) chart.scrollTop = top + ROW - chart.clientHeight;
    this.scrolled();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-index="${index}"] [part=timeline-bar]`)?.focus();
  }

  /** Which rows the chart's scroll position shows. */
  private scrolled(): void {
    const chart = this.renderRoot.querySelector<HTMLElement>('.chart');
    const rows = this.renderRoot.querySelector<HTMLElement>('.rows');
    if (!chart || !rows) return;
    const top = Math.max(0, Math.floor((chart.scrollTop - rows.offsetTop) / ROW));
    const inView = Math.ceil(chart.clientHeight / ROW);
    const { first, count } = this.window;
    // A scroll within the rows drawn draws nothing: the window moves only near its edges.
    const inside = top >= (first === 0 ? 0 : first + EDGE) && top + inView <= first + count - EDGE;
    if (!inside) this.window = { first: Math.max(0, top - MARGIN), count: inView + 2 * MARGIN };
  }

  private pointerdown(event: PointerEvent, bar: Bar): void {
    this.dragged = false;
    if (!this.portal!.store.showsStaffTools || event.button !== 0) return;
    const element = event.currentTarget as HTMLElement;
    // The chart keeps getting the moves when the pointer leaves the bar.
    if (element.isConnected) element.setPointerCapture?.(event.pointerId);
    this.drag = { bar, element, x: event.clientX, moved: 0 };
  }

  private pointermove(event: PointerEvent): void {
    if (!this.drag) return;
    this.drag.moved = event.clientX - this.drag.x;
    // Moved by hand, not re-rendered: a drag costs no render of the other bars.
    this.drag.element.style.translate = `${this.drag.moved}px 0`;
  }

  private pointerup(): void {
    const drag = this.drag;
    if (!drag) return;
    this.drag = null;
    drag.element.style.translate = '';
    const days = Math.round(drag.moved / ZOOMS[this.zoom]);
    if (Math.abs(drag.moved) > 4) this.dragged = true;
    if (days !== 0) void this.move(drag.bar, days);
  }

  private scrollToToday(): void {
    const chart = this.renderRoot.querySelector<HTMLElement>('.chart');
    const line = this.renderRoot.querySelector<HTMLElement>('.today');
    if (chart && line) chart.scrollLeft = Math.max(0, line.offsetLeft - chart.clientWidth / 2);
  }

  private barLabel(bar: Bar): string {
    const format = this.portal!.store.dateFormat;
    const key = `${getLocale()} ${format}`;
    if (this.labels.key !== key) this.labels = { key, of: new WeakMap() };
    const known = this.labels.of.get(bar);
    if (known) return known;
    const dates = bar.undated ? msg(str`from ${formatDate(bar.from, format)}, no due date`) : msg(str`${formatDate(bar.from, format)} to ${formatDate(bar.to, format)}`);
    const label = `${bar.task.title}, ${dates}, ${statusLabel(bar.task.status)}`;
    this.labels.of.set(bar, label);
    return label;
  }

  private chart(plan: Layout, projectName: string) {
    const px = ZOOMS[this.zoom];
    const staff = this.portal!.store.showsStaffTools;
    const at = (day: number) => cssVars({ '--at': `${LABEL + day * px}px` });
    const { first, count } = this.window;
    const shown = plan.bars.slice(first, first + count);
    return html`<div class="chart" part="timeline-chart" role="region" tabindex="0" aria-label=${msg(str`Timeline of ${projectName}`)} @scroll=${this.scrolled} @pointermove=${this.pointermove} @pointerup=${this.pointerup} @pointercancel=${this.pointerup}>
      <div class="canvas" ${cssVars({ width: `${LABEL + plan.days * px}px` })}>
        ${guard([plan, px, getLocale(), this.portal!.store.dateFormat], () => {
          // The scale and the milestones move with the layout only, not with each scroll.
          const month = new Intl.DateTimeFormat(getLocale(), { month: 'short', year: 'numeric', timeZone: 'UTC' });
          return html`<div class="scale" aria-hidden="true">
              ${plan.ticks.map((t) => html`<span class="tick ${t.month ? 'month' : ''}" ${at(t.at)}>${t.month ? month.format(new Date(`${t.date}T00:00:00Z`)) : t.date.slice(8)}</span>`)}
            </div>
            <ul class="marks" role="list" aria-label=${msg('Milestones')}>
              ${plan.milestones.map(
                ({ milestone: m, at: day }) => html`<li part="timeline-milestone" class="mark ${m.status}" ${at(day)}><span class="diamond" aria-hidden="true"></span>
                    <span class="mark-label"><span class="visually-hidden">${formatDate(m.dueDate, this.portal!.store.dateFormat)}: </span>${m.name} ${milestoneBadge(m)}</span></li>`,
              )}
            </ul>`;
        })}
        <ol class="rows" role="list" aria-label=${msg('Tasks')} data-count=${plan.bars.length} ${cssVars({ height: `${plan.bars.length * ROW}px` })}>
          ${repeat(
            shown,
            (bar) => bar.task.id,
            (bar, i) => html`<li class="row" data-index=${first + i} ${cssVars({ '--top': `${(first + i) * ROW}px` })}>
              <span class="label" title=${bar.task.title}>${bar.task.title}</span>
              <button
                part="timeline-bar"
                class="bar status-${bar.task.status} ${bar.undated ? 'undated' : ''}"
                ${cssVars({ '--at': `${LABEL + bar.start * px}px`, '--width': `${Math.max(bar.length * px, 8)}px` })}
                aria-label=${this.barLabel(bar)}
                aria-keyshortcuts=${staff ? 'ArrowLeft ArrowRight' : nothing}
                @click=${() => this.open(bar.task)}
                @keydown=${(e: KeyboardEvent) => this.keydown(e, bar, first + i, plan.bars.length)}
                @pointerdown=${(e: PointerEvent) => this.pointerdown(e, bar)}
              ></button>
            </li>`,
          )}
        </ol>
        <div class="today" ${at(plan.today)} aria-hidden="true"><span>${msg('Today')}</span></div>
      </div>
    </div>`;
  }

  private list(plan: Layout) {
    const format = this.portal!.store.dateFormat;
    const milestones = plan.milestones.map((m) => m.milestone).sort(byDue);
    return html`<div part="timeline-chart" class="list">
      ${milestones.length
        ? html`<h3>${msg('Milestones')}</h3>
            <ul class="plain" role="list">
              ${milestones.map((m) => html`<li part="timeline-milestone"><strong>${m.name}</strong> · ${formatDate(m.dueDate, format)} ${milestoneBadge(m)}</li>`)}
            </ul>`
        : nothing}
      <h3>${msg('Tasks')}</h3>
      <ol class="plain" role="list">
        ${plan.bars.map(
          (bar) => html`<li>
            <button class="link" @click=${() => this.open(bar.task)}>${bar.task.title}</button>
            <span class="muted">${bar.undated ? formatDate(bar.from, format) : `${formatDate(bar.from, format)} → ${formatDate(bar.to, format)}`} · ${statusLabel(bar.task.status)}</span>
          </li>`,
        )}
      </ol>
    </div>`;
  }

  override render() {
    if (!this.portal) return nothing;
    const { store, actions } = this.portal;
    const projectId = this.projectId();
    const project = store.projects.get(projectId);
    if (!project) {
      const load = store.load('projects');
      return html`<cp-state exportparts="state" .load=${load} .empty=${load.status === 'ready'} empty-text=${msg('No project to show yet.')} .retry=${() => actions.loadProjects(true)}></cp-state>`;
    }
    const plan = this.layoutOf(projectId);
    const projects = [...store.projects.values()].sort(byName);
    return html`<section aria-labelledby="timeline-title">
      <div class="toolbar">
        <h2 id="timeline-title">${msg('Timeline')}</h2>
        ${store.projectId
          ? html`<span>${project.name}</span>`
          : html`<label class="inline"
              >${msg('Project')}
              <select @change=${(e: Event) => (this.chosen = (e.target as HTMLSelectElement).value)}>
                ${projects.map((p) => html`<option value=${p.id} ?selected=${p.id === projectId}>${p.name}</option>`)}
              </select></label
            >`}
        ${this.narrow
          ? nothing
          : html`<div class="zoom" role="group" aria-label=${msg('Zoom')}>
                ${(Object.keys(ZOOMS) as Zoom[]).map(
                  (z) => html`<button aria-pressed=${String(z === this.zoom)} @click=${() => (this.zoom = z)}>${{ week: msg('Week'), month: msg('Month'), quarter: msg('Quarter') }[z]}</button>`,
                )}
              </div>
              <button @click=${this.scrollToToday}>${msg('Go to today')}</button>`}
      </div>
      ${plan.bars.length || plan.milestones.length ? (this.narrow ? this.list(plan) : this.chart(plan, project.name)) : html`<p class="muted">${msg('No tasks in this project yet.')}</p>`}
      ${!this.narrow && store.showsStaffTools && plan.bars.length ? html`<p class="muted">${msg('Drag a bar, or use the arrow keys on it, to move a task’s dates.')}</p>` : nothing}
    </section>`;
  }

  protected override firstUpdated(): void {
    this.scrollToToday();
    this.scrolled();
  }
}
define('cp-timeline', CpTimeline);

declare global {
  interface HTMLElementTagNameMap {
    'cp-timeline': CpTimeline;
  }
}
