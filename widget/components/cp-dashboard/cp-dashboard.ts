import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { TASK_STATUSES } from '../../api/api.types.js';
import { formatDate, formatNumber } from '../../lib/format.js';
import { lazy } from '../../lib/lazy.js';
import { statusLabel } from '../../lib/labels.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { viewStyles } from '../../styles/shared.styles.js';
import { dashboard, type Dashboard, type DashboardList } from '../../store/selectors.js';
import { NO_FILTERS, type TaskFilters } from '../../store/task-filters.js';
import '../cp-project-card/cp-project-card.js';
import '../cp-state/cp-state.js';
import { openTaskFrom, taskRow } from '../cp-task-list/task-row.js';
import { taskRowStyles } from '../cp-task-list/task-row.styles.js';

const SHOWN = 6;

/**
 * The overview: counts and lists by status, the user's upcoming tasks (overdue ones marked),
 * and the active projects where the user has something to do; above them, the next milestone.
 * @csspart counts - the status counters
 * @csspart next-milestone - the next milestone ahead
 * @csspart goals-summary - the shared goals by status
 * @csspart task-row - one task
 * @csspart project-card - one project
 */
export class CpDashboard extends PortalElement {
  static override styles = [
    PortalElement.styles,
    viewStyles,
    taskRowStyles,
    css`
      .counts {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(120px, 1fr));
        gap: var(--cp-space);
      }
      .count {
        display: grid;
        justify-items: start;
        text-align: start;
        padding: var(--cp-space) calc(var(--cp-space) * 1.5);
      }
      .count strong {
        font-size: 1.6em;
        line-height: 1.2;
      }
      .count[aria-pressed='true'] {
        border-color: var(--cp-color-primary);
        box-shadow: inset 0 -3px 0 var(--cp-color-primary);
      }
      .overdue-count {
        color: var(--cp-color-danger);
      }
      section {
        display: grid;
        gap: var(--cp-space);
      }
      .projects {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(240px, 1fr));
        gap: var(--cp-space);
      }
    `,
  ];

  /** Nothing is filtered at first: every open task; a counter narrows it, and a second press widens it again. */
  @state() private selected: DashboardList = 'open';
  private derived: { revision: number; data: Dashboard } | undefined;

  private data(): Dashboard {
    const { store } = this.portal!;
    if (this.derived?.revision !== store.revision) {
      this.derived = { revision: store.revision, data: dashboard(store.taskList, store.projects, store.me?.user.id ?? '') };
    }
    return this.derived.data;
  }

  private seeAll(filters: Partial<TaskFilters>): void {
    const { store } = this.portal!;
    store.filters = { ...NO_FILTERS, ...filters };
    this.portal!.navigate({ view: 'tasks' });
  }

  private list(tasks: Dashboard['upcoming'], filters: Partial<TaskFilters>, label: string) {
    const { store } = this.portal!;
    return html`<div class="rows" role="list" aria-label=${label} @click=${(e: Event) => {
      const task = openTaskFrom(e);
      if (task) this.portal!.navigate({ task });
    }}>
        ${tasks.slice(0, SHOWN).map((t) => taskRow(t, store, store.route.task))}
      </div>
      ${tasks.length > SHOWN ? html`<button class="link" @click=${() => this.seeAll(filters)}>${msg(str`See all ${tasks.length}`)}</button>` : nothing}`;
  }

  override render() {
    if (!this.portal) return nothing;
    const { store, actions } = this.portal;
    const data = this.data();
    const load = store.load('tasks');
    if (!store.tasks.size) {
      return html`<cp-state exportparts="state" .load=${load} .empty=${true} empty-text=${msg('No tasks yet. They will show here as soon as there are some.')} .retry=${() => actions.loadTasks(true)}></cp-state>`;
    }
    const label = (list: DashboardList) => (list === 'overdue' ? msg('Overdue') : list === 'open' ? msg('Open tasks') : statusLabel(list));
    const selected = data.lists[this.selected];
    const me = store.me?.user.id;
    // Waiting for the user: theirs to decide now (any order, or their turn in a sequence).
    const waiting = [...store.approvals.values()].filter((a) => a.status === 'pending' && (a.mode === 'sequence' ? a.nextApproverId === me : a.steps.some((s) => s.approverId === me && !s.decision)));
    return html`
      <cp-state exportparts="state" .load=${load} .retry=${() => actions.loadTasks(true)}></cp-state>
      ${waiting.length
        ? html`<section aria-labelledby="approvals" part="waiting-approvals">
            <h2 id="approvals">${msg('Waiting for your approval')}</h2>
            <ul class="plain">
              ${waiting.map(
                (a) => html`<li>
                  <button class="link" @click=${() => (a.taskId ? this.portal!.navigate({ task: a.taskId }) : this.portal!.navigate({ view: 'documents' }))}>${a.subject.title}</button>
                  ${a.dueDate ? html`<span class="muted">${msg(str`due ${formatDate(a.dueDate, store.dateFormat)}`)}</span>` : nothing}
                </li>`,
              )}
            </ul>
          </section>`
        : nothing}
      <section aria-labelledby="counts">
        <h2 id="counts">${msg('Overview')}</h2>
        ${lazy(this, 'cp-next-milestone', () => import('../cp-next-milestone/cp-next-milestone.js'), html`<cp-next-milestone exportparts="next-milestone"></cp-next-milestone>`, true)}
        ${store.can('goals.view') ? lazy(this, 'cp-goals-summary', () => import('../cp-goals/cp-goals-summary.js'), html`<cp-goals-summary exportparts="goals-summary"></cp-goals-summary>`, true) : nothing}
        ${store.can('requests.submit') ? lazy(this, 'cp-request-summary', () => import('../cp-request-summary/cp-request-summary.js'), html`<cp-request-summary exportparts="request-summary"></cp-request-summary>`, true) : nothing}
        <div class="counts" part="counts">
          ${[...TASK_STATUSES, 'overdue' as const].map(
            (list) => html`<button
              class="count ${list === 'overdue' && data.lists.overdue.length ? 'overdue-count' : ''}"
              aria-pressed=${String(list === this.selected)}
              @click=${() => (this.selected = this.selected === list ? 'open' : list)}
            >
              <strong>${formatNumber(data.lists[list].length)}</strong><span>${label(list)}</span>
            </button>`,
          )}
        </div>
        ${selected.length
          ? this.list(selected, this.selected === 'overdue' || this.selected === 'open' ? {} : { status: this.selected }, label(this.selected))
          : html`<p class="muted">${msg('No task here.')}</p>`}
      </section>
      <section aria-labelledby="upcoming">
        <h2 id="upcoming">${msg('Upcoming for you')}</h2>
        ${data.upcoming.length ? this.list(data.upcoming, { assigneeId: 'me' }, msg('Upcoming for you')) : html`<p class="muted">${msg('Nothing is waiting for you.')}</p>`}
      </section>
      <section aria-labelledby="projects">
        <h2 id="projects">${msg('Your active projects')}</h2>
        ${data.projects.length
          ? html`<div class="projects" role="list">
              ${data.projects.map((p) => html`<cp-project-card role="listitem" exportparts="project-card, progress, internal-badge" .progress=${p}></cp-project-card>`)}
            </div>`
          : html`<p class="muted">${msg('No active project needs you right now.')}</p>`}
      </section>
    `;
  }
}
define('cp-dashboard', CpDashboard);

declare global {
  interface HTMLElementTagNameMap {
    'cp-dashboard': CpDashboard;
  }
}
