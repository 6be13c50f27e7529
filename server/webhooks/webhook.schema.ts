import { z } from '@hono/zod-openapi';
import { EVENT_TYPES } from '../events/event-types.js';
import { NullableTimestamp, Timestamp } from '../lib/schemas.js';

/** Every event of the log but the security bookkeeping (`tenant.tokens_revoked`); `*` means all of them. */
export const WEBHOOK_EVENT_TYPES = EVENT_TYPES.filter((type) => type !== 'tenant.tokens_revoked');
const WebhookEventType = z.enum([...WEBHOOK_EVENT_TYPES, '*']);

const WebhookUrl = z
  .url({ protocol: /^https?$/, error: 'expected an http or https URL' })
  .max(2000)
  .openapi({ example: 'https://api.vendor.test/hooks/portal' });

export const WebhookEndpointSchema = z
  .object({
    id: z.string().openapi({ example: 'whe_3kTMd92jf0aPq8sL1xQz7b' }),
    url: z.string(),
    events: z.array(z.string()),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .openapi('WebhookEndpoint');
export type WebhookEndpointView = z.infer<typeof WebhookEndpointSchema>;

export const CreatedWebhookEndpoint = WebhookEndpointSchema.extend({
  secret: z.string().openapi({ description: 'Shown once: `whsec_…`; the HMAC key is the base64 after the prefix', example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }),
}).openapi('CreatedWebhookEndpoint');

export const CreateWebhookEndpointBody = z
  .object({ url: WebhookUrl, events: z.array(WebhookEventType).min(1).max(50) })
  .strict()
  .openapi('CreateWebhookEndpoint', { example: { url: 'https://api.vendor.test/hooks/portal', events: ['task.created', 'comment.created'] } });
export type CreateWebhookEndpointInput = z.infer<typeof CreateWebhookEndpointBody>;

export const UpdateWebhookEndpointBody = CreateWebhookEndpointBody.partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'send at least one field to change')
  .openapi('UpdateWebhookEndpoint');
export type UpdateWebhookEndpointInput = z.infer<typeof UpdateWebhookEndpointBody>;

export const WebhookAttemptSchema = z
  .object({
    attempt: z.number().int(),
    started_at: Timestamp,
    duration_ms: z.number().int(),
    response_status: z.number().int().nullable(),
    error: z.string().nullable().openapi({ description: 'Why the attempt failed; null when it got a 2xx' }),
  })
  .openapi('WebhookAttempt');

export const WebhookDeliverySchema = z
  .object({
    id: z.string().openapi({ description: 'The `webhook-id` header of every attempt', example: 'msg_3kTMd92jf0aPq8sL1xQz7b' }),
    event_id: z.number().int(),
    type: z.string(),
    status: z.enum(['pending', 'succeeded', 'failed']),
    attempt_count: z.number().int(),
    next_attempt_at: NullableTimestamp,
    created_at: Timestamp,
    completed_at: NullableTimestamp,
    attempts: z.array(WebhookAttemptSchema),
  })
  .openapi('WebhookDelivery');
export type WebhookDeliveryView = z.infer<typeof WebhookDeliverySchema>;
