import { expect } from '@open-wc/testing';
import type { Task } from '../api/api.types.js';
import { PortalStore } from './portal-store.js';
import { dashboard, groupByProject, today } from './selectors.js';
import { filterTasks, NO_FILTERS } from './task-filters.js';

const task = (over: Partial<Task>): Task => ({
  id: 'tsk_1',
  customerId: 'cus_1',
  projectId: null,
  title: 'Task',
  description: '',
  status: 'todo',
  priority: 'medium',
  visibility: 'portal',
  dueDate: null,
  assigneeIds: [],
  createdBy: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  completedAt: null,
  version: 1,
  ...over,
});

const flush = () => new Promise((r) => setTimeout(r));

describe('the store', () => {
  it('never lets an older version of a task overwrite a newer one', () => {
    const store = new PortalStore();
    store.putTasks([task({ title: 'v2', version: 2 })]);
    store.putTasks([task({ title: 'v1', version: 1 })]);
    expect(store.task('tsk_1')!.title).to.equal('v2');
  });

  it('shows a change in flight at once and takes it back', () => {
    const store = new PortalStore();
    store.putTasks([task({})]);
    const undo = store.applyOptimistic('tsk_1', { status: 'done' });
    expect(store.task('tsk_1')!.status).to.equal('done');
    expect(store.taskList[0]!.status).to.equal('done');
    undo();
    expect(store.task('tsk_1')!.status).to.equal('todo');
  });

  it('applies live events through the same path, keeping only the customer on screen', async () => {
    const store = new PortalStore();
    store.customerId = 'cus_1';
    let changes = 0;
    store.addEventListener('change', () => changes++);
    const live: string[] = [];
    store.addEventListener('task-change', (e) => live.push((e as CustomEvent).detail.source));
    store.applyMessage('task.created', { customerId: 'cus_1', data: { task: task({}) } });
    store.applyMessage('task.created', { customerId: 'cus_2', data: { task: task({ id: 'tsk_2', customerId: 'cus_2' }) } });
    store.applyMessage('task.updated', { customerId: 'cus_1', data: { task: task({ status: 'blocked', version: 2 }) } });
    await flush();
    expect([...store.tasks.keys()]).to.deep.equal(['tsk_1']);
    expect(store.task('tsk_1')!.status).to.equal('blocked');
    expect(live).to.deep.equal(['live', 'live']);
    expect(changes).to.equal(1);
    store.applyMessage('task.deleted', { customerId: 'cus_1', data: { task: { id: 'tsk_1' } } });
    expect(store.tasks.size).to.equal(0);
  });

  it('adds a confirmed comment once, whether the stream or the answer comes first', () => {
    const store = new PortalStore();
    store.putComments('tsk_1', [{ id: 'pending-1', taskId: 'tsk_1', authorId: null, body: 'Hi', visibility: 'portal', createdAt: '', pending: true }]);
    const confirmed = { id: 'cmt_1', taskId: 'tsk_1', authorId: null, body: 'Hi', visibility: 'portal' as const, createdAt: '' };
    store.applyMessage('comment.created', { customerId: 'cus_1', data: { comment: confirmed } });
    // Never twice on screen, not even between the stream's copy and the POST's answer.
    expect(store.comments.get('tsk_1')!.map((c) => c.id)).to.deep.equal(['cmt_1']);
    store.addComment(confirmed, 'pending-1');
    expect(store.comments.get('tsk_1')!.map((c) => c.id)).to.deep.equal(['cmt_1']);
  });

  it('keeps the notifications the stream brought while the list was loading', () => {
    const store = new PortalStore();
    const notification = (id: string, createdAt: string) => ({ id, kind: 'mention' as const, taskId: null, actor: null, title: id, body: '', readAt: null, createdAt });
    store.setNotifications([notification('ntf_1', '2026-01-01T00:00:01Z')], 1);
    store.applyMessage('notification.created', { notification: notification('ntf_3', '2026-01-01T00:00:03Z') });
    // A page fetched before ntf_3 was written answers after it arrived.
    store.replaceNotifications([notification('ntf_2', '2026-01-01T00:00:02Z'), notification('ntf_1', '2026-01-01T00:00:01Z')], 2);
    expect(store.notifications.map((n) => n.id)).to.deep.equal(['ntf_3', 'ntf_2', 'ntf_1']);
    expect(store.unread).to.equal(3);
  });

  it('forgets everything of a user when cleared', () => {
    const store = new PortalStore();
    store.putTasks([task({})]);
    store.filters = { ...NO_FILTERS, q: 'sso' };
    store.clear();
    expect(store.tasks.size).to.equal(0);
    expect(store.filters.q).to.equal('');
  });
});

describe('what the views derive', () => {
  const yesterday = new Date(Date.now() - 86_400_000);
  const past = today(yesterday);
  const tasks = [
    task({ id: 'a', status: 'todo', dueDate: past, assigneeIds: ['me'], projectId: 'p1', title: 'Sign the DPA' }),
    task({ id: 'b', status: 'done', dueDate: past, projectId: 'p1' }),
    task({ id: 'c', status: 'blocked', dueDate: '2999-01-01', assigneeIds: ['me'], description: 'Élan vital' }),
  ];
  const projects = new Map([['p1', { id: 'p1', customerId: 'cus_1', name: 'Onboarding', description: '', status: 'active' as const, visibility: 'portal' as const, createdBy: null, createdAt: '', updatedAt: '' }]]);

  it('counts by status, marks only open late tasks overdue, and lists what is mine by due date', () => {
    const d = dashboard(tasks, projects, 'me');
    expect(d.lists.todo.length).to.equal(1);
    expect(d.lists.overdue.map((t) => t.id)).to.deep.equal(['a']);
    expect(d.upcoming.map((t) => t.id)).to.deep.equal(['a', 'c']);
    expect(d.projects.map((p) => [p.project.name, p.done, p.total, p.next?.id])).to.deep.equal([['Onboarding', 1, 2, 'a']]);
  });

  it('groups by project, tasks without one last', () => {
    expect(groupByProject(tasks, projects).map((g) => [g.project?.name ?? null, g.tasks.length])).to.deep.equal([
      ['Onboarding', 2],
      [null, 1],
    ]);
  });

  it('filters by every criterion, keywords without accents or case', () => {
    const f = (over: object) => filterTasks(tasks, { ...NO_FILTERS, ...over }, projects, 'me').map((t) => t.id);
    expect(f({ q: 'elan' })).to.deep.equal(['c']);
    expect(f({ q: 'dpa sign' })).to.deep.equal(['a']);
    expect(f({ assigneeId: 'me', status: 'blocked' })).to.deep.equal(['c']);
    expect(f({ projectStatus: 'active' })).to.deep.equal(['a', 'b']);
  });
});
