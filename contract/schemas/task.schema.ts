import { z } from '@hono/zod-openapi';
import { CalendarDate, commaList, NullableTimestamp, PageQuery, Text, Timestamp, Visibility } from './common.schema.js';
import { PRIORITIES, TASK_STATUSES } from '../values.js';

export const TaskStatus = z.enum(TASK_STATUSES);
export const Priority = z.enum(PRIORITIES);

export const TaskSchema = z
  .object({
    id: z.string().openapi({ example: 'tsk_3kTMd92jf0aPq8sL1xQz7b' }),
    customer_id: z.string(),
    project_id: z.string().nullable(),
    title: z.string(),
    description: z.string().openapi({ description: 'Markdown' }),
    status: TaskStatus,
    priority: Priority,
    visibility: Visibility,
    start_date: z.string().nullable().openapi({ format: 'date', description: 'When work starts (the timeline bar begins here, else at creation)' }),
    due_date: z.string().nullable().openapi({ format: 'date' }),
    milestone_id: z.string().nullable(),
    deal_id: z.string().nullable().openapi({ description: 'The deal this task is work of (a registration\'s co-selling workspace); set at creation' }),
    assignee_ids: z.array(z.string()),
    created_by: z.string().nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
    completed_at: NullableTimestamp,
    version: z.number().int(),
  })
  .openapi('Task');
export type TaskView = z.infer<typeof TaskSchema>;

const AssigneeIds = z.array(z.string().max(64)).max(50);
const Description = z.string().max(50_000);

export const CreateTaskBody = z
  .object({
    customer_id: z.string().max(64).optional().openapi({ description: 'Required unless `project_id` gives it; a contact may omit it' }),
    project_id: z.string().max(64).nullable().optional(),
    title: Text(500),
    description: Description.optional(),
    status: TaskStatus.optional(),
    priority: Priority.optional(),
    visibility: Visibility.optional().openapi({ description: 'Default `portal`; a contact may not set `internal`' }),
    start_date: CalendarDate.nullable().optional().openapi({ description: 'On or before `due_date`' }),
    due_date: CalendarDate.nullable().optional(),
    milestone_id: z.string().max(64).nullable().optional().openapi({ description: 'A milestone of the task’s project' }),
    deal_id: z.string().max(64).nullable().optional().openapi({ description: 'A deal the caller may work on: the task belongs to the deal\'s customer and is seen only by who may see the deal' }),
    assignee_ids: AssigneeIds.optional(),
  })
  .strict()
  .openapi('CreateTask');
export type CreateTaskInput = z.infer<typeof CreateTaskBody>;

export const UpdateTaskBody = z
  .object({
    project_id: z.string().max(64).nullable().optional(),
    title: Text(500).optional(),
    description: Description.optional(),
    status: TaskStatus.optional(),
    priority: Priority.optional(),
    visibility: Visibility.optional(),
    start_date: CalendarDate.nullable().optional(),
    due_date: CalendarDate.nullable().optional(),
    milestone_id: z.string().max(64).nullable().optional(),
    assignee_ids: AssigneeIds.optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change')
  .openapi('UpdateTask');
export type UpdateTaskInput = z.infer<typeof UpdateTaskBody>;

export const ListTasksQuery = PageQuery.extend({
  customer_id: z.string().max(64).optional(),
  project_id: z.string().max(64).optional(),
  milestone_id: z.string().max(64).optional(),
  deal_id: z.string().max(64).optional().openapi({ description: 'The work of one deal (a registration\'s co-selling workspace)' }),
  status: commaList(TaskStatus).optional().openapi({ type: 'string', example: 'todo,in_progress' }),
  priority: commaList(Priority).optional().openapi({ type: 'string', example: 'high,urgent' }),
  assignee_id: z.string().max(64).optional().openapi({ description: 'A user id, or `me`' }),
  q: z.string().trim().max(200).optional().openapi({ description: 'Keywords, all of which appear in the title or description' }),
  due_before: CalendarDate.optional(),
  visibility: Visibility.optional().openapi({ description: 'API keys and staff only' }),
});
export type TaskFilters = z.infer<typeof ListTasksQuery>;
