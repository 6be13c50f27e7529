import { z } from '@hono/zod-openapi';

/** The contract's building blocks, defined once in `contract/` (the widget derives its types from them). */
export { CalendarDate, NullableTimestamp, PageQuery, Text, Timestamp, Visibility, page } from '../../contract/schemas/common.schema.js';

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

/** An id path parameter with its prefix, e.g. `IdParam('tsk')`. */
export const IdParam = (prefix: string) =>
  z.object({ id: z.string().max(64).openapi({ param: { name: 'id', in: 'path' }, example: `${prefix}_3kTMd92jf0aPq8sL1xQz7b` }) });
