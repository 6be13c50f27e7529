import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { Thread } from '../../api/api.types.js';
import type { Deal, DealUpdate } from '../../api/commercial.types.js';
import { asRequestError } from '../../api/request-error.js';
import { RemoteController } from '../../controllers/remote.controller.js';
import { errorText } from '../../lib/error-text.js';
import { formatDate } from '../../lib/format.js';
import { lazy } from '../../lib/lazy.js';
import { formatMoney } from '../../lib/money.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { viewStyles } from '../../styles/shared.styles.js';
import '../cp-state/cp-state.js';

/**
 * The customer's active deals, as the vendor shares them: each with its stage on a pipeline
 * indicator, the expected close date, the value when shared (and allowed), the rep, the next
 * steps, what changed since the last visit, and its timeline of shared updates. "Message <rep>"
 * opens the deal's one thread (opened on first use) with the rep and the team, who are told of
 * each message; it is the Messages view's thread, loaded with it on demand.
 * @csspart deal-card - one deal
 * @csspart deal-thread - the conversation about a deal
 * @csspart pipeline - the stages, the current one marked
 * @csspart deal-timeline - a deal's shared updates
 */
export class CpDeals extends PortalElement {
  static override styles = [
    PortalElement.styles,
    viewStyles,
    css`
      .deals {
        display: grid;
        gap: calc(var(--cp-space) * 2);
      }
      .card {
        display: grid;
        gap: var(--cp-space);
      }
      ol.pipeline {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
      }
      ol.pipeline li {
        flex: 1 1 80px;
        border-top: 4px solid var(--cp-color-border);
        padding-top: 4px;
        font-size: 0.85em;
        color: var(--cp-color-muted);
        overflow-wrap: anywhere;
      }
      ol.pipeline li.reached {
        border-top-color: var(--cp-color-primary);
      }
      ol.pipeline li[aria-current='step'] {
        color: var(--cp-color-text);
        font-weight: 700;
      }
      .next {
        white-space: pre-wrap;
        margin: 0;
      }
      ul.timeline {
        margin: 0;
        padding-inline-start: 1.2em;
        display: grid;
        gap: 4px;
      }
      .changed {
        color: var(--cp-color-primary);
      }
    `,
  ];

  @state() private open = new Set<string>();
  @state() private timelines = new Map<string, DealUpdate[] | 'loading' | 'error'>();
  @state() private closed = false;
  /** The deals whose conversation is open: its thread, or null while it is being opened. */
  @state() private threads = new Map<string, Thread | null>();

  private readonly deals = new RemoteController<Deal[]>(
    this,
    () => this.portal,
    (api, customerId) => api.all<Deal>('/v1/deals', { customerId: this.portal?.store.isStaff ? customerId : undefined }),
    ['deal.'],
  );

  private async toggle(deal: Deal): Promise<void> {
    const open = new Set(this.open);
    if (open.has(deal.id)) {
      open.delete(deal.id);
      this.open = open;
      return;
    }
    open.add(deal.id);
    this.open = open;
    this.timelines = new Map(this.timelines).set(deal.id, 'loading');
    try {
      const updates = await this.portal!.api.all<DealUpdate>(`/v1/deals/${encodeURIComponent(deal.id)}/timeline`);
      this.timelines = new Map(this.timelines).set(deal.id, updates);
    } catch (error) {
      this.timelines = new Map(this.timelines).set(deal.id, 'error');
      this.portal!.store.notify(errorText(asRequestError(error)), 'error');
    }
  }

  /** Opens (or closes) the deal's conversation: its one thread, opened on first use by who may post. */
  private async converse(deal: Deal): Promise<void> {
    if (this.threads.has(deal.id)) {
      const threads = new Map(this.threads);
      threads.delete(deal.id);
      this.threads = threads;
      return;
    }
    this.threads = new Map(this.threads).set(deal.id, null);
    const { api, store } = this.portal!;
    let thread: Thread | null = null;
    try {
      thread = store.can('messages.post')
        ? await api.request<Thread>('POST', '/v1/threads', { body: { dealId: deal.id } })
        : ((await api.all<Thread>('/v1/threads', { dealId: deal.id }))[0] ?? null);
      if (!thread) store.notify(msg('There is no conversation about this deal yet.'));
    } catch (error) {
      store.notify(errorText(asRequestError(error)), 'error');
    }
    const threads = new Map(this.threads);
    if (thread) {
      store.threads.put([thread]);
      threads.set(deal.id, thread);
    } else threads.delete(deal.id);
    this.threads = threads;
  }

  private renderThread(deal: Deal) {
    if (!this.threads.has(deal.id)) return nothing;
    const thread = this.threads.get(deal.id);
    if (!thread) return html`<p class="muted" role="status">${msg('Loading…')}</p>`;
    return html`<div part="deal-thread">
      ${lazy(this, 'cp-messages', () => import('../cp-messages/cp-messages.js'), html`<cp-messages .thread=${thread} exportparts="message, read-receipt, message-box, internal-badge, state"></cp-messages>`)}
    </div>`;
  }

  private describe(u: DealUpdate) {
    const format = this.portal!.store.me?.user.preferences?.dateFormat;
    switch (u.kind) {
      case 'stage':
        return msg(str`Moved from ${u.previous ?? '—'} to ${u.current ?? '—'}`);
      case 'expected_close_date':
        return msg(str`Expected close date: ${u.current ? formatDate(u.current, format) : '—'}`);
      case 'next_steps':
        return msg(str`Next steps: ${u.current || '—'}`);
      case 'status':
        return u.current === 'won' ? msg('Closed: won') : u.current === 'lost' ? msg('Closed: lost') : msg('Reopened');
      case 'note':
        return u.body ?? '';
    }
  }

  private renderTimeline(deal: Deal) {
    const timeline = this.timelines.get(deal.id);
    if (!this.open.has(deal.id)) return nothing;
    if (timeline === 'loading' || timeline === undefined) return html`<p class="muted" role="status">${msg('Loading…')}</p>`;
    if (timeline === 'error') return html`<p role="alert">${msg('The timeline could not be loaded.')}</p>`;
    const format = this.portal!.store.me?.user.preferences?.dateFormat;
    return timeline.length
      ? html`<ul class="timeline" part="deal-timeline" aria-label=${msg(str`Timeline of ${deal.name}`)}>
          ${timeline.map(
            (u) => html`<li>
              <span class="muted">${formatDate(u.createdAt, format)}</span> ${this.describe(u)}
              ${u.visibility === 'internal' ? html`<span class="badge internal" part="internal-badge">${msg('Internal')}</span>` : nothing}
            </li>`,
          )}
        </ul>`
      : html`<p class="muted">${msg('No updates yet.')}</p>`;
  }

  private renderDeal(deal: Deal) {
    const format = this.portal!.store.me?.user.preferences?.dateFormat;
    const at = deal.stages.indexOf(deal.stage);
    return html`<article class="card" part="deal-card" aria-labelledby="deal-${deal.id}">
      <div class="row">
        <h3 id="deal-${deal.id}">${deal.name}</h3>
        ${deal.status !== 'open' ? html`<span class="badge ${deal.status === 'won' ? 'status-done' : 'status-blocked'}">${deal.status === 'won' ? msg('Won') : msg('Lost')}</span>` : nothing}
        ${deal.changedSinceLastVisit ? html`<span class="badge changed">${msg('Updated since your last visit')}</span>` : nothing}
        ${deal.visibility === 'internal' ? html`<span class="badge internal" part="internal-badge">${msg('Internal')}</span>` : nothing}
      </div>
      <ol class="pipeline" part="pipeline" aria-label=${msg(str`Stage ${at + 1} of ${deal.stages.length}: ${deal.stage}`)}>
        ${deal.stages.map((s, i) => html`<li class=${i <= at ? 'reached' : ''} aria-current=${i === at ? 'step' : 'false'}>${s}</li>`)}
      </ol>
      <div class="row muted">
        ${deal.expectedCloseDate ? html`<span>${msg(str`Expected to close ${formatDate(deal.expectedCloseDate, format)}`)}</span>` : nothing}
        ${deal.value !== null ? html`<span><strong>${formatMoney(deal.value, deal.currency)}</strong></span>` : nothing}
        ${deal.owner ? html`<span>${msg(str`Your contact: ${deal.owner.name}`)}</span>` : nothing}
      </div>
      ${deal.nextSteps ? html`<div><strong>${msg('Next steps')}</strong><p class="next">${deal.nextSteps}</p></div>` : nothing}
      <div>
        <button class="link" aria-expanded=${String(this.open.has(deal.id))} @click=${() => this.toggle(deal)}>
          ${this.open.has(deal.id) ? msg('Hide the timeline') : msg('Show the timeline')}
        </button>
        ${this.portal!.store.can('messages.view')
          ? html`<button class="link" aria-expanded=${String(this.threads.has(deal.id))} @click=${() => this.converse(deal)}>
              ${this.threads.has(deal.id) ? msg('Close the conversation') : deal.owner && !this.portal!.store.isStaff ? msg(str`Message ${deal.owner.name}`) : msg('Open the conversation')}
            </button>`
          : nothing}
      </div>
      ${this.renderTimeline(deal)} ${this.renderThread(deal)}
    </article>`;
  }

  override render() {
    if (!this.portal) return nothing;
    const all = this.deals.value ?? [];
    const deals = all.filter((d) => this.closed || d.status === 'open');
    const closedCount = all.length - all.filter((d) => d.status === 'open').length;
    return html`
      <h2>${msg('Deals')}</h2>
      ${closedCount
        ? html`<label class="inline"><input type="checkbox" .checked=${this.closed} @change=${(e: Event) => (this.closed = (e.target as HTMLInputElement).checked)} />${msg('Show closed deals')}</label>`
        : nothing}
      <cp-state exportparts="state" .load=${this.deals.load} .empty=${!deals.length} empty-text=${msg('No active deals.')} .retry=${() => this.deals.refresh()}></cp-state>
      ${deals.length ? html`<div class="deals">${deals.map((d) => this.renderDeal(d))}</div>` : nothing}
    `;
  }
}
define('cp-deals', CpDeals);

declare global {
  interface HTMLElementTagNameMap {
    'cp-deals': CpDeals;
  }
}
