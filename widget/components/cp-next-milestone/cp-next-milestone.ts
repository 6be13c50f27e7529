import { msg, str } from '@lit/localize';
import { css, html, nothing, type PropertyValues } from 'lit';
import { define, PortalElement } from '../../lib/portal-element.js';
import { daysLeft, milestoneBadge, milestoneWatch, nextMilestone } from '../cp-milestones/milestone-parts.js';

/**
 * The dashboard's line about the next milestone ("Next milestone: Go-live, in 12 days, At
 * risk"), which opens its project. Nothing when no milestone lies ahead. A chunk of its own.
 * @csspart next-milestone - the line
 */
export class CpNextMilestone extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      p {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: var(--cp-space);
        margin: 0;
      }
    `,
  ];

  private readonly watch = milestoneWatch();

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.portal) this.watch(this.portal);
  }

  override render() {
    if (!this.portal) return nothing;
    const { store, navigate } = this.portal;
    const next = nextMilestone(store.milestones.values(), store.projectId);
    if (!next) return nothing;
    const project = store.projects.get(next.projectId);
    return html`<p part="next-milestone" class="card">
      <span>${msg('Next milestone:')}</span>
      <button class="link" @click=${() => navigate({ project: next.projectId })} aria-label=${msg(str`${next.name}, open its project`)}>
        <strong>${next.name}</strong>
      </button>
      <span>${project ? html`${project.name} · ` : nothing}${daysLeft(next.dueDate)}</span>
      ${milestoneBadge(next)}
    </p>`;
  }
}
define('cp-next-milestone', CpNextMilestone);

declare global {
  interface HTMLElementTagNameMap {
    'cp-next-milestone': CpNextMilestone;
  }
}
