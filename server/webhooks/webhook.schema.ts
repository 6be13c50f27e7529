import { z } from '@hono/zod-openapi';
import { WebhookUrl } from '../../contract/schemas/webhook.schema.js';
import { EVENT_TYPES } from '../events/event-types.js';

/** Defined once in the contract (`contract/`), which the admin's types derive from; the bodies name the event types, which are the service's. */
export * from '../../contract/schemas/webhook.schema.js';

/** Every event of the log but the security bookkeeping (`tenant.tokens_revoked`); `*` means all of them. */
export const WEBHOOK_EVENT_TYPES = EVENT_TYPES.filter((type) => type !== 'tenant.tokens_revoked');
const WebhookEventType = z.enum([...WEBHOOK_EVENT_TYPES, '*']);

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
