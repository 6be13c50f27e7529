import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { formatNumber, plural } from '../../lib/format.js';
import { define } from '../../lib/portal-element.js';
import type { ImportReport, ImportRow } from '../api/admin-api.types.js';
import { AdminElement } from '../lib/admin-element.js';
import { importStyles } from './cp-admin-import.styles.js';
import { reasonText } from './import-reason.js';

const outcomeLabel = (row: ImportRow, dryRun: boolean) =>
  ({
    created: dryRun ? msg('Will be added') : msg('Added'),
    exists: msg('Already a contact'),
    refused: msg('Refused'),
  })[row.status];

/** A report's counts, each by the plural rules of the person's language ("1 already a contact"). */
function counts(report: ImportReport) {
  const [created, exists, refused] = [report.created, report.exists, report.refused].map(formatNumber) as [string, string, string];
  return {
    toAdd: msg(str`${created} to add`),
    added: plural(report.created, { one: msg(str`${created} added`), other: msg(str`${created} added`, { id: 'import-added-many' }) }),
    exists: plural(report.exists, { one: msg(str`${exists} already a contact`), other: msg(str`${exists} already contacts`) }),
    refused: plural(report.refused, { one: msg(str`${refused} refused`), other: msg(str`${refused} refused`, { id: 'import-refused-many' }) }),
  };
}

/**
 * Contacts from a CSV file (or pasted text) with `name` and `email` columns: first a preview
 * that writes nothing, row by row, then the import and its report, every refused row with its
 * reason. The new contacts may be invited at once.
 * @fires cp-admin-imported - `{report}`: contacts were imported
 * @csspart import-report - the table of rows
 */
export class CpAdminImport extends AdminElement {
  static override styles = [AdminElement.styles, importStyles];

  @property({ attribute: 'customer-id' }) customerId = '';
  @state() private csv = '';
  @state() private invite = true;
  @state() private report: ImportReport | null = null;
  @state() private busy = false;

  private async read(event: Event): Promise<void> {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (!file) return;
    this.csv = await file.text();
    this.report = null;
  }

  private async run(dryRun: boolean): Promise<void> {
    this.busy = true;
    const report = await this.attempt(() => this.admin!.api.importContacts(this.customerId, this.csv, { dryRun, invite: this.invite }), {
      failed: dryRun ? msg('The file could not be read.') : msg('The contacts were not imported.'),
    });
    this.busy = false;
    if (!report) return;
    this.report = report;
    if (!dryRun) {
      const n = counts(report);
      this.portal!.store.notify(msg(str`Import done: ${n.added}, ${n.exists}, ${n.refused}.`));
      this.emit('cp-admin-imported', { report });
    }
  }

  private renderReport(report: ImportReport) {
    const n = counts(report);
    return html`<p class="summary" role="status">
        ${report.dryRun ? msg(str`Preview: ${n.toAdd}, ${n.exists}, ${n.refused}. Nothing is saved yet.`) : msg(str`Imported: ${n.added}, ${n.exists}, ${n.refused}.`)}
      </p>
      <div class="table">
        <table part="import-report">
          <thead>
            <tr>
              <th scope="col" class="number">${msg('Line')}</th>
              <th scope="col">${msg('Name')}</th>
              <th scope="col">${msg('Email')}</th>
              <th scope="col">${msg('Outcome')}</th>
            </tr>
          </thead>
          <tbody>
            ${report.rows.map(
              (row) => html`<tr class=${row.status}>
                <td class="number">${row.line}</td>
                <td>${row.name}</td>
                <td>${row.email}</td>
                <td>
                  <span class="badge outcome-${row.status}">${outcomeLabel(row, report.dryRun)}</span>
                  ${row.reason ? html`<span class="reason">${reasonText(row.reason)}</span>` : nothing}
                </td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  override render() {
    const report = this.report;
    return html`<section class="card" aria-labelledby="import-title">
      <h2 id="import-title">${msg('Import contacts from a CSV file')}</h2>
      <p class="hint">${msg('A header row naming the name and email columns (an external_id column is optional), then one contact a line.')}</p>
      <div class="fields">
        <label>${msg('CSV file')} <input type="file" accept=".csv,text/csv,text/plain" @change=${this.read} /></label>
      </div>
      <label
        >${msg('Or paste the rows')}
        <textarea
          rows="4"
          spellcheck="false"
          placeholder="name,email&#10;Ana Silva,ana@acme.test"
          .value=${this.csv}
          @input=${(e: Event) => {
            this.csv = (e.target as HTMLTextAreaElement).value;
            this.report = null;
          }}
        ></textarea>
      </label>
      <div class="actions">
        <label class="inline"><input type="checkbox" .checked=${this.invite} @change=${(e: Event) => (this.invite = (e.target as HTMLInputElement).checked)} /> ${msg('Invite the new contacts')}</label>
        <button ?disabled=${!this.csv.trim() || this.busy} @click=${() => this.run(true)}>${msg('Preview')}</button>
        ${report?.dryRun && report.created
          ? html`<button class="primary" ?disabled=${this.busy} @click=${() => this.run(false)}>${plural(report.created, { one: msg(str`Import ${formatNumber(report.created)} contact`), other: msg(str`Import ${formatNumber(report.created)} contacts`) })}</button>`
          : nothing}
      </div>
      ${report ? this.renderReport(report) : nothing}
    </section>`;
  }
}
define('cp-admin-import', CpAdminImport);

declare global {
  interface HTMLElementTagNameMap {
    'cp-admin-import': CpAdminImport;
  }
}
