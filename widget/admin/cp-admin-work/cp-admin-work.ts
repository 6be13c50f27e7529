import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import '../../customer-portal/customer-portal.js';
import { getLocale } from '../../lib/localization.js';
import { define } from '../../lib/portal-element.js';
import { AdminElement } from '../lib/admin-element.js';
import { workStyles } from './cp-admin-work.styles.js';

/**
 * The Work tab: the customer's projects and tasks through `<customer-portal>` in staff mode,
 * with a staff token from the page's session. Its task panel is where the team creates and
 * edits tasks, switches them between portal and internal, assigns people from both sides,
 * replies (to the customer or internally) and uploads.
 * @csspart portal - the embedded `<customer-portal>`
 */
export class CpAdminWork extends AdminElement {
  static override styles = [AdminElement.styles, workStyles];

  @property({ attribute: 'customer-id' }) customerId = '';
  /** The task open in the side panel. */
  @property({ attribute: 'task-id' }) taskId = '';

  /** The widget's own moves (a task opened or closed) become the page's, so the address follows. */
  private onNavigate(event: CustomEvent<{ task: string | null }>): void {
    event.stopPropagation();
    this.admin?.go({ task: event.detail.task });
  }

  override render() {
    const admin = this.admin;
    if (!admin || !this.customerId) return nothing;
    const name = this.portal?.store.customers.find((c) => c.id === this.customerId)?.name ?? '';
    // A section of the page: the widget's own header is then not a second banner.
    return html`<section aria-labelledby="work-title">
      <h2 id="work-title" class="visually-hidden">${msg(str`Work of ${name}`)}</h2>
      <customer-portal
      part="portal"
      api-base=${admin.apiBase}
      .tokenProvider=${admin.tokenProvider}
      customer=${this.customerId}
      task=${this.taskId}
      view="tasks"
      no-tour
      locale=${getLocale()}
      theme=${admin.scheme}
      @cp-navigate=${this.onNavigate}
    ></customer-portal>
    </section>`;
  }
}
define('cp-admin-work', CpAdminWork);

declare global {
  interface HTMLElementTagNameMap {
    'cp-admin-work': CpAdminWork;
  }
}
