import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Below this width (px) of its tab bar the shell is "compact": one line of tabs and a More menu. */
export const COMPACT_BELOW = 560;
/** The gap between two tabs (the tab list's `gap`). */
const GAP = 2;

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

/** Which tabs the bar shows; the others are in the More menu. */
export interface TabPlan<T> {
  /** One line of tabs and a More menu (a narrow element); otherwise every tab, wrapping. */
  compact: boolean;
  /** The tabs in the More menu, in their order; never the selected one. */
  hidden: T[];
}

/**
 * Fits a tab bar into the width it has, as a phone user expects: when the tabs do not fit in
 * one line of a narrow element, the first ones that fit stay in the bar (the selected one
 * always among them) and the rest go into a More menu. Nothing scrolls sideways.
 *
 * The tabs are measured as they are drawn (in the user's language, with their badges): on a
 * change of width or of their text, every tab is shown for one synchronous layout (the
 * `measuring` class), measured, and the plan drawn again before anything is painted.
 * The tab bar is `nav` with a `.tab-gauge` (its width, no height), a `[role=tablist]` of
 * `[role=tab]` and a `.more` menu button.
 * @example
 *   const fit = new TabOverflowController(this);
 *   const { compact, hidden } = fit.plan(tabs, current);
 */
export class TabOverflowController implements ReactiveController {
  /** Whether the More menu is open. */
  open = false;
  private widths = new Map<string, number>();
  private barWidth = 0;
  private moreWidth = 0;
  /** What the widths were measured for: the bar's width and its tabs' text. */
  private measured = '';
  private observed: Element | null = null;
  /** The bar's width as the resize observer last saw it (read from it, so no render forces a layout). */
  private seenWidth = 0;
  private readonly resize = new ResizeObserver(([entry]) => {
    this.seenWidth = entry?.contentRect.width ?? 0;
    this.host.requestUpdate();
  });
  private readonly outside = (event: Event) => {
    const menu = this.host.renderRoot.querySelector('nav .more');
    if (menu && !event.composedPath().includes(menu)) this.toggle(false);
  };

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.observed) this.resize.observe(this.observed);
  }

  hostDisconnected(): void {
    this.resize.disconnect();
    this.toggle(false);
  }

  hostUpdated(): void {
    const nav = this.host.renderRoot.querySelector<HTMLElement>('nav[part=nav]');
    // A gauge of no height across the bar is what is observed: the bar's own height changes with
    // the plan, and observing it would notify again within the same frame.
    const gauge = nav?.querySelector('.tab-gauge') ?? null;
    if (gauge !== this.observed) {
      this.resize.disconnect();
      this.observed = gauge;
      if (gauge) this.resize.observe(gauge);
    }
    if (!nav || !this.seenWidth) return;
    const tabs = [...nav.querySelectorAll<HTMLElement>('[role=tab]')];
    const more = nav.querySelector<HTMLElement>('.more > button');
    const key = `${this.seenWidth}|${tabs.map((t) => `${t.id}:${t.textContent}`).join('|')}|${more?.textContent}`;
    if (key === this.measured) return;
    this.measured = key;
    nav.classList.add('measuring');
    this.barWidth = nav.clientWidth;
    this.widths = new Map(tabs.map((t) => [t.id, t.getBoundingClientRect().width + GAP]));
    this.moreWidth = (more?.getBoundingClientRect().width ?? 0) + GAP;
    nav.classList.remove('measuring');
    this.host.requestUpdate();
  }

  /**
   * The plan for `tabs` with `current` selected: the first tabs that fit stay in the bar, with
   * room kept for the selected one wherever it is, and the More button after them.
   */
  plan<T extends string>(tabs: readonly T[], current: T): TabPlan<T> {
    const width = (tab: T) => this.widths.get(`tab-${tab}`);
    if (!this.barWidth || this.barWidth >= COMPACT_BELOW) return { compact: false, hidden: [] };
    if (tabs.some((tab) => width(tab) === undefined)) return { compact: true, hidden: [] };
    if (tabs.reduce((sum, tab) => sum + width(tab)!, 0) <= this.barWidth) return { compact: true, hidden: [] };
    let used = width(current)! + this.moreWidth;
    let full = false;
    const hidden = tabs.filter((tab) => {
      if (tab === current) return false;
      full ||= used + width(tab)! > this.barWidth;
      if (!full) used += width(tab)!;
      return full;
    });
    return { compact: true, hidden };
  }

  /** Opens or closes the More menu (a click outside it closes it too). */
  toggle(open = !this.open): void {
    if (open === this.open) return;
    this.open = open;
    if (open) document.addEventListener('pointerdown', this.outside, true);
    else document.removeEventListener('pointerdown', this.outside, true);
    this.host.requestUpdate();
  }
}
