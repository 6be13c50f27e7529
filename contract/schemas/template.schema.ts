import { z } from '@hono/zod-openapi';
import { ProjectSchema } from './project.schema.js';
import { CalendarDate, PageQuery, Text, Timestamp, Visibility } from './common.schema.js';
import { Priority, TaskSchema } from './task.schema.js';

const Key = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, "_", "." and "-", at most 64')
  .openapi({ example: 'kickoff' });

export const TemplateTaskSchema = z
  .object({
    key: Key.openapi({ description: 'Names the task within the template, for `after`' }),
    title: Text(500),
    description: z.string().max(50_000).default(''),
    visibility: Visibility.default('portal'),
    priority: Priority.default('medium'),
    due_in_days: z.number().int().min(0).max(3650).nullable().default(null).openapi({
      description: 'Due this many days after the start date (no `after`) or after the moment its `after` tasks are all done',
    }),
    assign_to: z.enum(['csm', 'contacts']).nullable().default(null).openapi({
      description: '`csm`: the staff user who applied the template (none for an API key); `contacts`: the customer\'s contacts with active portal access',
    }),
    after: z
      .array(Key)
      .max(50)
      .default([])
      .transform((keys) => [...new Set(keys)])
      .openapi({ description: 'Keys of the tasks that must all be done before this one is created' }),
  })
  .strict()
  .openapi('TemplateTask');
export type TemplateTask = z.infer<typeof TemplateTaskSchema>;

/** Unique keys, `after` naming tasks that exist, and no task waiting on itself through others. */
function checkGraph(tasks: TemplateTask[], ctx: z.RefinementCtx): void {
  const index = new Map<string, number>();
  tasks.forEach((task, i) => {
    const first = index.get(task.key);
    if (first !== undefined) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `duplicate key "${task.key}" (also tasks.${first})` });
    else index.set(task.key, i);
  });
  tasks.forEach((task, i) =>
    task.after.forEach((key, j) => {
      if (!index.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'after', j], message: `no task has the key "${key}"` });
    }),
  );
  const cycle = findCycle(tasks, index);
  if (cycle) ctx.addIssue({ code: 'custom', path: [], message: `the tasks wait on each other in a cycle: ${cycle.join(' → ')}` });
}

/** A cycle of `after` links as the keys along it (first key repeated at the end), or null. */
function findCycle(tasks: TemplateTask[], index: Map<string, number>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (key: string): string[] | null => {
    if (state.get(key) === 'done') return null;
    if (state.get(key) === 'visiting') return [...path.slice(path.indexOf(key)), key];
    state.set(key, 'visiting');
    path.push(key);
    for (const before of tasks[index.get(key)!]!.after) {
      if (!index.has(before)) continue;
      const cycle = visit(before);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(key, 'done');
    return null;
  };
  for (const task of tasks) {
    const cycle = visit(task.key);
    if (cycle) return cycle;
  }
  return null;
}

const TemplateTasks = z.array(TemplateTaskSchema).min(1).max(200).superRefine(checkGraph);

export const TemplateProjectSchema = z
  .object({
    name: Text(200),
    description: z.string().max(50_000).default(''),
    visibility: Visibility.default('portal'),
  })
  .strict()
  .openapi('TemplateProject');

export const CreateTemplateBody = z
  .object({ name: Text(200), project: TemplateProjectSchema, tasks: TemplateTasks })
  .strict()
  .openapi('CreateTemplate', {
    example: {
      name: 'Standard onboarding',
      project: { name: 'Onboarding' },
      tasks: [
        { key: 'kickoff', title: 'Kick-off call', visibility: 'portal', priority: 'high', due_in_days: 3, assign_to: 'csm' },
        { key: 'sso', title: 'Configure SSO', visibility: 'portal', due_in_days: 10, assign_to: 'contacts', after: ['kickoff'] },
        { key: 'risk', title: 'Check adoption risk', visibility: 'internal', after: ['sso'] },
      ],
    },
  });
export type CreateTemplateInput = z.infer<typeof CreateTemplateBody>;

export const UpdateTemplateBody = z
  .object({ name: Text(200).optional(), project: TemplateProjectSchema.optional(), tasks: TemplateTasks.optional() })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change')
  .openapi('UpdateTemplate', { description: '`project` and `tasks` replace the whole part. Projects already made from the template do not change.' });
export type UpdateTemplateInput = z.infer<typeof UpdateTemplateBody>;

export const TemplateSchema = z
  .object({
    id: z.string().openapi({ example: 'tpl_3kTMd92jf0aPq8sL1xQz7b' }),
    name: z.string(),
    project: TemplateProjectSchema,
    tasks: z.array(TemplateTaskSchema),
    created_by: z.string().nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('Template');
export type TemplateView = z.infer<typeof TemplateSchema>;

export const ListTemplatesQuery = PageQuery;

export const ApplyTemplateBody = z
  .object({
    customer_id: z.string().max(64),
    start_date: CalendarDate.optional().openapi({ description: 'What `due_in_days` of the first tasks counts from; default today (UTC)' }),
  })
  .strict()
  .openapi('ApplyTemplate');
export type ApplyTemplateInput = z.infer<typeof ApplyTemplateBody>;


export const AppliedTemplateSchema = z
  .object({ project: ProjectSchema, tasks: z.array(TaskSchema).openapi({ description: 'The tasks created now: those without `after`' }) })
  .openapi('AppliedTemplate');
