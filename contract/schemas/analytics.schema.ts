import { z } from '@hono/zod-openapi';
import { ANALYTICS_VIEWS } from '../analytics-views.js';
import { CalendarDate, NullableTimestamp } from './common.schema.js';

/** The most views one beacon may carry (the widget sends at most 20). */
export const MAX_BATCH = 50;

const ViewItem = z
  .object({
    view: z.enum(ANALYTICS_VIEWS).openapi({ description: 'What was opened: a widget view, or a page inside one (`task`, `project`, `document`)' }),
    subject_id: z
      .string()
      .regex(/^[a-z]{3}_[A-Za-z0-9]{1,40}$/, 'an id such as tsk_…')
      .optional()
      .openapi({ description: 'The task, project or document opened, when the view shows one' }),
  })
  .strict();

/** `POST /v1/analytics/views`: one view, or a batch of them as `{views: [...]}`. */
export const ViewBeaconBody = z
  .union([ViewItem, z.object({ views: z.array(ViewItem).min(1).max(MAX_BATCH) }).strict()])
  .openapi('ViewBeacon');
export type ViewBeaconInput = z.infer<typeof ViewBeaconBody>;
export type ViewItemInput = z.infer<typeof ViewItem>;

export const ViewBeaconResult = z.object({ recorded: z.number().int().openapi({ description: 'Views counted (a staff member’s are not customer engagement: 0)' }) }).openapi('ViewBeaconResult');

/** The longest range one analytics query covers. */
export const MAX_RANGE_DAYS = 400;

export const AnalyticsQuery = z.object({
  customer_id: z.string().max(64).optional().openapi({ description: 'One customer; absent: every customer of the tenant' }),
  from: CalendarDate.optional().openapi({ description: 'First UTC day (default: 29 days before `to`)' }),
  to: CalendarDate.optional().openapi({ description: 'Last UTC day, included (default: today)' }),
  interval: z.enum(['day', 'week']).default('day').openapi({ description: '`week` buckets start on Monday' }),
});
export type AnalyticsFilters = z.infer<typeof AnalyticsQuery>;

const Count = z.number().int();

export const AnalyticsPoint = z.object({
  start: CalendarDate.openapi({ description: 'The bucket’s first day' }),
  active_users: Count.openapi({ description: 'Contacts who opened a view or did anything' }),
  sessions: Count.openapi({ description: 'Sittings: views of one person no more than 30 minutes apart, counted on the day they began' }),
  median_session_minutes: z.number().nullable().openapi({ description: 'From first to last view of a sitting; null without sessions' }),
  views_by_view: z.record(z.string(), Count),
  downloads: Count,
  messages: Count,
  requests: Count,
  approvals: Count,
});

export const AnalyticsSchema = z
  .object({
    customer_id: z.string().nullable(),
    from: CalendarDate,
    to: CalendarDate,
    interval: z.enum(['day', 'week']),
    series: z.array(AnalyticsPoint),
  })
  .openapi('Analytics');
export type AnalyticsView = z.infer<typeof AnalyticsSchema>;
export type AnalyticsPointView = z.infer<typeof AnalyticsPoint>;

export const TRENDS = ['rising', 'steady', 'declining', 'spike'] as const;
export type Trend = (typeof TRENDS)[number];

export const EngagementSchema = z
  .object({
    customer_id: z.string(),
    score: z.number().int().min(0).max(100),
    trend: z.enum(TRENDS),
    last_active_at: NullableTimestamp,
    signals: z
      .array(
        z.object({
          code: z.enum(['active_contacts', 'active_days', 'views_used', 'actions', 'last_week', 'inactive_days']),
          value: z.number(),
          of: z.number().optional().openapi({ description: 'What `value` is measured against (contacts, the weekly average before, …)' }),
          points: z.number().int().optional().openapi({ description: 'What it adds to the score' }),
        }),
      )
      .openapi({ description: 'What the score and trend were computed from (docs/decisions/engagement.md)' }),
  })
  .openapi('Engagement');
export type EngagementView = z.infer<typeof EngagementSchema>;
