import { msg } from '@lit/localize';
import { css, html, nothing } from 'lit';
import type { Goal } from '../../api/goal.types.js';
import { RemoteController } from '../../controllers/remote.controller.js';
import { formatNumber } from '../../lib/format.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { GOAL_STATUSES } from '../../api/goal.types.js';
import { goalStatusLabel } from './goal-parts.js';

/**
 * The dashboard's line about the shared goals ("Goals: 2 on track, 1 at risk"), which opens the
 * Goals view. Nothing without goals (or without `goals.view`). A chunk of its own.
 * @csspart goals-summary - the line
 */
export class CpGoalsSummary extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      p {
        margin: 0;
      }
    `,
  ];

  private readonly goals = new RemoteController<Goal[]>(
    this,
    () => (this.portal?.store.can('goals.view') ? this.portal : undefined),
    (api, customerId) => api.all<Goal>('/v1/goals', { customerId: this.portal?.store.isStaff ? customerId : undefined }),
    ['goal.'],
  );

  override render() {
    const goals = this.goals.value ?? [];
    if (!this.portal || goals.length === 0) return nothing;
    const counts = GOAL_STATUSES.map((s) => [s, goals.filter((g) => g.status === s).length] as const).filter(([, n]) => n > 0);
    return html`<p part="goals-summary" class="card row">
      <button class="link" @click=${() => this.portal!.navigate({ view: 'goals' })}><strong>${msg('Goals')}</strong></button>
      <span>${counts.map(([s, n]) => `${formatNumber(n)} ${goalStatusLabel(s).toLowerCase()}`).join(" · ")}</span>
    </p>`;
  }
}
define('cp-goals-summary', CpGoalsSummary);

declare global {
  interface HTMLElementTagNameMap {
    'cp-goals-summary': CpGoalsSummary;
  }
}
