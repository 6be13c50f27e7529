import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import type { ServiceRequest } from '../../api/request.types.js';
import { RemoteController } from '../../controllers/remote.controller.js';
import { plural } from '../../lib/format.js';
import { define, PortalElement } from '../../lib/portal-element.js';

/**
 * The dashboard's line about requests still open ("2 open requests, 1 past its SLA"), which
 * opens the Requests view: a contact's customer's, or the queue of the customer staff look at.
 * Nothing when none is open, or for whoever may not file requests. A chunk of its own.
 * @csspart request-summary - the line
 */
export class CpRequestSummary extends PortalElement {
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
      .breached {
        color: var(--cp-color-danger);
        font-weight: 600;
      }
    `,
  ];

  private readonly open = new RemoteController<ServiceRequest[]>(
    this,
    () => (this.portal?.store.can('requests.submit') ? this.portal : undefined),
    (api, customerId) => api.all<ServiceRequest>('/v1/requests', { status: 'open,in_progress', customerId: this.portal?.store.isStaff ? customerId : undefined }),
    ['request.'],
  );

  override render() {
    const open = this.open.value ?? [];
    if (!this.portal || !open.length) return nothing;
    const breached = open.filter((r) => r.slaBreached).length;
    return html`<p part="request-summary" class="card">
      <button class="link" @click=${() => this.portal!.navigate({ view: 'requests' })}>
        ${plural(open.length, { one: msg(str`${open.length} open request`), other: msg(str`${open.length} open requests`) })}
      </button>
      ${breached ? html`<span class="breached">${plural(breached, { one: msg(str`${breached} past its SLA`), other: msg(str`${breached} past their SLA`) })}</span>` : nothing}
    </p>`;
  }
}
define('cp-request-summary', CpRequestSummary);

declare global {
  interface HTMLElementTagNameMap {
    'cp-request-summary': CpRequestSummary;
  }
}
