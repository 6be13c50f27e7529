type Subject = Record<string, unknown>;

const quoted = (value: unknown) => `“${typeof value === 'string' && value ? value : 'untitled'}”`;

const shown = (value: unknown): string | null => {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value === 'string' && value.length <= 40 && !value.includes('\n')) return value || 'empty';
  return null;
};

/** "status todo → done, title": short values with their change, long ones by name only. */
function describeChanges(data: { changes?: unknown; previous?: Subject }, subject: Subject | undefined): string {
  if (!Array.isArray(data.changes) || data.changes.length === 0) return '';
  const parts = data.changes.map((field: string) => {
    const before = shown(data.previous?.[field]);
    const after = shown(subject?.[field]);
    return before !== null && after !== null && !Array.isArray(subject?.[field]) ? `${field} ${before} → ${after}` : field;
  });
  return `: ${parts.join(', ')}`;
}

/**
 * One line saying what an event of the log did, for the audit trail. The actor is shown
 * beside it, so the line starts with the verb.
 * @example summarize('task.completed', { task: { title: 'Kick-off call' } }) // 'Completed task “Kick-off call”'
 */
export function summarize(type: string, data: Record<string, any>): string {
  const task = data.task as Subject | undefined;
  switch (type) {
    case 'task.created':
      return `Created task ${quoted(task?.title)}`;
    case 'task.updated':
      return `Updated task ${quoted(task?.title)}${describeChanges(data, task)}`;
    case 'task.completed':
      return `Completed task ${quoted(task?.title)}`;
    case 'task.deleted':
      return `Deleted task ${String(task?.id ?? '')}`.trim();
    case 'comment.created':
      return `Commented on ${quoted(task?.title)}`;
    case 'document.created':
      return `Uploaded ${quoted(data.document?.name)}`;
    case 'document.deleted':
      return `Deleted document ${String(data.document?.id ?? '')}`.trim();
    case 'project.created':
      return `Created project ${quoted(data.project?.name)}`;
    case 'project.updated':
      return `Updated project ${quoted(data.project?.name)}${describeChanges(data, data.project)}`;
    case 'customer.created':
      return `Added customer ${quoted(data.customer?.name)}`;
    case 'customer.updated':
      return `Updated customer ${quoted(data.customer?.name)}${describeChanges(data, data.customer)}`;
    case 'user.created':
      return `Added ${data.user?.role === 'staff' ? 'team member' : 'contact'} ${quoted(data.user?.name)}`;
    case 'user.updated':
      return `Updated ${quoted(data.user?.name)}${describeChanges(data, data.user)}`;
    case 'user.invited':
      return `Invited ${quoted(data.user?.name)}`;
    default:
      return type;
  }
}
