import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { REQUEST_STATUSES, valueOf, type RequestStatus, type RequestType, type ServiceRequest } from '../../api/request.types.js';
import { asRequestError, type RequestError } from '../../api/request-error.js';
import { RemoteController } from '../../controllers/remote.controller.js';
import { errorText } from '../../lib/error-text.js';
import { formatDateTime } from '../../lib/format.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { requestStatusLabel, requestStatusTone, slaText } from '../../lib/request-labels.js';
import { viewStyles } from '../../styles/shared.styles.js';
import '../cp-request-form/cp-request-form.js';
import type { RequestFormValues } from '../cp-request-form/cp-request-form.js';
import '../cp-state/cp-state.js';

/** The service's refusals of values, by field key (`values.<key>` in `details`). */
function fieldErrors(error: RequestError): Record<string, string> {
  const details = Array.isArray(error.details) ? (error.details as { path?: string; message?: string }[]) : [];
  return Object.fromEntries(details.filter((d) => d.path?.startsWith('values.')).map((d) => [d.path!.slice('values.'.length), d.message ?? '']));
}

const localInput = (iso: string) => {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/**
 * Whether a request's type is one that asks for a meeting, so that confirming a slot means
 * something: the default *Meeting request* and the vendor's own kinds that speak of a meeting,
 * call or appointment (types carry no flag for it; a change order or a quote never offers one).
 */
const MEETING = /\b(meeting|call|appointment|réunion|rendez-vous|visio)/i;
const asksForMeeting = (type: Pick<RequestType, 'name' | 'description'> | undefined) => !!type && (MEETING.test(type.name) || MEETING.test(type.description));

/**
 * The Requests view. A contact files a request through the form of its type (quote request,
 * change order, meeting request, support escalation, document request, the vendor's own) and
 * follows its requests and their statuses. Staff see the queue by SLA (breached first, then
 * the soonest due), move a request along (its task follows) and confirm a meeting slot (both
 * sides get a calendar invitation).
 * @csspart request-row - one request
 * @csspart new-request - the type picker and the form
 * @csspart meeting-form - staff: the slot to confirm
 */
export class CpRequests extends PortalElement {
  static override styles = [
    PortalElement.styles,
    viewStyles,
    css`
      .types {
        display: grid;
        gap: var(--cp-space);
        grid-template-columns: repeat(auto-fit, minmax(200px, 1fr));
      }
      .types button {
        text-align: start;
        display: grid;
        gap: 2px;
      }
      .breached {
        color: var(--cp-color-danger);
      }
      form.meeting {
        display: flex;
        flex-wrap: wrap;
        gap: var(--cp-space);
        align-items: end;
        flex-basis: 100%;
      }
    `,
  ];

  /** Staff on the admin page: the queue of every customer, not the one picked. */
  @property({ type: Boolean }) all = false;
  @state() private type: RequestType | null = null;
  @state() private choosing = false;
  @state() private errors: Record<string, string> = {};
  @state() private busy = false;
  @state() private meetingFor: string | null = null;

  private readonly requests = new RemoteController<ServiceRequest[]>(
    this,
    () => this.portal,
    (api, customerId) => {
      const staff = this.portal?.store.isStaff;
      const customer = staff && !this.all ? customerId : undefined;
      // Staff work a queue: by SLA, breached first. Contacts follow theirs, newest first.
      return staff ? api.request<{ data: ServiceRequest[] }>('GET', '/v1/requests', { query: { order: 'sla', limit: 200, customerId: customer } }).then((r) => r.data) : api.all<ServiceRequest>('/v1/requests');
    },
    ['request.', 'task.'],
  );
  private readonly types = new RemoteController<RequestType[]>(this, () => this.portal, (api) => api.all<RequestType>('/v1/request-types'), ['request_type.']);

  private async file(event: CustomEvent<RequestFormValues>): Promise<void> {
    const { api, store } = this.portal!;
    const type = this.type!;
    const customerId = store.isStaff ? (store.customerId ?? undefined) : undefined;
    this.busy = true;
    this.errors = {};
    try {
      const values: Record<string, string | number> = { ...event.detail.values };
      for (const [key, file] of Object.entries(event.detail.files)) values[key] = (await api.upload(file, { customerId })).id;
      await api.request('POST', '/v1/requests', { body: { typeId: type.id, values, ...(customerId ? { customerId } : {}) } });
      store.notify(msg(str`Your ${type.name.toLowerCase()} was sent.`));
      this.type = null;
      await this.requests.refresh();
    } catch (error) {
      const failure = asRequestError(error);
      this.errors = fieldErrors(failure);
      if (!Object.keys(this.errors).length) store.notify(errorText(failure), 'error');
    } finally {
      this.busy = false;
    }
  }

  private async change(request: ServiceRequest, body: object, path = ''): Promise<void> {
    const { api, store } = this.portal!;
    try {
      await api.request(path ? 'POST' : 'PATCH', `/v1/requests/${encodeURIComponent(request.id)}${path}`, { body });
      this.meetingFor = null;
      await this.requests.refresh();
    } catch (error) {
      store.notify(errorText(asRequestError(error)), 'error');
    }
  }

  private confirmMeeting(event: SubmitEvent, request: ServiceRequest): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const at = (name: string) => new Date(String(data.get(name))).toISOString();
    void this.change(request, { startsAt: at('starts'), endsAt: at('ends'), location: String(data.get('location') ?? '') || null }, '/meeting');
  }

  private renderNew() {
    const types = this.types.value ?? [];
    if (this.type)
      return html`<section class="card" part="new-request" aria-labelledby="new-title">
        <h3 id="new-title">${this.type.name}</h3>
        <cp-request-form
          exportparts="request-form, field-error"
          .type=${this.type}
          .errors=${this.errors}
          ?busy=${this.busy}
          @cp-request-submit=${this.file}
          @cp-request-cancel=${() => ((this.type = null), (this.errors = {}))}
        ></cp-request-form>
      </section>`;
    if (!this.choosing) return nothing;
    return html`<section class="card" part="new-request" aria-labelledby="new-title">
      <h3 id="new-title">${msg('What do you need?')}</h3>
      <cp-state exportparts="state" .load=${this.types.load} .empty=${!types.length} empty-text=${msg('No request types are offered yet.')} .retry=${() => this.types.refresh()}></cp-state>
      <div class="types">
        ${types.map(
          (t) => html`<button @click=${() => ((this.type = t), (this.choosing = false), (this.errors = {}))}>
            <strong>${t.name}</strong>${t.description ? html`<span class="muted">${t.description}</span>` : nothing}
          </button>`,
        )}
      </div>
      <div><button class="link" @click=${() => (this.choosing = false)}>${msg('Cancel')}</button></div>
    </section>`;
  }

  private renderRow(r: ServiceRequest) {
    const { store } = this.portal!;
    const types = this.types.value ?? [];
    const type = types.find((t) => t.id === r.type.id);
    const firstText = type?.fields.find((f) => f.type === 'text' || f.type === 'textarea');
    const detail = firstText ? valueOf(r, firstText.key) : undefined;
    const open = r.status === 'open' || r.status === 'in_progress';
    const customer = store.isStaff && this.all ? store.customers.find((c) => c.id === r.customerId)?.name : undefined;
    return html`<li part="request-row" data-id=${r.id}>
      <span class="main">${r.type.name}${detail !== undefined ? html`: <span>${detail}</span>` : nothing}</span>
      <span class="meta">
        <span class="badge ${requestStatusTone(r.status)}">${requestStatusLabel(r.status)}</span>
        ${r.slaBreached && open ? html`<span class="badge breached">${msg('SLA missed')}</span>` : nothing}
        ${open ? html`<span class=${r.slaBreached ? 'breached' : 'muted'}>${slaText(r.dueAt)}</span>` : nothing}
        ${customer ? html`<span class="muted">${customer}</span>` : nothing}
        ${r.submitter ? html`<span class="muted">${r.submitter.name}</span>` : nothing}
        <span class="muted">${msg(str`Sent ${formatDateTime(r.createdAt, store.dateFormat)}`)}</span>
        ${r.meeting ? html`<span>${msg(str`Meeting ${formatDateTime(r.meeting.startsAt, store.dateFormat)}`)}${r.meeting.location ? ` · ${r.meeting.location}` : ''}</span>` : nothing}
      </span>
      ${store.showsStaffTools
        ? html`<span class="row">
            <label class="inline"
              >${msg('Status')}
              <select @change=${(e: Event) => this.change(r, { status: (e.target as HTMLSelectElement).value as RequestStatus })}>
                ${REQUEST_STATUSES.map((s) => html`<option value=${s} .selected=${s === r.status}>${requestStatusLabel(s)}</option>`)}
              </select></label
            >
            ${r.status !== 'canceled' && (r.meeting || asksForMeeting(type)) ? html`<button class="link" @click=${() => (this.meetingFor = this.meetingFor === r.id ? null : r.id)}>${r.meeting ? msg('Change the meeting') : msg('Confirm a meeting')}</button>` : nothing}
          </span>`
        : open && store.can('requests.submit')
          ? html`<button class="link" @click=${() => this.change(r, { status: 'canceled' })}>${msg('Withdraw')}</button>`
          : nothing}
      ${this.meetingFor === r.id ? this.renderMeetingForm(r) : nothing}
    </li>`;
  }

  private renderMeetingForm(r: ServiceRequest) {
    const start = r.meeting?.startsAt ?? new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 86_400_000).toISOString();
    const end = r.meeting?.endsAt ?? new Date(Date.parse(start) + 3_600_000).toISOString();
    return html`<form class="meeting" part="meeting-form" aria-label=${msg('Confirm a meeting')} @submit=${(e: SubmitEvent) => this.confirmMeeting(e, r)}>
      <label>${msg('Starts')}<input type="datetime-local" name="starts" required .value=${localInput(start)} /></label>
      <label>${msg('Ends')}<input type="datetime-local" name="ends" required .value=${localInput(end)} /></label>
      <label>${msg('Where')}<input name="location" maxlength="500" .value=${r.meeting?.location ?? ''} placeholder=${msg('Video call link or address')} /></label>
      <button class="primary" type="submit">${msg('Send the invitation')}</button>
    </form>`;
  }

  override render() {
    if (!this.portal) return nothing;
    const { store } = this.portal;
    const list = this.requests.value ?? [];
    const mayFile = store.can('requests.submit') && (!store.isStaff || (!this.all && store.customerId));
    return html`
      <div class="row">
        <h2>${store.isStaff ? msg('Request queue') : msg('Requests')}</h2>
        ${mayFile && !this.choosing && !this.type ? html`<button class="primary" @click=${() => (this.choosing = true)}>${msg('New request')}</button>` : nothing}
      </div>
      ${this.renderNew()}
      <cp-state exportparts="state" .load=${this.requests.load} .empty=${!list.length} empty-text=${msg('No requests yet.')} .retry=${() => this.requests.refresh()}></cp-state>
      ${list.length ? html`<ul class="rows" aria-label=${store.isStaff ? msg('Request queue') : msg('Requests')}>${list.map((r) => this.renderRow(r))}</ul>` : nothing}
    `;
  }
}
define('cp-requests', CpRequests);

declare global {
  interface HTMLElementTagNameMap {
    'cp-requests': CpRequests;
  }
}
