import { msg, str } from '@lit/localize';
import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PROJECT_STATUSES, type Person, type Project, type ProjectAccess, type ProjectStatus, type Visibility } from '../../api/api.types.js';
import '../../components/cp-state/cp-state.js';
import '../../components/cp-visibility/cp-visibility.js';
import { projectStatusLabel } from '../../lib/labels.js';
import { define } from '../../lib/portal-element.js';
import { internalBadge } from '../../lib/templates.js';
import { byName } from '../../store/selectors.js';
import type { ProjectInput } from '../api/admin-api.types.js';
import type { LiveMessage } from '../lib/admin-context.js';
import { projectAccessLabel } from '../lib/admin-labels.js';
import { AdminElement } from '../lib/admin-element.js';
import { debounce } from '../lib/debounce.js';
import { Loader } from '../lib/loader.js';

const ACCESS: ProjectAccess[] = ['all_contacts', 'members'];

interface Draft {
  visibility: Visibility;
  access: ProjectAccess;
  members: Set<string>;
}

/**
 * The Projects tab: a customer's projects with their status, who sees them (the customer and
 * the team, or the team only) and which contacts (all of them, or its members only); create a
 * project, change its name, description, status, visibility and access, and pick its members
 * among the customer's contacts (the vendor's team listed apart, the account team marked).
 * @csspart project-row - one project
 * @csspart project-form - the form of a project being created or changed
 * @csspart members - the member picker
 */
export class CpAdminProjects extends AdminElement {
  static override styles = [
    AdminElement.styles,
    css`
      .members {
        display: grid;
        gap: var(--cp-space);
        grid-template-columns: repeat(auto-fit, minmax(220px, 1fr));
      }
      td .muted {
        display: block;
      }
    `,
  ];

  @state() private editing: string | null = null;
  @state() private draft: Draft = { visibility: 'portal', access: 'all_contacts', members: new Set() };
  @state() private busy = false;
  @property({ attribute: 'customer-id' }) customerId = '';
  private readonly data = new Loader(this, async () => {
    const { api } = this.admin!;
    const [projects, people, customer] = await Promise.all([api.projects(this.customerId), api.people(this.customerId), api.customer(this.customerId)]);
    const members = new Map(await Promise.all(projects.filter((p) => p.access === 'members').map(async (p) => [p.id, await api.projectMembers(p.id)] as const)));
    return { projects: projects.filter((p) => p.customerId === this.customerId), people, team: new Set([...(customer.teamIds ?? []), ...(customer.ownerId ? [customer.ownerId] : [])]), members };
  });
  private readonly refresh = debounce(() => void this.data.run(true), 500);
  private shown = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.admin && this.customerId && this.shown !== this.customerId) {
      this.shown = this.customerId;
      this.editing = null;
      void this.data.run();
    }
  }

  protected override live({ type, data }: LiveMessage): void {
    if (type.startsWith('project.') && data?.customerId === this.customerId && !this.editing) this.refresh();
  }

  private edit(project: Project | null): void {
    this.editing = project?.id ?? 'new';
    this.draft = { visibility: project?.visibility ?? 'portal', access: project?.access ?? 'all_contacts', members: new Set(project ? (this.data.value?.members.get(project.id) ?? []) : []) };
  }

  private async save(event: SubmitEvent, project: Project | null): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const input: ProjectInput = {
      name: String(data.get('name') ?? '').trim(),
      description: String(data.get('description') ?? '').trim(),
      status: String(data.get('status')) as ProjectStatus,
      visibility: this.draft.visibility,
      access: this.draft.access,
    };
    const { api } = this.admin!;
    const members = [...this.draft.members];
    this.busy = true;
    const saved = await this.attempt(
      async () => {
        const result = project ? await api.updateProject(project.id, input) : await api.createProject({ ...input, customerId: this.customerId });
        // The members are written only when they changed (a new project has none).
        const before = project ? (this.data.value?.members.get(project.id) ?? []) : [];
        if (input.access === 'members' && members.join() !== before.join()) await api.setProjectMembers(result.id, members);
        return result;
      },
      { done: project ? msg(str`${input.name} is saved.`) : msg(str`${input.name} was created.`), failed: project ? msg(str`${project.name} was not saved.`) : msg(str`${input.name} was not created.`) },
    );
    this.busy = false;
    if (!saved) return;
    this.editing = null;
    await this.data.run(true);
  }

  private toggleMember(id: string, on: boolean): void {
    const members = new Set(this.draft.members);
    on ? members.add(id) : members.delete(id);
    this.draft = { ...this.draft, members };
  }

  private renderMembers(people: Person[], team: Set<string>) {
    const group = (legend: string, list: Person[]) =>
      html`<fieldset class="plain-fieldset choices">
        <legend>${legend}</legend>
        ${list.length
          ? list.map(
              (p) => html`<label
                ><input type="checkbox" .checked=${this.draft.members.has(p.id)} @change=${(e: Event) => this.toggleMember(p.id, (e.target as HTMLInputElement).checked)} />${p.name}
                ${team.has(p.id) ? html`<span class="badge">${msg('Account team')}</span>` : nothing}</label
              >`,
            )
          : html`<p class="muted">${msg('Nobody yet.')}</p>`}
      </fieldset>`;
    const sorted = [...people].sort(byName);
    const customer = this.portal!.store.customers.find((c) => c.id === this.customerId)?.name ?? '';
    return html`<div class="members" part="members">
      ${group(msg(str`Contacts of ${customer}`), sorted.filter((p) => p.role === 'contact'))}
      ${group(msg('Your team'), sorted.filter((p) => p.role === 'staff'))}
    </div>`;
  }

  private renderForm(project: Project | null, people: Person[], team: Set<string>) {
    const id = project?.id ?? 'new';
    return html`<form class="grid" part="project-form" aria-label=${project ? msg(str`Change ${project.name}`) : msg('New project')} @submit=${(e: SubmitEvent) => this.save(e, project)}>
      <div class="fields">
        <label>${msg('Name')} <input name="name" required maxlength="200" autocomplete="off" .value=${project?.name ?? ''} /></label>
        <label
          >${msg('Status')}
          <select name="status">
            ${PROJECT_STATUSES.map((s) => html`<option value=${s} .selected=${s === (project?.status ?? 'active')}>${projectStatusLabel(s)}</option>`)}
          </select></label
        >
      </div>
      <label>${msg('Description')} <textarea name="description" rows="2" .value=${project?.description ?? ''}></textarea></label>
      <cp-visibility label=${msg('Who sees the project')} .value=${this.draft.visibility} @cp-visibility-change=${(e: CustomEvent<{ visibility: Visibility }>) => (this.draft = { ...this.draft, visibility: e.detail.visibility })}></cp-visibility>
      <fieldset class="plain-fieldset">
        <legend>${msg('Which contacts')}</legend>
        <div class="actions">
          ${ACCESS.map(
            (a) => html`<label class="inline"><input type="radio" name="access-${id}" .checked=${this.draft.access === a} @change=${() => (this.draft = { ...this.draft, access: a })} />${projectAccessLabel(a)}</label>`,
          )}
        </div>
      </fieldset>
      ${this.draft.access === 'members' ? this.renderMembers(people, team) : nothing}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.busy}>${project ? msg('Save the project') : msg('Create the project')}</button>
        <button type="button" @click=${() => (this.editing = null)}>${msg('Cancel')}</button>
      </div>
    </form>`;
  }

  private renderRow(project: Project, people: Person[], team: Set<string>, members: Map<string, string[]>) {
    const names = (members.get(project.id) ?? []).map((id) => people.find((p) => p.id === id)?.name).filter(Boolean);
    const editing = this.editing === project.id;
    return html`<tr part="project-row">
        <th scope="row">${project.name} ${internalBadge(project)}</th>
        <td>${projectStatusLabel(project.status)}</td>
        <td>${project.visibility === 'internal' ? msg('Team only') : msg('Customer and team')}</td>
        <td>${projectAccessLabel(project.access ?? 'all_contacts')}${project.access === 'members' ? html`<span class="muted">${names.join(', ') || msg('Nobody yet.')}</span>` : nothing}</td>
        <td><button aria-expanded=${String(editing)} @click=${() => (editing ? (this.editing = null) : this.edit(project))} aria-label=${msg(str`Change ${project.name}`)}>${msg('Change')}</button></td>
      </tr>
      ${editing
        ? html`<tr>
            <td colspan="5">${this.renderForm(project, people, team)}</td>
          </tr>`
        : nothing}`;
  }

  override render() {
    if (!this.admin || !this.portal) return nothing;
    const value = this.data.value;
    const projects = [...(value?.projects ?? [])].sort(byName);
    return html`<section class="card" aria-labelledby="projects-title">
        <div class="head">
          <h2 id="projects-title">${msg('Projects')}</h2>
          ${value && this.editing !== 'new' ? html`<button class="primary" @click=${() => this.edit(null)}>${msg('New project')}</button>` : nothing}
        </div>
        ${value && this.editing === 'new' ? this.renderForm(null, value.people, value.team) : nothing}
        ${projects.length
          ? html`<div class="table">
              <table>
                <thead>
                  <tr>
                    <th scope="col">${msg('Project')}</th>
                    <th scope="col">${msg('Status')}</th>
                    <th scope="col">${msg('Visible to')}</th>
                    <th scope="col">${msg('Which contacts')}</th>
                    <th scope="col"><span class="visually-hidden">${msg('Actions')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  ${projects.map((p) => this.renderRow(p, value!.people, value!.team, value!.members))}
                </tbody>
              </table>
            </div>`
          : nothing}
        <cp-state exportparts="state" .load=${this.data.load} .empty=${!projects.length} empty-text=${msg('No projects yet: create the first one.')} .retry=${() => this.data.run()}></cp-state>
      </section>`;
  }
}
define('cp-admin-projects', CpAdminProjects);

declare global {
  interface HTMLElementTagNameMap {
    'cp-admin-projects': CpAdminProjects;
  }
}
