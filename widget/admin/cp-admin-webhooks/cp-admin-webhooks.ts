import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import '../../components/cp-state/cp-state.js';
import { formatDateTime, plural } from '../../lib/format.js';
import { define } from '../../lib/portal-element.js';
import type { WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint } from '../api/admin-api.types.js';
import { AdminElement } from '../lib/admin-element.js';
import { Loader } from '../lib/loader.js';

/** While a shown delivery waits for an attempt, the list looks again this often. */
const POLL_MS = 5000;

const statusLabel = (status: WebhookDeliveryStatus) =>
  ({ pending: msg('Waiting for an attempt'), succeeded: msg('Delivered'), failed: msg('Failed, no more retries') })[status];
const statusClass: Record<WebhookDeliveryStatus, string> = { pending: 'status-in_progress', succeeded: 'status-done', failed: 'status-blocked' };

/** Event types by their kind (`task.created` under `task`), in the service's order. */
function families(types: string[]): [string, string[]][] {
  const byKind = new Map<string, string[]>();
  for (const type of types) {
    const kind = type.split('.')[0]!;
    byKind.set(kind, [...(byKind.get(kind) ?? []), type]);
  }
  return [...byKind];
}

/**
 * The Webhooks tab (admins): the endpoints the vendor's backend receives events at. Register
 * one (its signing secret is shown once), change its URL or events, delete it; see each
 * endpoint's deliveries, newest first, with every attempt (status, time, answer or error), and
 * send one again. Members see why they cannot (the service answers them `admin_required`).
 * @csspart endpoint - one endpoint in the list
 * @csspart endpoint-editor - the chosen endpoint's form
 * @csspart secret - the new endpoint's signing secret, shown once
 * @csspart delivery - one delivery of the chosen endpoint
 */
export class CpAdminWebhooks extends AdminElement {
  static override styles = [
    AdminElement.styles,
    css`
      :host {
        --split-side: minmax(220px, 300px);
      }
      .pick-list button {
        display: grid;
        gap: 2px;
      }
      /* The event kinds in as many columns as fit, each kind kept whole, not a grid of uneven cells. */
      .families {
        columns: 13rem;
        column-gap: calc(var(--cp-space) * 2);
      }
      .family {
        break-inside: avoid;
        border: none;
        padding: 0;
        margin: 0 0 var(--cp-space);
      }
      .choices.events {
        display: block;
      }
      details.change > summary {
        cursor: pointer;
        font-weight: 600;
        margin: var(--cp-space) 0;
      }
      /* The deliveries fit their card: words wrap, but never inside an event type, a badge or a button. */
      .table table {
        width: 100%;
      }
      .table code,
      .table .badge,
      .table button {
        white-space: nowrap;
      }
      /* A cell of its own class: the shared .actions is a flex row, and a cell made flex stops
         being a cell, its border drawn at its own height inside a taller row. */
      td.retry {
        min-width: max-content;
      }
      .family legend {
        font-weight: 600;
        padding: 0;
      }
      code {
        overflow-wrap: anywhere;
      }
      .secret code {
        display: block;
        padding: var(--cp-space);
        background: var(--cp-color-surface);
        border-radius: var(--cp-radius);
        user-select: all;
      }
      td.error {
        color: var(--cp-color-danger);
        overflow-wrap: anywhere;
      }
      h3 {
        margin: var(--cp-space) 0 0;
        font-size: 1em;
      }
    `,
  ];

  @state() private chosen: string | null = null;
  /** The events ticked in the chosen endpoint's form (or the new one's): `*` alone for every one. */
  @state() private draft = new Set<string>(['*']);
  @state() private newEvents = new Set<string>(['*']);
  @state() private secret: { endpointId: string; secret: string } | null = null;
  @state() private deliveries: WebhookDelivery[] = [];
  @state() private next: string | null = null;
  @state() private open = new Set<string>();
  @state() private confirming = false;
  @state() private busy = false;
  private poll: ReturnType<typeof setInterval> | undefined;
  private readonly endpoints = new Loader(this, () => this.admin!.api.webhookEndpoints());
  private readonly types = new Loader(this, () => this.admin!.api.webhookEventTypes());
  private readonly page = new Loader(this, async () => {
    const page = await this.admin!.api.webhookDeliveries(this.chosen!);
    this.deliveries = page.data;
    this.next = page.nextCursor;
    return page;
  });

  private get isAdmin(): boolean {
    return !!this.portal?.store.isAdmin;
  }

  private started = false;

  /** Loads once the person is known to be an admin (a member's calls would only be refused). */
  protected override updated(): void {
    if (this.started || !this.admin || !this.isAdmin) return;
    this.started = true;
    void this.endpoints.run().then(() => this.pick(this.chosen ?? this.endpoints.value?.[0]?.id ?? null));
    void this.types.run();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.poll = setInterval(() => {
      if (this.chosen && this.deliveries.some((d) => d.status === 'pending') && this.page.load.status !== 'loading') void this.refresh();
    }, POLL_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.poll);
  }

  private pick(id: string | null): void {
    this.chosen = id;
    this.confirming = false;
    this.open = new Set();
    this.draft = new Set(this.endpoints.value?.find((e) => e.id === id)?.events ?? ['*']);
    this.deliveries = [];
    this.next = null;
    if (id) void this.page.run();
  }

  /** The first page again; older pages the reader opened stay below it. */
  private async refresh(): Promise<void> {
    if (!this.chosen) return;
    const first = await this.admin!.api.webhookDeliveries(this.chosen).catch(() => null);
    if (!first) return;
    const fresh = new Set(first.data.map((d) => d.id));
    const older = this.deliveries.length > first.data.length ? this.deliveries.slice(first.data.length).filter((d) => !fresh.has(d.id)) : [];
    this.deliveries = [...first.data, ...older];
    if (!older.length) this.next = first.nextCursor;
  }

  private async run<T>(work: () => Promise<T>, text: { done?: string; failed: string }): Promise<T | undefined> {
    this.busy = true;
    try {
      return await this.attempt(work, text);
    } finally {
      this.busy = false;
    }
  }

  private replace(endpoint: WebhookEndpoint): void {
    const list = this.endpoints.value ?? [];
    this.endpoints.value = list.some((e) => e.id === endpoint.id) ? list.map((e) => (e.id === endpoint.id ? endpoint : e)) : [...list, endpoint];
  }

  private chosenEvents(events: Set<string>): string[] {
    return events.has('*') ? ['*'] : (this.types.value ?? []).filter((t) => events.has(t));
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const url = String(new FormData(form).get('url') ?? '').trim();
    const events = this.chosenEvents(this.newEvents);
    if (!events.length) {
      this.portal!.store.notify(msg('Choose at least one event.'), 'error');
      return;
    }
    const created = await this.run(() => this.admin!.api.createWebhookEndpoint({ url, events }), { done: msg('The endpoint is registered.'), failed: msg('The endpoint was not registered.') });
    if (!created) return;
    form.reset();
    this.newEvents = new Set(['*']);
    const { secret, ...endpoint } = created;
    this.replace(endpoint);
    this.secret = { endpointId: endpoint.id, secret };
    this.pick(endpoint.id);
  }

  private async save(event: SubmitEvent, endpoint: WebhookEndpoint): Promise<void> {
    event.preventDefault();
    const url = String(new FormData(event.target as HTMLFormElement).get('url') ?? '').trim();
    const events = this.chosenEvents(this.draft);
    if (!events.length) {
      this.portal!.store.notify(msg('Choose at least one event.'), 'error');
      return;
    }
    const saved = await this.run(() => this.admin!.api.updateWebhookEndpoint(endpoint.id, { url, events }), { done: msg('The endpoint is saved.'), failed: msg('The endpoint was not saved.') });
    if (saved) {
      this.replace(saved);
      this.draft = new Set(saved.events);
    }
  }

  private async deleteEndpoint(endpoint: WebhookEndpoint): Promise<void> {
    const gone = await this.run(() => this.admin!.api.deleteWebhookEndpoint(endpoint.id).then(() => true), {
      done: msg('The endpoint was deleted.'),
      failed: msg('The endpoint was not deleted.'),
    });
    if (!gone) return;
    if (this.secret?.endpointId === endpoint.id) this.secret = null;
    this.endpoints.value = (this.endpoints.value ?? []).filter((e) => e.id !== endpoint.id);
    this.pick(this.endpoints.value[0]?.id ?? null);
  }

  private async retry(delivery: WebhookDelivery): Promise<void> {
    const updated = await this.run(() => this.admin!.api.retryWebhookDelivery(this.chosen!, delivery.id), {
      done: msg(str`${delivery.type} will be sent again in a moment.`),
      failed: msg(str`${delivery.type} was not sent again.`),
    });
    if (updated) this.deliveries = this.deliveries.map((d) => (d.id === updated.id ? updated : d));
  }

  private async more(): Promise<void> {
    const page = await this.attempt(() => this.admin!.api.webhookDeliveries(this.chosen!, this.next), { failed: msg('Older deliveries could not be loaded.') });
    if (!page) return;
    this.deliveries = [...this.deliveries, ...page.data];
    this.next = page.nextCursor;
  }

  private async copySecret(secret: string): Promise<void> {
    await this.attempt(() => navigator.clipboard.writeText(secret), { done: msg('The secret is copied.'), failed: msg('The secret could not be copied; select it and copy it yourself.') });
  }

  /** The events checklist: every event, or a choice by kind. */
  private renderEvents(events: Set<string>, change: (next: Set<string>) => void) {
    const every = events.has('*');
    const toggle = (type: string, on: boolean) => {
      const next = new Set([...events].filter((e) => e !== '*'));
      on ? next.add(type) : next.delete(type);
      change(next);
    };
    return html`<fieldset class="choices events">
      <legend>${msg('Events')}</legend>
      <label class="inline"
        ><input type="checkbox" .checked=${every} @change=${(e: Event) => change((e.target as HTMLInputElement).checked ? new Set(['*']) : new Set())} />${msg(
          'Every event, those added later included',
        )}</label
      >
      ${every
        ? nothing
        : html`<div class="families">${families(this.types.value ?? []).map(
            ([kind, types]) => html`<fieldset class="family">
              <legend>${kind}</legend>
              ${types.map(
                (type) => html`<label class="inline"><input type="checkbox" .checked=${events.has(type)} @change=${(e: Event) => toggle(type, (e.target as HTMLInputElement).checked)} /><code>${type}</code></label>`,
              )}
            </fieldset>`,
          )}</div>`}
    </fieldset>`;
  }

  private renderList(endpoints: WebhookEndpoint[]) {
    return html`<section class="card" aria-labelledby="endpoints-title">
      <h2 id="endpoints-title">${msg('Endpoints')}</h2>
      ${endpoints.length
        ? html`<ul class="plain pick-list" role="list">
            ${endpoints.map(
              (e) => html`<li part="endpoint">
                <button aria-current=${String(e.id === this.chosen)} @click=${() => this.pick(e.id)}>
                  <code>${e.url}</code>
                  <span class="muted"
                    >${e.events.includes('*') ? msg('Every event') : plural(e.events.length, { one: msg(str`${e.events.length} event`), other: msg(str`${e.events.length} events`) })}</span
                  >
                </button>
              </li>`,
            )}
          </ul>`
        : html`<p class="muted">${msg('No endpoint yet: your backend hears of nothing.')}</p>`}
      <form class="grid" @submit=${this.create} aria-labelledby="new-endpoint-title">
        <h3 id="new-endpoint-title">${msg('New endpoint')}</h3>
        <label>${msg('URL your backend receives events at')} <input name="url" type="url" required maxlength="2000" placeholder="https://api.example.com/hooks/portal" autocomplete="off" /></label>
        ${this.renderEvents(this.newEvents, (next) => (this.newEvents = next))}
        <button type="submit" class="primary" ?disabled=${this.busy}>${msg('Register the endpoint')}</button>
      </form>
    </section>`;
  }

  private renderSecret(endpoint: WebhookEndpoint) {
    if (this.secret?.endpointId !== endpoint.id) return nothing;
    const { secret } = this.secret;
    return html`<div class="secret alert" part="secret" role="status">
      <p>${msg('The signing secret, shown this once: keep it in your backend to verify each delivery (the Standard Webhooks way).')}</p>
      <code>${secret}</code>
      <div class="actions">
        <button @click=${() => this.copySecret(secret)}>${msg('Copy the secret')}</button>
        <button @click=${() => (this.secret = null)}>${msg('I have kept it')}</button>
      </div>
    </div>`;
  }

  private renderEditor(endpoint: WebhookEndpoint) {
    return html`<section class="card" part="endpoint-editor" aria-labelledby="endpoint-title">
      <h2 id="endpoint-title"><code>${endpoint.url}</code></h2>
      <p class="hint">${msg(str`Registered ${formatDateTime(endpoint.createdAt, this.portal!.store.dateFormat)}.`)}</p>
      ${this.renderSecret(endpoint)} ${this.renderDeliveries()}
      <details class="change">
        <summary>${msg('Change the URL or the events')}</summary>
        <form class="grid" @submit=${(e: SubmitEvent) => this.save(e, endpoint)}>
          <label>${msg('URL')} <input name="url" type="url" required maxlength="2000" .value=${endpoint.url} autocomplete="off" /></label>
          ${this.renderEvents(this.draft, (next) => (this.draft = next))}
          <div class="actions">
            <button class="primary" type="submit" ?disabled=${this.busy}>${msg('Save the endpoint')}</button>
            ${this.confirming
              ? html`<span role="group" aria-label=${msg('Delete the endpoint?')}>
                  <span>${msg('Its pending deliveries go with it.')}</span>
                  <button type="button" class="danger" ?disabled=${this.busy} @click=${() => this.deleteEndpoint(endpoint)}>${msg('Delete it')}</button>
                  <button type="button" @click=${() => (this.confirming = false)}>${msg('Keep it')}</button>
                </span>`
              : html`<button type="button" class="danger" @click=${() => (this.confirming = true)}>${msg('Delete the endpoint…')}</button>`}
          </div>
        </form>
      </details>
    </section>`;
  }

  private renderAttempts(delivery: WebhookDelivery) {
    const format = this.portal!.store.dateFormat;
    return html`<tr>
      <td colspan="5">
        <table aria-label=${msg(str`Attempts of ${delivery.type}`)}>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">${msg('When')}</th>
              <th scope="col">${msg('Answer')}</th>
              <th scope="col">${msg('Time taken')}</th>
            </tr>
          </thead>
          <tbody>
            ${delivery.attempts.map(
              (a) => html`<tr>
                <td>${a.attempt}</td>
                <td><time datetime=${a.startedAt}>${formatDateTime(a.startedAt, format)}</time></td>
                <td class=${a.error ? 'error' : ''}>${a.error ?? `HTTP ${a.responseStatus}`}</td>
                <td>${msg(str`${a.durationMs} ms`)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </td>
    </tr>`;
  }

  private renderDelivery(delivery: WebhookDelivery) {
    const format = this.portal!.store.dateFormat;
    const expanded = this.open.has(delivery.id);
    const last = delivery.attempts.at(-1);
    const toggle = () => {
      const next = new Set(this.open);
      expanded ? next.delete(delivery.id) : next.add(delivery.id);
      this.open = next;
    };
    return html`<tr part="delivery">
        <td><time datetime=${delivery.createdAt}>${formatDateTime(delivery.createdAt, format)}</time></td>
        <td><code>${delivery.type}</code></td>
        <td>
          <span class="badge ${statusClass[delivery.status]}">${statusLabel(delivery.status)}</span>
          ${delivery.status === 'pending' && delivery.nextAttemptAt
            ? html`<div class="muted">${msg(str`Next attempt ${formatDateTime(delivery.nextAttemptAt, format)}`)}</div>`
            : nothing}
        </td>
        <td>
          ${delivery.attempts.length
            ? html`<button class="link" aria-expanded=${String(expanded)} @click=${toggle}>
                ${plural(delivery.attemptCount, { one: msg(str`${delivery.attemptCount} attempt`), other: msg(str`${delivery.attemptCount} attempts`) })}</button
              >${last?.error ? html`<div class="alert">${last.error}</div>` : nothing}`
            : html`<span class="muted">${msg('Not attempted yet')}</span>`}
        </td>
        <td class="retry">
          <button ?disabled=${this.busy} @click=${() => this.retry(delivery)} aria-label=${msg(str`Send ${delivery.type} again`)}>
            ${delivery.status === 'pending' ? msg('Try now') : msg('Send again')}
          </button>
        </td>
      </tr>
      ${expanded ? this.renderAttempts(delivery) : nothing}`;
  }

  private renderDeliveries() {
    return html`<div class="head">
        <h3 id="deliveries-title">${msg('Deliveries')}</h3>
        <button @click=${() => this.refresh()}>${msg('Refresh')}</button>
      </div>
      ${this.deliveries.length
        ? html`<div class="table">
            <table aria-labelledby="deliveries-title">
              <thead>
                <tr>
                  <th scope="col">${msg('When')}</th>
                  <th scope="col">${msg('Event')}</th>
                  <th scope="col">${msg('Status')}</th>
                  <th scope="col">${msg('Attempts')}</th>
                  <th scope="col"><span class="visually-hidden">${msg('Actions')}</span></th>
                </tr>
              </thead>
              <tbody>
                ${this.deliveries.map((d) => this.renderDelivery(d))}
              </tbody>
            </table>
          </div>`
        : nothing}
      <cp-state exportparts="state" .load=${this.page.load} .empty=${!this.deliveries.length} empty-text=${msg('Nothing was sent to this endpoint yet.')} .retry=${() => this.page.run()}></cp-state>
      ${this.next ? html`<button @click=${this.more}>${msg('Older deliveries')}</button>` : nothing}`;
  }

  override render() {
    if (!this.admin || !this.portal) return nothing;
    if (!this.isAdmin) return html`<p class="hint" role="note">${msg('Only admins of your team see and change webhooks. Ask one of them.')}</p>`;
    const endpoints = this.endpoints.value ?? [];
    const chosen = endpoints.find((e) => e.id === this.chosen);
    return html`<p class="hint">${msg('Your backend hears of every change here as it happens: each event is POSTed, signed, to the endpoints that subscribe to it, and retried for about a day until it is answered with a 2xx.')}</p>
      <cp-state exportparts="state" .load=${this.endpoints.load} .empty=${false} .retry=${() => this.endpoints.run()}></cp-state>
      ${this.endpoints.value ? html`<div class="split">${this.renderList(endpoints)} ${chosen ? this.renderEditor(chosen) : nothing}</div>` : nothing}`;
  }
}
define('cp-admin-webhooks', CpAdminWebhooks);

declare global {
  interface HTMLElementTagNameMap {
    'cp-admin-webhooks': CpAdminWebhooks;
  }
}
