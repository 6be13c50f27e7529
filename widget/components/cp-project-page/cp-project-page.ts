import { msg, str } from '@lit/localize';
import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Person } from '../../api/api.types.js';
import { projectStatusLabel } from '../../lib/labels.js';
import { lazy } from '../../lib/lazy.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { internalBadge, tasksDone } from '../../lib/templates.js';
import { viewStyles } from '../../styles/shared.styles.js';
import { byDueDate, byName, projectProgress } from '../../store/selectors.js';
import '../cp-markdown/cp-markdown.js';
import '../cp-state/cp-state.js';
import { openTaskFrom, taskRow } from '../cp-task-list/task-row.js';
import { taskRowStyles } from '../cp-task-list/task-row.styles.js';

const NEXT_STEPS = 3;

/**
 * One project (a project card opens it): its description, its progress, its milestones, its next steps (the
 * open tasks due first), every task of it, and the people on it: for staff, who it is for (its
 * members, or every contact of the customer); for a contact, the people its tasks are
 * assigned to. A chunk of its own, loaded when first opened.
 * @csspart project-page - the page
 * @csspart progress - the progress bar
 * @csspart next-steps - the next open tasks
 * @csspart milestones - its milestones (staff add and change them there)
 * @csspart task-row - one task
 * @csspart project-members - the people on the project
 */
export class CpProjectPage extends PortalElement {
  static override styles = [
    PortalElement.styles,
    viewStyles,
    taskRowStyles,
    css`
      .head {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        justify-content: space-between;
        gap: var(--cp-space);
      }
      .layout {
        display: grid;
        gap: calc(var(--cp-space) * 2);
      }
      @media (min-width: 760px) {
        .layout {
          grid-template-columns: minmax(0, 2fr) minmax(200px, 1fr);
          align-items: start;
        }
      }
      section {
        display: grid;
        gap: var(--cp-space);
      }
      h3 {
        margin: 0;
      }
      progress {
        width: 100%;
      }
      .people {
        display: grid;
        gap: 4px;
      }
      .people li {
        display: flex;
        justify-content: space-between;
        gap: var(--cp-space);
      }
    `,
  ];

  @state() private members: string[] | null = null;
  @property({ attribute: 'project-id' }) projectId = '';
  private asked = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const portal = this.portal;
    const project = portal?.store.projects.get(this.projectId);
    // Staff see who a members-only project is for (contacts may not read the member list).
    const key = project && portal!.store.isStaff && project.access === 'members' ? project.id : '';
    if (key && this.asked !== key) {
      this.asked = key;
      this.members = null;
      portal!.api.projectMembers(key).then(
        (ids) => (this.members = ids),
        () => (this.members = []),
      );
    }
  }

  private back(): void {
    this.portal!.navigate({ project: null });
  }

  private people(): { heading: string; list: Person[]; note?: string } {
    const { store } = this.portal!;
    const project = store.projects.get(this.projectId)!;
    const tasks = store.taskList.filter((t) => t.projectId === project.id);
    if (!store.isStaff) {
      const ids = new Set(tasks.flatMap((t) => t.assigneeIds));
      return { heading: msg('People on it'), list: [...store.people.values()].filter((p) => ids.has(p.id)).sort(byName) };
    }
    if (project.access !== 'members') {
      const customer = store.customers.find((c) => c.id === project.customerId)?.name ?? '';
      return { heading: msg('Who it is for'), list: [], note: msg(str`Every contact of ${customer} with portal access.`) };
    }
    const ids = new Set(this.members ?? []);
    return { heading: msg('Members'), list: [...store.people.values()].filter((p) => ids.has(p.id)).sort(byName), note: this.members?.length === 0 ? msg('No members yet.') : undefined };
  }

  override render() {
    if (!this.portal) return nothing;
    const { store, actions } = this.portal;
    const project = store.projects.get(this.projectId);
    const back = html`<button class="link" @click=${this.back}>← ${msg('All projects')}</button>`;
    if (!project) {
      const load = store.load('projects');
      return html`${back}
        <cp-state exportparts="state" .load=${load} .empty=${load.status === 'ready'} empty-text=${msg('This project is not there, or not for you.')} .retry=${() => actions.loadProjects(true)}></cp-state>`;
    }
    const tasks = store.taskList.filter((t) => t.projectId === project.id);
    const { done, total } = projectProgress(project, tasks);
    const next = tasks.filter((t) => t.status !== 'done').sort(byDueDate).slice(0, NEXT_STEPS);
    const people = this.people();
    const open = (e: Event) => {
      const task = openTaskFrom(e);
      if (task) this.portal!.navigate({ task });
    };
    return html`<article part="project-page" class="layout-page" aria-labelledby="project-title">
      ${back}
      <div class="head">
        <h2 id="project-title">${project.name}</h2>
        <span class="row">
          <span class="badge">${projectStatusLabel(project.status)}</span>
          ${project.access === 'members' ? html`<span class="badge">${msg('Members only')}</span>` : nothing} ${internalBadge(project)}
        </span>
      </div>
      ${project.description ? html`<cp-markdown .text=${project.description}></cp-markdown>` : nothing}
      <div class="layout">
        <div class="main">
          <section aria-labelledby="progress-title">
            <h3 id="progress-title">${msg('Progress')}</h3>
            ${total
              ? html`<progress part="progress" max=${total} .value=${done} aria-labelledby="progress-title"></progress>
                  <p class="muted">${tasksDone(done, total)}</p>`
              : html`<p class="muted">${msg('No tasks yet.')}</p>`}
          </section>
          ${store.can('tasks.view')
            ? lazy(this, 'cp-milestones', () => import('../cp-milestones/cp-milestones.js'), html`<cp-milestones project-id=${project.id} exportparts="milestones, milestone, milestone-form"></cp-milestones>`, true)
            : nothing}
          <section aria-labelledby="next-title" part="next-steps">
            <h3 id="next-title">${msg('Next steps')}</h3>
            ${next.length
              ? html`<div class="rows" role="list" aria-labelledby="next-title" @click=${open}>${next.map((t) => taskRow(t, store, store.route.task))}</div>`
              : html`<p class="muted">${total ? msg('Everything is done.') : msg('No tasks yet.')}</p>`}
          </section>
          ${tasks.length
            ? html`<section aria-labelledby="tasks-title">
                <h3 id="tasks-title">${msg('All its tasks')}</h3>
                <div class="rows" role="list" aria-labelledby="tasks-title" @click=${open}>${[...tasks].sort(byDueDate).map((t) => taskRow(t, store, store.route.task))}</div>
              </section>`
            : nothing}
        </div>
        <section aria-labelledby="people-title" part="project-members">
          <h3 id="people-title">${people.heading}</h3>
          ${people.list.length
            ? html`<ul class="plain people" role="list">
                ${people.list.map((p) => html`<li><span>${p.name}</span><span class="muted">${p.role === 'staff' ? msg('Team') : msg('Contact')}</span></li>`)}
              </ul>`
            : nothing}
          ${people.note ? html`<p class="muted">${people.note}</p>` : !people.list.length ? html`<p class="muted">${msg('Nobody yet.')}</p>` : nothing}
        </section>
      </div>
    </article>`;
  }
}
define('cp-project-page', CpProjectPage);

declare global {
  interface HTMLElementTagNameMap {
    'cp-project-page': CpProjectPage;
  }
}
