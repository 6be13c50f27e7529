import { z } from '@hono/zod-openapi';
import { CalendarDate, PageQuery, Text, Timestamp, Visibility } from './common.schema.js';

export const MilestoneStatus = z.enum(['upcoming', 'at_risk', 'reached', 'missed']);

export const MilestoneSchema = z
  .object({
    id: z.string().openapi({ example: 'mil_3kTMd92jf0aPq8sL1xQz7b' }),
    customer_id: z.string(),
    project_id: z.string(),
    name: z.string(),
    description: z.string().openapi({ description: 'Markdown' }),
    due_date: z.string().openapi({ format: 'date' }),
    visibility: Visibility,
    status: MilestoneStatus.openapi({
      description:
        '`reached` when every task of it is done, `missed` when its date passed unreached, `at_risk` when an open task of it is overdue or due after it, else `upcoming`. A portal milestone counts its portal tasks only.',
    }),
    task_count: z.number().int(),
    done_count: z.number().int(),
    created_by: z.string().nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('Milestone');
export type MilestoneView = z.infer<typeof MilestoneSchema>;

const Description = z.string().max(20_000);

export const CreateMilestoneBody = z
  .object({
    project_id: z.string().max(64),
    customer_id: z.string().max(64).optional().openapi({ description: 'Optional: when given, it must be the project’s customer' }),
    name: Text(200),
    description: Description.optional(),
    due_date: CalendarDate,
    visibility: Visibility.optional().openapi({ description: 'Default `portal`' }),
  })
  .strict()
  .openapi('CreateMilestone');
export type CreateMilestoneInput = z.infer<typeof CreateMilestoneBody>;

export const UpdateMilestoneBody = z
  .object({
    name: Text(200).optional(),
    description: Description.optional(),
    due_date: CalendarDate.optional(),
    visibility: Visibility.optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change')
  .openapi('UpdateMilestone');
export type UpdateMilestoneInput = z.infer<typeof UpdateMilestoneBody>;

export const ListMilestonesQuery = PageQuery.extend({
  customer_id: z.string().max(64).optional(),
  project_id: z.string().max(64).optional(),
  due_from: CalendarDate.optional().openapi({ description: 'Only milestones due on or after this date' }),
});
export type MilestoneFilters = z.infer<typeof ListMilestonesQuery>;
