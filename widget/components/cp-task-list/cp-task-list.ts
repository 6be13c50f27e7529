import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { Task } from '../../api/api.types.js';
import { formatNumber, plural } from '../../lib/format.js';
import { projectStatusLabel } from '../../lib/labels.js';
import { taskCount } from '../../lib/templates.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { viewStyles } from '../../styles/shared.styles.js';
import { groupByProject, type ProjectGroup } from '../../store/selectors.js';
import { activeFilterCount, filterTasks } from '../../store/task-filters.js';
import '../cp-state/cp-state.js';
import '../cp-task-filters/cp-task-filters.js';
import { openTaskFrom, taskRowBlocks } from './task-row.js';
import { taskRowStyles } from './task-row.styles.js';

/** Rows added per frame: a long list paints its first rows at once and never blocks for long. */
const CHUNK = 150;

/**
 * Every task of the customer, grouped by project, under the filters.
 * @csspart filters - the filter bar
 * @csspart group - one project's section
 * @csspart task-row - one task
 */
export class CpTaskList extends PortalElement {
  static override styles = [
    PortalElement.styles,
    viewStyles,
    taskRowStyles,
    css`
      .group {
        display: grid;
        gap: var(--cp-space);
      }
      .group h3 {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: var(--cp-space);
      }
      .group h3 .muted {
        font-weight: 400;
        font-size: 0.85em;
      }
      .count {
        margin: 0;
      }
      .count:empty {
        display: none;
      }
    `,
  ];

  @state() private limit = CHUNK;
  private derived: { revision: number; filters: object; tasks: Task[]; groups: ProjectGroup[] } | undefined;
  private frame = 0;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    cancelAnimationFrame(this.frame);
  }

  private compute() {
    const { store } = this.portal!;
    if (this.derived?.revision !== store.revision || this.derived.filters !== store.filters) {
      const tasks = filterTasks(store.taskList, store.filters, store.projects, store.me?.user.id ?? '');
      this.derived = { revision: store.revision, filters: store.filters, tasks, groups: groupByProject(tasks, store.projects) };
    }
    return this.derived;
  }

  protected override updated(): void {
    const total = this.derived?.tasks.length ?? 0;
    if (this.limit < total && !this.frame) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.limit += CHUNK;
      });
    }
  }

  private open(event: Event): void {
    const task = openTaskFrom(event);
    if (task) this.portal!.navigate({ task });
  }

  override render() {
    if (!this.portal) return nothing;
    const { store, actions } = this.portal;
    const { tasks, groups } = this.compute();
    const filtered = activeFilterCount(store.filters) > 0;
    let budget = this.limit;
    return html`
      <cp-task-filters exportparts="filters"></cp-task-filters>
      <!-- An empty list shows its empty state alone: no "0 of 0 tasks" above "No tasks yet." (the live region stays, empty). -->
      <p class="count muted" role="status">${tasks.length ? plural(store.tasks.size, { one: msg(str`${formatNumber(tasks.length)} of ${formatNumber(store.tasks.size)} task`), other: msg(str`${formatNumber(tasks.length)} of ${formatNumber(store.tasks.size)} tasks`) }) : nothing}</p>
      <cp-state exportparts="state"
        .load=${store.load('tasks')}
        .empty=${tasks.length === 0}
        empty-text=${filtered ? msg('No task matches these filters.') : msg('No tasks yet.')}
        .retry=${() => actions.loadTasks(true)}
      ></cp-state>
      ${groups.map((group) => {
        if (budget <= 0) return nothing;
        const shown = group.tasks.slice(0, budget);
        budget -= shown.length;
        const id = `group-${group.project?.id ?? 'none'}`;
        return html`<section class="group" part="group" aria-labelledby=${id}>
          <h3 id=${id}>
            ${group.project?.name ?? msg('Without a project')}
            ${group.project ? html`<span class="muted">${projectStatusLabel(group.project.status)}</span>` : nothing}
            <span class="muted">${taskCount(group.tasks.length)}</span>
          </h3>
          <div class="rows" role="list" @click=${this.open}>${taskRowBlocks(shown, store, store.route.task)}</div>
        </section>`;
      })}
    `;
  }
}
define('cp-task-list', CpTaskList);

declare global {
  interface HTMLElementTagNameMap {
    'cp-task-list': CpTaskList;
  }
}
