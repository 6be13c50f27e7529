import { z } from '@hono/zod-openapi';
import { PageQuery, Text, Timestamp, Visibility } from './common.schema.js';
import { PortalType } from './permission-set.schema.js';

export const FaqEntrySchema = z
  .object({
    id: z.string().openapi({ example: 'faq_3kTMd92jf0aPq8sL1xQz7b' }),
    portal_type: PortalType,
    category: z.string(),
    question: z.string(),
    answer: z.string().openapi({ description: 'Markdown' }),
    visibility: Visibility,
    views: z.number().int().optional().openapi({ description: 'The team only: how often contacts opened it' }),
    helpful: z.number().int().optional().openapi({ description: 'The team only' }),
    unhelpful: z.number().int().optional().openapi({ description: 'The team only' }),
    created_by: z.string().nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('FaqEntry');
export type FaqEntryView = z.infer<typeof FaqEntrySchema>;

const Answer = z.string().trim().min(1).max(20_000);
const Category = Text(80);

export const CreateFaqBody = z
  .object({
    question: Text(300),
    answer: Answer,
    category: Category,
    portal_type: PortalType.optional().openapi({ description: 'Default `customer`' }),
    visibility: Visibility.optional().openapi({ description: 'Default `portal`; `internal` is a draft' }),
  })
  .strict()
  .openapi('CreateFaqEntry');
export type CreateFaqInput = z.infer<typeof CreateFaqBody>;

export const UpdateFaqBody = z
  .object({
    question: Text(300).optional(),
    answer: Answer.optional(),
    category: Category.optional(),
    portal_type: PortalType.optional(),
    visibility: Visibility.optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change')
  .openapi('UpdateFaqEntry');
export type UpdateFaqInput = z.infer<typeof UpdateFaqBody>;

export const ListFaqQuery = PageQuery.extend({
  q: z.string().max(200).optional().openapi({ description: 'Keywords: every word must appear in the question or the answer' }),
  category: z.string().max(80).optional(),
  portal_type: PortalType.optional(),
  visibility: Visibility.optional(),
});
export type FaqFilters = z.infer<typeof ListFaqQuery>;

export const FeedbackBody = z
  .object({
    helpful: z.boolean(),
    comment: z.string().trim().max(2_000).optional(),
  })
  .strict()
  .openapi('FaqFeedback');
export type FeedbackInput = z.infer<typeof FeedbackBody>;

export const FeedbackResultSchema = z.object({ faq_id: z.string(), helpful: z.boolean(), comment: z.string().nullable(), created_at: Timestamp }).openapi('FaqFeedbackResult');

export const CategorySchema = z.object({ category: z.string(), entries: z.number().int() }).openapi('FaqCategory');

const StatEntry = z.object({
  id: z.string(),
  question: z.string(),
  category: z.string(),
  views: z.number().int(),
  helpful: z.number().int(),
  unhelpful: z.number().int(),
  helpful_rate: z.number().nullable().openapi({ description: 'helpful / (helpful + unhelpful); null before any feedback' }),
});

export const FaqStatsSchema = z
  .object({
    totals: z.object({ entries: z.number().int(), views: z.number().int(), helpful: z.number().int(), unhelpful: z.number().int() }),
    categories: z.array(z.object({ category: z.string(), entries: z.number().int(), views: z.number().int() })),
    most_viewed: z.array(StatEntry),
    least_helpful: z.array(
      StatEntry.extend({
        comments: z.array(z.object({ helpful: z.boolean(), comment: z.string(), created_at: Timestamp, user: z.object({ id: z.string(), name: z.string() }).nullable() })),
      }),
    ),
  })
  .openapi('FaqStats');
export type FaqStats = z.infer<typeof FaqStatsSchema>;

export const FaqStatsQuery = z.object({ portal_type: PortalType.optional(), limit: z.coerce.number().int().min(1).max(50).default(10) });
