import { z } from '@hono/zod-openapi';
import { GOAL_STATUSES } from '../goal-statuses.js';
import { CalendarDate, PageQuery, Text, Timestamp, Visibility } from './common.schema.js';

export const GoalStatus = z.enum(GOAL_STATUSES);

const Amount = z.number().finite().min(-1e12).max(1e12);

export const Metric = z
  .object({
    unit: z.string().trim().max(40).openapi({ example: 'open tickets' }),
    start: Amount.openapi({ example: 120 }),
    target: Amount.openapi({ example: 40 }),
  })
  .strict()
  .refine((m) => m.start !== m.target, { message: 'target must differ from start', path: ['target'] })
  .openapi('GoalMetric', { description: 'Where the measure starts and where the goal puts it; the target may be below the start (reduce tickets).' });

const Owner = z.object({ id: z.string(), name: z.string(), role: z.enum(['staff', 'contact']) });

export const GoalSchema = z
  .object({
    id: z.string().openapi({ example: 'gol_3kTMd92jf0aPq8sL1xQz7b' }),
    customer_id: z.string(),
    title: z.string(),
    description: z.string().openapi({ description: 'Markdown' }),
    metric: z.object({ unit: z.string(), start: z.number(), target: z.number() }).nullable(),
    current: z.number().nullable().openapi({ description: 'The value of the latest update; null before the first, or without a metric' }),
    progress: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .openapi({ description: 'From start (0) to target (1), clamped; also when the target is below the start. Null without a metric.' }),
    due_date: z.string().nullable().openapi({ format: 'date' }),
    status: GoalStatus,
    visibility: Visibility,
    owner_ids: z.array(z.string()),
    owners: z.array(Owner).openapi({ description: 'The owners the caller may see, with their names' }),
    update_count: z.number().int(),
    last_update_at: Timestamp.nullable(),
    created_by: z.string().nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('Goal');
export type GoalView = z.infer<typeof GoalSchema>;

const Description = z.string().max(20_000);
const OwnerIds = z.array(z.string().max(64)).max(20).openapi({ description: 'Staff of the tenant and contacts of the goal’s customer' });

export const CreateGoalBody = z
  .object({
    customer_id: z.string().max(64),
    title: Text(200),
    description: Description.optional(),
    metric: Metric.nullable().optional(),
    due_date: CalendarDate.nullable().optional(),
    status: GoalStatus.optional().openapi({ description: 'Default `on_track`' }),
    visibility: Visibility.optional().openapi({ description: 'Default `portal`' }),
    owner_ids: OwnerIds.optional(),
  })
  .strict()
  .openapi('CreateGoal');
export type CreateGoalInput = z.infer<typeof CreateGoalBody>;

export const UpdateGoalBody = z
  .object({
    title: Text(200).optional(),
    description: Description.optional(),
    metric: Metric.nullable().optional().openapi({ description: 'Null removes the metric (only before the first value is recorded)' }),
    due_date: CalendarDate.nullable().optional(),
    status: GoalStatus.optional(),
    visibility: Visibility.optional(),
    owner_ids: OwnerIds.optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change')
  .openapi('UpdateGoal');
export type UpdateGoalInput = z.infer<typeof UpdateGoalBody>;

export const ListGoalsQuery = PageQuery.extend({
  customer_id: z.string().max(64).optional(),
  status: GoalStatus.optional(),
  owner_id: z.string().max(64).optional().openapi({ description: '`me` allowed' }),
  visibility: Visibility.optional().openapi({ description: 'Key and staff only' }),
});
export type GoalFilters = z.infer<typeof ListGoalsQuery>;

export const GoalUpdateSchema = z
  .object({
    id: z.string(),
    goal_id: z.string(),
    value: z.number().nullable(),
    note: z.string(),
    created_by: z.string().nullable(),
    author: z.object({ id: z.string(), name: z.string(), role: z.enum(['staff', 'contact']) }).nullable(),
    created_at: Timestamp,
  })
  .openapi('GoalUpdate');
export type GoalUpdateView = z.infer<typeof GoalUpdateSchema>;

export const RecordProgressBody = z
  .object({
    value: Amount.optional().openapi({ description: 'Required when the goal has a metric; refused when it has none' }),
    note: z.string().trim().max(5_000).optional().openapi({ description: 'Required when the goal has no metric' }),
  })
  .strict()
  .openapi('RecordGoalProgress');
export type RecordProgressInput = z.infer<typeof RecordProgressBody>;
