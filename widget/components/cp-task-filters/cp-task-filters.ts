import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { PRIORITIES, PROJECT_STATUSES, TASK_STATUSES } from '../../api/api.types.js';
import { priorityLabel, projectStatusLabel, statusLabel } from '../../lib/labels.js';
import { define, PortalElement } from '../../lib/portal-element.js';
import { activeFilterCount, NO_FILTERS, type TaskFilters } from '../../store/task-filters.js';
import { byName } from '../../store/selectors.js';

const SEARCH_DELAY_MS = 150;

/**
 * The task list's filters: project status, task status, project, assignee, priority and
 * keywords. They live in the store, so they survive view switches and token renewals.
 * On a phone (up to 560 px wide) only the keywords show, the other filters behind a
 * "Filters" button that says how many are set.
 * @csspart filters - the filter bar
 */
export class CpTaskFilters extends PortalElement {
  static override styles = [
    PortalElement.styles,
    css`
      form {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(150px, 1fr));
        gap: var(--cp-space);
        align-items: end;
      }
      .search {
        grid-column: 1 / -1;
      }
      .search input {
        width: 100%;
      }
      select {
        width: 100%;
      }
      .more {
        display: contents;
      }
      .toggle {
        display: none;
      }
      /* A phone: the keywords, and the other filters behind one button, so the tasks come first. */
      @media (max-width: 560px) {
        .toggle {
          display: inline-flex;
          justify-content: center;
        }
        .more:not(.open) {
          display: none;
        }
      }
    `,
  ];

  @state() private more = false;

  private timer: ReturnType<typeof setTimeout> | undefined;

  private set(patch: Partial<TaskFilters>): void {
    const store = this.portal!.store;
    store.filters = { ...store.filters, ...patch };
    store.changed();
  }

  private onSearch(event: InputEvent): void {
    const q = (event.target as HTMLInputElement).value;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.set({ q }), SEARCH_DELAY_MS);
  }

  private select<K extends keyof TaskFilters>(key: K, label: string, options: [string, string][]) {
    const value = this.portal!.store.filters[key];
    return html`<label
      >${label}
      <select name=${key} @change=${(e: Event) => this.set({ [key]: (e.target as HTMLSelectElement).value } as Partial<TaskFilters>)}>
        <option value="" .selected=${!value}>${msg('All')}</option>
        ${options.map(([v, text]) => html`<option value=${v} .selected=${v === value}>${text}</option>`)}
      </select></label
    >`;
  }

  override render() {
    if (!this.portal) return nothing;
    const { store } = this.portal;
    const projects = [...store.projects.values()].sort(byName);
    const people = [...store.people.values()].filter((p) => p.id !== store.me?.user.id);
    const count = activeFilterCount(store.filters);
    return html`<form part="filters" role="search" @submit=${(e: Event) => e.preventDefault()}>
      <label class="search"
        >${msg('Search tasks')}
        <input type="search" value=${store.filters.q} @input=${this.onSearch} placeholder=${msg('Keywords in the title or description')} />
      </label>
      <button type="button" class="toggle" aria-expanded=${String(this.more)} aria-controls="more-filters" @click=${() => (this.more = !this.more)}>
        ${count ? msg(str`Filters (${count})`) : msg('Filters')}
      </button>
      <div class="more ${this.more ? 'open' : ''}" id="more-filters">
        ${store.projectId ? nothing : this.select('projectStatus', msg('Project status'), PROJECT_STATUSES.map((s) => [s, projectStatusLabel(s)]))}
        ${this.select('status', msg('Status'), TASK_STATUSES.map((s) => [s, statusLabel(s)]))}
        ${store.projectId ? nothing : this.select('projectId', msg('Project'), projects.map((p) => [p.id, p.name]))}
        ${this.select('assigneeId', msg('Assignee'), [['me', msg('Me')], ...people.map((p): [string, string] => [p.id, p.name])])}
        ${this.select('priority', msg('Priority'), PRIORITIES.map((p) => [p, priorityLabel(p)]))}
        <button type="button" ?disabled=${!count} @click=${() => this.clear()}>${msg('Clear filters')}</button>
      </div>
    </form>`;
  }

  private clear(): void {
    clearTimeout(this.timer);
    this.set({ ...NO_FILTERS });
    const input = this.renderRoot.querySelector('input');
    if (input) input.value = '';
  }
}
define('cp-task-filters', CpTaskFilters);

declare global {
  interface HTMLElementTagNameMap {
    'cp-task-filters': CpTaskFilters;
  }
}
