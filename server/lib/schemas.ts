import { z } from '@hono/zod-openapi';

/** The error body of every 4xx, as the OpenAPI document shows it. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'not_found' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

/** The error responses most routes share. */
export const errorResponses = {
  400: errorResponse('Invalid input; `details` lists the failing fields'),
  401: errorResponse('Missing, bad or expired credential'),
  403: errorResponse('Not allowed for this caller'),
  404: errorResponse('Absent, or not visible to this caller'),
  409: errorResponse('Version conflict, or the same Idempotency-Key still running'),
  413: errorResponse('Body too large'),
  415: errorResponse('Unsupported media type'),
  422: errorResponse('Idempotency-Key reused with another body'),
  429: errorResponse('Too many requests; see Retry-After'),
} as const;

/** A JSON response of `schema` for the OpenAPI document. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A required JSON request body of `schema`. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

/** `{data, next_cursor}` around a list of `item`. */
export const page = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), next_cursor: z.string().nullable() });

/** `?limit=&cursor=` of every list. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ example: 50 }),
  cursor: z.string().max(500).optional(),
});

export const Visibility = z.enum(['portal', 'internal']);
export const Timestamp = z.string().openapi({ format: 'date-time', example: '2026-11-25T09:00:00.000Z' });
export const NullableTimestamp = Timestamp.nullable();

/** A calendar date that exists: `2026-02-30` is refused. */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'not a calendar date')
  .openapi({ format: 'date', example: '2026-12-01' });

/** An id path parameter with its prefix, e.g. `IdParam('tsk')`. */
export const IdParam = (prefix: string) =>
  z.object({ id: z.string().max(64).openapi({ param: { name: 'id', in: 'path' }, example: `${prefix}_3kTMd92jf0aPq8sL1xQz7b` }) });

/** Text that must hold something besides spaces. */
export const Text = (max: number) => z.string().trim().min(1).max(max);
