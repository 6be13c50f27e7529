import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { authenticate } from './auth/authenticate.js';
import { embedTokenRoutes } from './auth/embed-token.routes.js';
import type { AppEnv, Deps } from './context.js';
import { ApiError } from './errors.js';
import { onError, onNotFound } from './lib/error-handler.js';
import { idempotency } from './lib/idempotency.js';
import { taskRoutes } from './tasks/task.routes.js';
import { eventStreamRoutes } from './events/event-stream.routes.js';
import { notificationRoutes } from './notifications/notification.routes.js';
import { webhookRoutes } from './webhooks/webhook.routes.js';

/** Paths under /v1 that need no credential. */
const PUBLIC_PATHS = [/^\/v1\/openapi\.json$/, /^\/v1\/auth\//];
/** Routes that take multipart uploads, and so the upload size limit. */
const UPLOAD_PATHS = [/^\/v1\/documents$/];

const tooLarge = (limit: number) => () => {
  throw new ApiError(413, 'payload_too_large', `The request body is larger than ${limit} bytes`);
};

/** The JSON limit, or the upload limit on upload routes (the blob store enforces the file's own size). */
const sizeLimits = (deps: Deps): MiddlewareHandler<AppEnv> => {
  const json = bodyLimit({ maxSize: deps.config.jsonBodyLimit, onError: tooLarge(deps.config.jsonBodyLimit) });
  const uploadMax = deps.config.uploadLimit + 1024 * 1024;
  const upload = bodyLimit({ maxSize: uploadMax, onError: tooLarge(deps.config.uploadLimit) });
  return (c, next) => (UPLOAD_PATHS.some((p) => p.test(c.req.path)) ? upload(c, next) : json(c, next));
};

/**
 * The whole service as one Hono app: shared middleware, every resource's routes, one error handler.
 * @example const app = createApp(await createDeps(loadConfig())); await app.request('/v1/me', { headers });
 */
export function createApp(deps: Deps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.onError(onError);
  app.notFound(onNotFound);

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
  });
  // Embed tokens travel in a header, never a cookie, so any origin may call; the tenant's
  // allowed origins are enforced on the request itself (see authenticate).
  app.use(
    '/v1/*',
    cors({
      origin: (origin) => origin || '*',
      allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'Last-Event-ID'],
      exposeHeaders: ['ETag', 'Retry-After', 'Idempotent-Replayed'],
      maxAge: 600,
    }),
  );
  app.use('/.well-known/*', cors({ origin: '*' }));
  app.use('/v1/*', sizeLimits(deps));
  app.use('/v1/*', async (c, next) => (PUBLIC_PATHS.some((p) => p.test(c.req.path)) ? next() : authenticate(c, next)));
  app.use('/v1/*', idempotency);

  app.route('/', embedTokenRoutes);
  app.route('/', taskRoutes);
  app.route('/', eventStreamRoutes);
  app.route('/', notificationRoutes);
  app.route('/', webhookRoutes);

  app.doc31('/v1/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'customer-portal', version: '1', description: 'The public API of the embeddable customer portal.' },
    servers: [{ url: deps.config.publicUrl }],
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key (`sk_…`) or an embed token',
  });
  return app;
}
