import { msg } from '@lit/localize';
import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Approval, ApprovalDecision, ApprovalMode, ApprovalStatus } from '../../api/api.types.js';
import { asRequestError } from '../../api/request-error.js';
import { errorText } from '../../lib/error-text.js';
import { formatDateTime } from '../../lib/format.js';
import { define, PortalElement } from '../../lib/portal-element.js';

const statusText = (status: ApprovalStatus) =>
  ({ pending: msg('Waiting for approval'), approved: msg('Approved'), rejected: msg('Rejected'), changes_requested: msg('Changes requested'), canceled: msg('Canceled') })[status];
const decisionText = (d: ApprovalDecision) => ({ approved: msg('Approved'), rejected: msg('Rejected'), changes_requested: msg('Asked for changes') })[d];
const modeText = (mode: ApprovalMode) => ({ all: msg('Everyone approves'), any: msg('Any one approves'), sequence: msg('In order') })[mode];

/**
 * The approvals of a task, in its panel: each with its status and every approver's decision
 * (the CSM sees the progress); the approver whose turn it is approves, asks for changes or
 * rejects, with a comment (`approvals.respond`); staff request an approval from named people
 * and cancel a pending one.
 * @csspart approval - one approval
 * @csspart approval-form - staff: the request form
 */
export class CpApprovals extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      .block {
        display: grid;
        gap: var(--cp-space);
      }
      .approval {
        border: 1px solid var(--cp-color-border);
        border-radius: var(--cp-radius);
        padding: var(--cp-space);
        display: grid;
        gap: 4px;
        margin-bottom: var(--cp-space);
      }
      ol {
        margin: 0;
        padding-inline-start: 1.2em;
      }
      fieldset {
        border: 1px solid var(--cp-color-border);
        border-radius: var(--cp-radius);
        display: grid;
        gap: 4px;
      }
      form {
        display: grid;
        gap: var(--cp-space);
      }
    `,
  ];

  @property({ attribute: 'task-id' }) taskId = '';
  @state() private comment = '';
  @state() private asking = false;
  @state() private busy = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if ((changed.has('taskId') || changed.has('portal')) && this.taskId) void this.portal?.actions.loadTaskApprovals(this.taskId);
  }

  private async run(work: () => Promise<Approval>): Promise<void> {
    const { store } = this.portal!;
    this.busy = true;
    try {
      store.putAll(store.approvals, [await work()]);
      this.comment = '';
    } catch (error) {
      store.notify(errorText(asRequestError(error)), 'error');
    } finally {
      this.busy = false;
    }
  }

  private request(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const approverIds = form.getAll('approver').map(String);
    if (!approverIds.length) return;
    void this.run(() => this.portal!.api.requestApproval({ subject: { type: 'task', id: this.taskId }, approverIds, mode: form.get('mode') as ApprovalMode })).then(() => (this.asking = false));
  }

  private renderApproval(a: Approval) {
    const { store, api } = this.portal!;
    const me = store.me?.user.id;
    const mine = a.status === 'pending' && store.can('approvals.respond') && (a.mode === 'sequence' ? a.nextApproverId === me : a.steps.some((s) => s.approverId === me && !s.decision));
    const decide = (d: ApprovalDecision) => this.run(() => api.decideApproval(a.id, d, this.comment.trim()));
    return html`<div class="approval" part="approval">
      <div class="row"><strong>${statusText(a.status)}</strong><span class="muted">${modeText(a.mode)}</span></div>
      ${a.message ? html`<p>${a.message}</p>` : nothing}
      <ol aria-label=${msg('Approvers')}>
        ${a.steps.map(
          (s) => html`<li>
            ${s.approver?.name ?? (store.personName(s.approverId) || msg('Someone'))}:
            ${s.decision
              ? html`${decisionText(s.decision)} <span class="muted">${formatDateTime(s.decidedAt!, store.dateFormat)}</span>${s.comment ? html` · “${s.comment}”` : nothing}`
              : html`<span class="muted">${a.status === 'pending' && a.nextApproverId === s.approverId ? msg('Their turn') : msg('No decision yet')}</span>`}
          </li>`,
        )}
      </ol>
      ${mine
        ? html`<label>${msg('Comment (optional)')}<textarea rows="2" .value=${this.comment} @input=${(e: Event) => (this.comment = (e.target as HTMLTextAreaElement).value)}></textarea></label>
            <div class="row">
              <button class="primary" ?disabled=${this.busy} @click=${() => decide('approved')}>${msg('Approve')}</button>
              <button ?disabled=${this.busy} @click=${() => decide('changes_requested')}>${msg('Request changes')}</button>
              <button ?disabled=${this.busy} @click=${() => decide('rejected')}>${msg('Reject')}</button>
            </div>`
        : nothing}
      ${store.showsStaffTools && a.status === 'pending' ? html`<div><button class="link" ?disabled=${this.busy} @click=${() => this.run(() => api.cancelApproval(a.id))}>${msg('Cancel the approval')}</button></div>` : nothing}
    </div>`;
  }

  private renderForm() {
    const people = [...this.portal!.store.people.values()];
    return html`<form part="approval-form" @submit=${this.request}>
      <fieldset>
        <legend>${msg('Who approves')}</legend>
        ${people.map((p) => html`<label class="inline"><input type="checkbox" name="approver" value=${p.id} /> ${p.name}</label>`)}
      </fieldset>
      <label>${msg('How')}
        <select name="mode">
          ${(['all', 'any', 'sequence'] as const).map((m) => html`<option value=${m}>${modeText(m)}</option>`)}
        </select>
      </label>
      <div class="row">
        <button class="primary" type="submit" ?disabled=${this.busy}>${msg('Request approval')}</button>
        <button type="button" @click=${() => (this.asking = false)}>${msg('Cancel')}</button>
      </div>
    </form>`;
  }

  override render() {
    if (!this.portal) return nothing;
    const { store } = this.portal;
    const approvals = [...store.approvals.values()].filter((a) => a.subject.type === 'task' && a.subject.id === this.taskId).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
    if (!approvals.length && !store.showsStaffTools) return nothing;
    return html`<div class="block">
      <h3>${msg('Approval')}</h3>
      ${approvals.map((a) => this.renderApproval(a))}
      ${store.showsStaffTools
        ? this.asking
          ? this.renderForm()
          : html`<button @click=${() => (this.asking = true)}>${approvals.some((a) => a.status === 'pending') ? msg('Request another approval') : msg('Request approval')}</button>`
        : nothing}
    </div>`;
  }
}
define('cp-approvals', CpApprovals);

declare global {
  interface HTMLElementTagNameMap {
    'cp-approvals': CpApprovals;
  }
}
