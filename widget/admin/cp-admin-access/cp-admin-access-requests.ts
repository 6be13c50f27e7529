import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import '../../components/cp-state/cp-state.js';
import { formatDateTime } from '../../lib/format.js';
import { define } from '../../lib/portal-element.js';
import type { AccessRequest } from '../api/admin-api.types.js';
import type { LiveMessage } from '../lib/admin-context.js';
import { AdminElement } from '../lib/admin-element.js';
import { debounce } from '../lib/debounce.js';
import { Loader } from '../lib/loader.js';
import { accessStyles } from './cp-admin-access.styles.js';

/**
 * The access requests waiting for the team (from the hosted portal's "Ask for access" page):
 * approve one into a customer (the contact is created and gets the invitation) or reject it.
 * Shows nothing while none waits.
 * @csspart access-request - one request
 */
export class CpAdminAccessRequests extends AdminElement {
  static override styles = [AdminElement.styles, accessStyles];

  /** The customer approvals go to unless another is chosen: the one the tab shows. */
  @property({ attribute: 'customer-id' }) customerId = '';
  private readonly pending = new Loader(this, () => this.admin!.api.accessRequests('pending'));
  private readonly refresh = debounce(() => void this.pending.run(true), 500);

  protected override firstUpdated(): void {
    void this.pending.run();
  }

  protected override live({ type }: LiveMessage): void {
    if (type.startsWith('access_request.')) this.refresh();
  }

  private async decide(request: AccessRequest, approve: boolean, form?: HTMLFormElement): Promise<void> {
    const customerId = form ? String(new FormData(form).get('customer') ?? '') : undefined;
    const to = this.portal!.store.customers.find((c) => c.id === customerId)?.name ?? '';
    const decided = await this.attempt(() => this.admin!.api.decideAccessRequest(request.id, approve ? { approve, customerId: customerId! } : { approve }), {
      done: approve ? msg(str`${request.name} was added to ${to} and invited.`) : msg(str`The request of ${request.name} was rejected.`),
      failed: approve ? msg(str`${request.name} was not approved.`) : msg(str`The request of ${request.name} was not rejected.`),
    });
    if (!decided) return;
    this.pending.value = (this.pending.value ?? []).filter((r) => r.id !== request.id);
    this.requestUpdate();
    if (approve) this.dispatchEvent(new CustomEvent('cp-admin-access-approved', { detail: decided, bubbles: true, composed: true }));
  }

  override render() {
    if (!this.admin || !this.portal) return nothing;
    const requests = this.pending.value ?? [];
    if (!requests.length && this.pending.load.status !== 'error') return nothing;
    const customers = this.portal.store.customers;
    const dateFormat = this.portal.store.dateFormat;
    return html`<section class="card" aria-labelledby="requests-title">
      <h2 id="requests-title">${msg(str`Access requests (${requests.length})`)}</h2>
      <p class="hint">${msg('People who asked for access on your portal. Approving adds them to the customer you choose and sends the invitation.')}</p>
      <ul class="plain">
        ${requests.map(
          (r) => html`<li part="access-request">
            <form class="fields" @submit=${(e: SubmitEvent) => {
              e.preventDefault();
              void this.decide(r, true, e.target as HTMLFormElement);
            }}>
              <p><strong>${r.name}</strong> · ${r.email} · ${msg(str`says they work at ${r.company}`)} · <time datetime=${r.createdAt}>${formatDateTime(r.createdAt, dateFormat)}</time></p>
              <label>${msg(str`Customer for ${r.name}`)}
                <select name="customer" required>
                  ${customers.map((c) => html`<option value=${c.id} .selected=${c.id === this.customerId}>${c.name}</option>`)}
                </select>
              </label>
              <div class="actions">
                <button class="primary" type="submit">${msg('Approve and invite')}</button>
                <button class="danger" type="button" @click=${() => this.decide(r, false)} aria-label=${msg(str`Reject the request of ${r.name}`)}>${msg('Reject')}</button>
              </div>
            </form>
          </li>`,
        )}
      </ul>
      <cp-state exportparts="state" .load=${this.pending.load} .empty=${false} .retry=${() => this.pending.run()}></cp-state>
    </section>`;
  }
}
define('cp-admin-access-requests', CpAdminAccessRequests);

declare global {
  interface HTMLElementTagNameMap {
    'cp-admin-access-requests': CpAdminAccessRequests;
  }
}
