import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { FINANCIAL_KINDS, type FinancialDocument, type FinancialKind, type FinancialSummary, type MoneyTotal } from '../../api/commercial.types.js';
import { asRequestError } from '../../api/request-error.js';
import { RemoteController } from '../../controllers/remote.controller.js';
import { financialKindLabel, financialStatusLabel, toneOf } from '../../lib/commercial-labels.js';
import { errorText } from '../../lib/error-text.js';
import { formatDate } from '../../lib/format.js';
import { formatMoney } from '../../lib/money.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { saveDownload } from '../../lib/save-download.js';
import { commercialStyles } from '../../styles/commercial.styles.js';
import { viewStyles } from '../../styles/shared.styles.js';
import '../cp-state/cp-state.js';

interface Billing {
  summary: FinancialSummary;
  documents: FinancialDocument[];
}

/** Totals in each currency, side by side; a dash for none. */
const totals = (list: MoneyTotal[]) => (list.length ? list.map((t) => formatMoney(t.amount, t.currency)).join(' · ') : '—');

/**
 * The customer's invoices, quotes, orders, contracts and credit notes in one place: what is
 * outstanding and overdue per currency, each document's status, amounts and dates, its PDF,
 * and Accept / Decline on a sent quote for those who may answer (`approvals.respond`).
 * @csspart billing-summary - the outstanding, overdue and open-quote figures
 * @csspart financial-row - one document
 * @csspart decline-form - the reason asked before declining a quote
 */
export class CpBilling extends PortalElement {
  static override styles = [
    PortalElement.styles,
    viewStyles,
    commercialStyles,
    css`
      form {
        flex-basis: 100%;
        display: grid;
        gap: var(--cp-space);
      }
    `,
  ];

  @state() private kind: FinancialKind | '' = '';
  @state() private declining: string | null = null;
  @state() private busy = false;

  private readonly data = new RemoteController<Billing>(
    this,
    () => this.portal,
    async (api, customerId) => {
      const query = { customerId: this.portal?.store.isStaff ? customerId : undefined };
      const [summary, documents] = await Promise.all([api.request<FinancialSummary>('GET', '/v1/financial-documents/summary', { query }), api.all<FinancialDocument>('/v1/financial-documents', query)]);
      return { summary, documents };
    },
    ['financial_document.'],
  );

  private async respond(doc: FinancialDocument, decision: 'accept' | 'decline', reason?: string): Promise<void> {
    const { api, store } = this.portal!;
    this.busy = true;
    try {
      await api.request('POST', `/v1/financial-documents/${encodeURIComponent(doc.id)}/${decision}`, reason === undefined ? {} : { body: { reason } });
      store.notify(decision === 'accept' ? msg(str`Quote ${doc.number} accepted.`) : msg(str`Quote ${doc.number} declined.`));
      this.declining = null;
      await this.data.refresh();
    } catch (error) {
      store.notify(errorText(asRequestError(error)), 'error');
    } finally {
      this.busy = false;
    }
  }

  private async pdf(doc: FinancialDocument): Promise<void> {
    try {
      await saveDownload(this.portal!.api, `/v1/financial-documents/${encodeURIComponent(doc.id)}/pdf`, `${doc.number}.pdf`);
    } catch (error) {
      this.portal!.store.notify(errorText(asRequestError(error)), 'error');
    }
  }

  private renderActions(doc: FinancialDocument) {
    const { store } = this.portal!;
    if (doc.kind !== 'quote' || doc.status !== 'sent' || store.isStaff || !store.can('approvals.respond')) return nothing;
    if (this.declining === doc.id) {
      return html`<form part="decline-form" @submit=${(e: Event) => {
        e.preventDefault();
        const reason = new FormData(e.target as HTMLFormElement).get('reason')?.toString().trim() ?? '';
        if (reason) void this.respond(doc, 'decline', reason);
      }}>
        <label>${msg('Why do you decline this quote?')}<textarea name="reason" required maxlength="2000"></textarea></label>
        <div class="row">
          <button class="primary" type="submit" ?disabled=${this.busy}>${msg('Decline the quote')}</button>
          <button type="button" @click=${() => (this.declining = null)}>${msg('Cancel')}</button>
        </div>
      </form>`;
    }
    return html`<span class="row">
      <button class="primary" ?disabled=${this.busy} @click=${() => this.respond(doc, 'accept')} aria-label=${msg(str`Accept quote ${doc.number}`)}>${msg('Accept')}</button>
      <button ?disabled=${this.busy} @click=${() => (this.declining = doc.id)} aria-label=${msg(str`Decline quote ${doc.number}`)}>${msg('Decline')}</button>
    </span>`;
  }

  private renderRow(doc: FinancialDocument) {
    const format = this.portal!.store.me?.user.preferences?.dateFormat;
    const signed = doc.signoff
      ? doc.signoff.decision === 'accepted'
        ? msg(str`Accepted on ${formatDate(doc.signoff.decidedAt, format)}`)
        : msg(str`Declined on ${formatDate(doc.signoff.decidedAt, format)}`)
      : null;
    return html`<li part="financial-row">
      <span class="main">${financialKindLabel(doc.kind)} ${doc.number}</span>
      <span class="meta">
        <span class="badge ${toneOf(doc.status)}">${financialStatusLabel(doc.status)}</span>
        ${doc.visibility === 'internal' ? html`<span class="badge internal" part="internal-badge">${msg('Internal')}</span>` : nothing}
        <span>${msg(str`Issued ${formatDate(doc.issueDate, format)}`)}</span>
        ${doc.dueDate ? html`<span class=${doc.status === 'overdue' ? 'overdue' : ''}>${msg(str`Due ${formatDate(doc.dueDate, format)}`)}</span>` : nothing}
        <span class="amount">${formatMoney(doc.total, doc.currency)}</span>
        ${doc.amountDue > 0 && doc.amountDue !== doc.total ? html`<span>${msg(str`${formatMoney(doc.amountDue, doc.currency)} left to pay`)}</span>` : nothing}
        ${signed ? html`<span class="muted">${signed}</span>` : nothing}
        ${doc.documentId ? html`<button class="link" @click=${() => this.pdf(doc)} aria-label=${msg(str`Download the PDF of ${doc.number}`)}>${msg('PDF')}</button>` : nothing}
      </span>
      ${this.renderActions(doc)}
    </li>`;
  }

  override render() {
    if (!this.portal) return nothing;
    const value = this.data.value;
    const documents = (value?.documents ?? []).filter((d) => !this.kind || d.kind === this.kind);
    const summary = value?.summary;
    return html`
      <h2>${msg('Billing')}</h2>
      ${summary
        ? html`<div class="figures" part="billing-summary">
            <div class="card"><span class="muted">${msg('Outstanding')}</span><strong>${totals(summary.outstanding)}</strong></div>
            <div class="card"><span class="muted">${msg('Overdue')}</span><strong class=${summary.overdue.length ? 'overdue' : ''}>${totals(summary.overdue)}</strong></div>
            <div class="card">
              <span class="muted">${msg('Quotes awaiting an answer')}</span><strong>${summary.openQuotes}</strong>
            </div>
          </div>`
        : nothing}
      <label class="inline"
        >${msg('Show')}
        <select @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value as FinancialKind | '')}>
          <option value="">${msg('Every document')}</option>
          ${FINANCIAL_KINDS.map((k) => html`<option value=${k} .selected=${this.kind === k}>${financialKindLabel(k)}</option>`)}
        </select></label
      >
      <cp-state exportparts="state" .load=${this.data.load} .empty=${!documents.length} empty-text=${msg('No financial documents yet.')} .retry=${() => this.data.refresh()}></cp-state>
      ${documents.length ? html`<ul class="rows">${documents.map((d) => this.renderRow(d))}</ul>` : nothing}
    `;
  }
}
define('cp-billing', CpBilling);

declare global {
  interface HTMLElementTagNameMap {
    'cp-billing': CpBilling;
  }
}
