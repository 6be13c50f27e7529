import { msg, str } from '@lit/localize';
import { css, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { View } from '../../lib/labels.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { seen as storage } from '../../lib/seen.js';
import { dialogStyles } from '../cp-dialog/dialog.styles.js';

interface Step {
  view: View;
  title: string;
  text: string;
}

/**
 * The first-visit tour: a few steps through the views, skippable, shown once per user (and
 * browser). The element gives it a key per user; it opens by itself when that key is new.
 * After the welcome page (`greeted`, where the person chose to be shown around) it leaves out
 * its own greeting and starts at the first view.
 * @csspart tour - the dialog
 */
export class CpTour extends PortalElement {
  static override styles = [
    PortalElement.styles,
    dialogStyles,
    css`
      p {
        margin: var(--cp-space) 0 0;
      }
      .step {
        font-size: 0.85em;
      }
    `,
  ];

  @query('dialog') private dialog!: HTMLDialogElement;
  @state() private step = 0;
  /** Where the user was when the tour opened: where it leaves them. */
  private origin: View = 'dashboard';
  /** Where "done" is remembered; empty keeps the tour closed. */
  @property({ attribute: 'storage-key' }) storageKey = '';
  /** The welcome page has greeted the person already: no second greeting. */
  @property({ type: Boolean }) greeted = false;

  private get steps(): Step[] {
    const tenant = this.portal?.store.me?.tenant.name ?? '';
    return [
      ...(this.greeted ? [] : [{ view: 'dashboard' as const, title: msg(str`Welcome to ${tenant}`), text: msg('A quick look around. It takes twenty seconds, and you can skip it.') }]),
      { view: 'dashboard', title: msg('Dashboard'), text: msg('What needs you: tasks by status, what is due for you next, and the projects you take part in.') },
      { view: 'tasks', title: msg('Tasks'), text: msg('Every task, grouped by project. Filter and search, then open one to change its status, comment or attach files.') },
      { view: 'projects', title: msg('Projects'), text: msg('How far each project has come and what is due next.') },
      { view: 'documents', title: msg('Documents'), text: msg('Every file shared with you, in one place.') },
      { view: 'settings', title: msg('Notifications and settings'), text: msg('The bell shows what changed. In Settings, choose what you hear about, the theme and the language.') },
    ];
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('storageKey') && this.storageKey && !storage.done(this.storageKey) && !this.dialog.open) {
      this.step = 0;
      this.origin = this.portal?.store.route.view ?? 'dashboard';
      this.dialog.showModal();
    }
  }

  private go(step: number): void {
    this.step = step;
    this.portal?.navigate({ view: this.steps[step]!.view });
  }

  private finish(): void {
    storage.finish(this.storageKey);
    this.dialog.close();
    this.portal?.navigate({ view: this.origin });
  }

  override render() {
    const steps = this.steps;
    const step = steps[this.step]!;
    const last = this.step === steps.length - 1;
    return html`<dialog part="tour" aria-labelledby="tour-title" @cancel=${this.finish}>
      ${this.portal
        ? html`<p class="step muted">${msg(str`Step ${this.step + 1} of ${steps.length}`)}</p>
            <h2 id="tour-title">${step.title}</h2>
            <p>${step.text}</p>
            <div class="buttons">
              ${last ? nothing : html`<button @click=${this.finish}>${msg('Skip the tour')}</button>`}
              ${this.step ? html`<button @click=${() => this.go(this.step - 1)}>${msg('Back')}</button>` : nothing}
              <button class="primary" @click=${() => (last ? this.finish() : this.go(this.step + 1))}>${last ? msg('Done') : msg('Next')}</button>
            </div>`
        : nothing}
    </dialog>`;
  }
}
define('cp-tour', CpTour);

declare global {
  interface HTMLElementTagNameMap {
    'cp-tour': CpTour;
  }
}
