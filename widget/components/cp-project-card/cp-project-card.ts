import { msg } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { projectStatusLabel } from '../../lib/labels.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { dueLabel, internalBadge, tasksDone } from '../../lib/templates.js';
import type { ProjectProgress } from '../../store/selectors.js';

/**
 * A project with its status, its progress (done / total) and its next due task; its name opens
 * the project's page.
 * @csspart project-card - the card
 * @csspart progress - the progress bar
 */
export class CpProjectCard extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      .card {
        display: grid;
        gap: var(--cp-space);
        height: 100%;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: var(--cp-space);
      }
      p {
        margin: 0;
      }
      h3 .open {
        font: inherit;
        text-align: start;
      }
    `,
  ];

  @property({ attribute: false }) progress?: ProjectProgress;

  /** The bar, "2 of 4 tasks done" and the next task; a project without tasks has none of them ("0 of 0" says nothing). */
  private renderProgress(id: string, done: number, total: number, next: ProjectProgress['next']) {
    return html`<progress part="progress" max=${total} .value=${done} aria-labelledby=${id}></progress>
      <p class="muted">${tasksDone(done, total)}</p>
      ${next
        ? html`<p>
            ${msg('Next:')} <button class="link" @click=${() => this.portal!.navigate({ task: next.id })}>${next.title}</button>
            ${dueLabel(next, this.portal!.store.dateFormat)}
          </p>`
        : html`<p class="muted">${msg('Nothing due.')}</p>`}`;
  }

  override render() {
    if (!this.progress || !this.portal) return nothing;
    const { project, done, total, next } = this.progress;
    const id = `p-${project.id}`;
    return html`<article class="card" part="project-card" aria-labelledby=${id}>
      <div class="head">
        <h3 id=${id}><button class="link open" @click=${() => this.portal!.navigate({ project: project.id })}>${project.name}</button></h3>
        <span class="row"><span class="badge">${projectStatusLabel(project.status)}</span>${internalBadge(project)}</span>
      </div>
      ${total ? this.renderProgress(id, done, total, next) : html`<p class="muted">${msg('No tasks yet.')}</p>`}
    </article>`;
  }
}
define('cp-project-card', CpProjectCard);

declare global {
  interface HTMLElementTagNameMap {
    'cp-project-card': CpProjectCard;
  }
}
