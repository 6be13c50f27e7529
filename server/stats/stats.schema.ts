import { z } from '@hono/zod-openapi';

export const StatsQuery = z.object({
  customer_id: z.string().max(64).optional().openapi({ description: "One customer's work (API keys and staff; a contact's is always its own)" }),
  assignee_id: z.string().max(64).optional().openapi({ description: 'Only tasks assigned to this user id, or `me`' }),
});
export type StatsFilters = z.infer<typeof StatsQuery>;

const Count = z.number().int();

export const StatsSchema = z
  .object({
    tasks: z.object({ todo: Count, in_progress: Count, blocked: Count, done: Count, overdue: Count.openapi({ description: 'Not done, due before today (UTC)' }) }),
    projects: z
      .array(
        z.object({
          id: z.string(),
          name: z.string(),
          done: Count,
          total: Count,
          next_due_task_id: z.string().nullable().openapi({ description: 'The open task with the earliest due date' }),
        }),
      )
      .openapi({ description: 'The active projects the caller can see, oldest first (at most 200)' }),
  })
  .openapi('Stats');
export type StatsView = z.infer<typeof StatsSchema>;
