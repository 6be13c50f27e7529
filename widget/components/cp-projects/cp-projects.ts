import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { define, PortalElement } from '../../lib/portal-element.js';
import { viewStyles } from '../../styles/shared.styles.js';
import { byName, projectProgress } from '../../store/selectors.js';
import '../cp-project-card/cp-project-card.js';
import '../cp-state/cp-state.js';

/**
 * The customer's projects: the active ones with their progress and next due task, the others
 * folded away below.
 * @csspart project-card - one project
 * @csspart progress - its progress bar
 */
export class CpProjects extends PortalElement {
  static override styles = [
    PortalElement.styles,
    viewStyles,
    css`
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(260px, 1fr));
        gap: calc(var(--cp-space) * 1.5);
      }
      summary {
        cursor: pointer;
        font-weight: 600;
        padding: var(--cp-space) 0;
      }
    `,
  ];

  private cards(projects: ReturnType<typeof projectProgress>[]) {
    return html`<div class="grid" role="list">
      ${projects.map((p) => html`<cp-project-card role="listitem" exportparts="project-card, progress, internal-badge" .progress=${p}></cp-project-card>`)}
    </div>`;
  }

  override render() {
    if (!this.portal) return nothing;
    const { store, actions } = this.portal;
    const tasks = store.taskList;
    const all = [...store.projects.values()]
      .filter((p) => !store.projectId || p.id === store.projectId)
      .sort(byName)
      .map((p) => projectProgress(p, tasks));
    const active = all.filter((p) => p.project.status === 'active');
    const others = all.filter((p) => p.project.status !== 'active');
    return html`
      <h2>${msg('Active projects')}</h2>
      <cp-state exportparts="state"
        .load=${store.load('projects')}
        .empty=${!active.length}
        empty-text=${msg('No active project.')}
        .retry=${() => actions.loadProjects(true)}
      ></cp-state>
      ${active.length ? this.cards(active) : nothing}
      ${others.length
        ? html`<details>
            <summary>${msg(str`Other projects (${others.length})`)}</summary>
            ${this.cards(others)}
          </details>`
        : nothing}
    `;
  }
}
define('cp-projects', CpProjects);

declare global {
  interface HTMLElementTagNameMap {
    'cp-projects': CpProjects;
  }
}
