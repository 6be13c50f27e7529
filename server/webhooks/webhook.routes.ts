import { createRoute, z } from '@hono/zod-openapi';
import { allow } from '../auth/policy.js';
import { createRouter } from '../lib/router.js';
import { IdParam, PageQuery, errorResponses, json, jsonBody, page } from '../lib/schemas.js';
import { createEndpoint, deleteEndpoint, getEndpoint, listDeliveries, listEndpoints, retryDelivery, updateEndpoint } from './webhook.repository.js';
import {
  CreateWebhookEndpointBody,
  CreatedWebhookEndpoint,
  UpdateWebhookEndpointBody,
  WebhookDeliverySchema,
  WebhookEndpointSchema,
} from './webhook.schema.js';

const tags = ['Webhooks'];

/** `/v1/webhook-endpoints`: the vendor backend's subscriptions (API key only). */
export const webhookRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/webhook-endpoints',
      middleware: [allow('webhooks.manage')] as const,
      tags,
      summary: 'Register an endpoint; its secret is shown in this answer only',
      request: { body: jsonBody(CreateWebhookEndpointBody) },
      responses: { 201: json(CreatedWebhookEndpoint, 'The endpoint and its signing secret'), ...errorResponses },
    }),
    async (c) => {
      const { db, config } = c.var.deps;
      return c.json(await createEndpoint(db, c.var.principal, c.req.valid('json'), config.webhookAllowPrivate), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/webhook-endpoints',
      middleware: [allow('webhooks.manage')] as const,
      tags,
      summary: "List the tenant's endpoints",
      request: { query: PageQuery },
      responses: { 200: json(page(WebhookEndpointSchema), 'A page of endpoints'), ...errorResponses },
    }),
    async (c) => {
      return c.json(await listEndpoints(c.var.deps.db, c.var.principal, c.req.valid('query')), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/webhook-endpoints/{id}',
      middleware: [allow('webhooks.manage')] as const,
      tags,
      summary: 'Read an endpoint',
      request: { params: IdParam('whe') },
      responses: { 200: json(WebhookEndpointSchema, 'The endpoint'), ...errorResponses },
    }),
    async (c) => {
      return c.json(await getEndpoint(c.var.deps.db, c.var.principal, c.req.valid('param').id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/webhook-endpoints/{id}',
      middleware: [allow('webhooks.manage')] as const,
      tags,
      summary: "Change an endpoint's URL or events",
      request: { params: IdParam('whe'), body: jsonBody(UpdateWebhookEndpointBody) },
      responses: { 200: json(WebhookEndpointSchema, 'The changed endpoint'), ...errorResponses },
    }),
    async (c) => {
      const { db, config } = c.var.deps;
      return c.json(await updateEndpoint(db, c.var.principal, c.req.valid('param').id, c.req.valid('json'), config.webhookAllowPrivate), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/webhook-endpoints/{id}',
      middleware: [allow('webhooks.manage')] as const,
      tags,
      summary: 'Delete an endpoint and its pending deliveries',
      request: { params: IdParam('whe') },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      await deleteEndpoint(c.var.deps.db, c.var.principal, c.req.valid('param').id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/webhook-endpoints/{id}/deliveries',
      middleware: [allow('webhooks.manage')] as const,
      tags,
      summary: "An endpoint's deliveries, newest first, with every attempt",
      request: { params: IdParam('whe'), query: PageQuery },
      responses: { 200: json(page(WebhookDeliverySchema), 'A page of deliveries'), ...errorResponses },
    }),
    async (c) => {
      return c.json(await listDeliveries(c.var.deps.db, c.var.principal, c.req.valid('param').id, c.req.valid('query')), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/webhook-endpoints/{id}/deliveries/{delivery_id}/retry',
      middleware: [allow('webhooks.manage')] as const,
      tags,
      summary: 'Send a delivery again now (a failed one gets one more attempt; a succeeded one is sent again with the same webhook-id)',
      request: { params: IdParam('whe').extend({ delivery_id: z.string().max(64).openapi({ param: { name: 'delivery_id', in: 'path' }, example: 'msg_3kTMd92jf0aPq8sL1xQz7b' }) }) },
      responses: { 200: json(WebhookDeliverySchema, 'The delivery, due now'), ...errorResponses },
    }),
    async (c) => {
      const { id, delivery_id } = c.req.valid('param');
      return c.json(await retryDelivery(c.var.deps.db, c.var.principal, id, delivery_id), 200);
    },
  );
