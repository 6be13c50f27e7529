import { html } from 'lit';
import type { Task } from '../../api/api.types.js';
import { dueLabel, internalBadge, priorityBadge, statusBadge } from '../../lib/templates.js';
import type { PortalStore } from '../../store/portal-store.js';

/**
 * A task as one line (a `role=list` holds it): a click anywhere on it opens it (a delegated click on the list, see
 * `openTaskFrom`; the title is the button a keyboard reaches), then status, priority, due date
 * and assignees.
 */
export function taskRow(task: Task, store: PortalStore, selected: string | null) {
  const names = task.assigneeIds.map((id) => store.personName(id)).filter(Boolean).join(', ');
  return html`<div role="listitem" class="task ${task.status === 'done' ? 'done' : ''} ${task.id === selected ? 'selected' : ''}" part="task-row" data-task=${task.id}>
    <button class="main open link" data-task=${task.id} aria-current=${task.id === selected ? 'true' : 'false'}>${task.title}</button>
    <span class="meta">
      ${statusBadge(task)} ${priorityBadge(task)} ${internalBadge(task)} ${dueLabel(task, store.dateFormat)}
      ${names ? html`<span class="muted">${names}</span>` : ''}
    </span>
  </div>`;
}

/** Rows per block of a long list: a block out of view costs no style, layout or paint. */
const BLOCK = 25;

/**
 * Thousands of rows as blocks of BLOCK: the browser skips the blocks out of view
 * (`content-visibility`), and a block coming into view renders its rows at once, so neither the
 * first paint nor a scroll lays out the whole list.
 */
export function taskRowBlocks(tasks: readonly Task[], store: PortalStore, selected: string | null) {
  const blocks = [];
  for (let i = 0; i < tasks.length; i += BLOCK) blocks.push(html`<div class="block">${tasks.slice(i, i + BLOCK).map((task) => taskRow(task, store, selected))}</div>`);
  return blocks;
}

/** The id of the task whose row was clicked, if any: one listener serves thousands of rows. */
export const openTaskFrom = (event: Event): string | null =>
  (event.composedPath().find((el) => el instanceof HTMLElement && el.dataset.task) as HTMLElement | undefined)?.dataset.task ?? null;
