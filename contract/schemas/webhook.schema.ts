import { z } from '@hono/zod-openapi';
import { NullableTimestamp, Timestamp } from './common.schema.js';

/** Where the service POSTs (http or https). */
export const WebhookUrl = z
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
