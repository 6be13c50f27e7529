import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { activityRoutes } from './activity/activity.routes.js';
import { authenticate } from './auth/authenticate.js';
import { assetRoutes } from './assets/asset.routes.js';
import { embedTokenRoutes } from './auth/embed-token.routes.js';
import { magicLinkRoutes } from './auth/magic-link.routes.js';
import { mfaPageRoutes } from './mfa/mfa-page.routes.js';
import { ssoRoutes } from './sso/sso.routes.js';
import { accessRequestRoutes } from './access-requests/access-request.routes.js';
import { commentRoutes } from './comments/comment.routes.js';
import { threadRoutes } from './threads/thread.routes.js';
import { approvalRoutes } from './approvals/approval.routes.js';
import { requestRoutes } from './requests/request.routes.js';
import { requestTypeRoutes } from './requests/request-type.routes.js';
import type { AppEnv, Deps } from './context.js';
import { customerRoutes } from './customers/customer.routes.js';
import { dealRoutes } from './commercial/deals/deal.routes.js';
import { financialDocumentRoutes } from './commercial/finance/financial-document.routes.js';
import { partnerRoutes } from './commercial/partners/partner.routes.js';
import { referralRoutes } from './commercial/partners/referral.routes.js';
import { registrationRoutes } from './commercial/partners/registration.routes.js';
import { documentRoutes } from './documents/document.routes.js';
import { documentPreviewRoutes } from './documents/document-preview.routes.js';
import { documentMediaRoutes } from './documents/document-media.routes.js';
import { documentVersionRoutes } from './documents/document-version.routes.js';
import { resumableUploadRoutes } from './documents/resumable-upload.routes.js';
import { folderRoutes } from './folders/folder.routes.js';
import { ApiError } from './errors.js';
import { eventStreamRoutes } from './events/event-stream.routes.js';
import { hostedRoutes } from './hosted/hosted.routes.js';
import { contactImportRoutes } from './imports/contact-import.routes.js';
import { inviteRoutes } from './invites/invite.routes.js';
import { jsonBodyLimit, streamingBodyLimit } from './lib/body-limit.js';
import { apiCors } from './lib/cors.js';
import { onError, onNotFound } from './lib/error-handler.js';
import { requestContext } from './lib/request-context.js';
import { closeUnreadBodies } from './lib/unread-body.js';
import { idempotency } from './lib/idempotency.js';
import { meRoutes } from './me/me.routes.js';
import { notificationRoutes } from './notifications/notification.routes.js';
import { peopleRoutes } from './people/people.routes.js';
import { permissionSetRoutes } from './permission-sets/permission-set.routes.js';
import { privacyRoutes } from './privacy/privacy.routes.js';
import { projectRoutes } from './projects/project.routes.js';
import { mySessionRoutes } from './sessions/my-sessions.routes.js';
import { mfaRoutes } from './mfa/mfa.routes.js';
import { sessionRoutes } from './sessions/session.routes.js';
import { statsRoutes } from './stats/stats.routes.js';
import { analyticsRoutes } from './analytics/analytics.routes.js';
import { milestoneRoutes } from './milestones/milestone.routes.js';
import { goalRoutes } from './goals/goal.routes.js';
import { pageRoutes } from './pages/page.routes.js';
import { faqRoutes } from './faq/faq.routes.js';
import { taskRoutes } from './tasks/task.routes.js';
import { templateRoutes } from './templates/template.routes.js';
import { brandingRoutes } from './tenants/branding.routes.js';
import { settingsRoutes } from './tenants/settings.routes.js';
import { userRoutes } from './users/user.routes.js';
import { webhookRoutes } from './webhooks/webhook.routes.js';

/** Paths under /v1 that need no credential. */
/** Without a credential: the contract, sign-in, and media by their signed address (`document-media.routes.ts`). */
const PUBLIC_PATHS = [/^\/v1\/openapi\.json$/, /^\/v1\/auth\//, /^\/v1\/media\/[^/]+$/];
/** Routes that take multipart uploads, and so the upload size limit. */
const UPLOAD_PATHS = [/^\/v1\/documents$/, /^\/v1\/documents\/[^/]+\/versions$/, /^\/v1\/uploads\/[^/]+$/];

const tooLargeError = (limit: number) => new ApiError(413, 'payload_too_large', `The request body is larger than ${limit} bytes`);

/** The JSON limit, or the upload limit on upload routes (the blob store enforces the file's own size). */
const sizeLimits = (deps: Deps): MiddlewareHandler<AppEnv> => {
  const json = jsonBodyLimit(deps.config.jsonBodyLimit, () => tooLargeError(deps.config.jsonBodyLimit));
  const uploadMax = deps.config.uploadLimit + 1024 * 1024;
  const upload = streamingBodyLimit(uploadMax, () => tooLargeError(deps.config.uploadLimit));
  return (c, next) => {
    // Reads carry no body; looking for one would build the full Request object for nothing.
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();
    return UPLOAD_PATHS.some((p) => p.test(c.req.path)) ? upload(c, next) : json(c, next);
  };
};

/**
 * The whole service as one Hono app: shared middleware, every resource's routes, one error handler.
 * @example const app = createApp(await createDeps(loadConfig())); await app.request('/v1/me', { headers });
 */
export function createApp(deps: Deps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.onError(onError);
  app.notFound(onNotFound);

  app.use('*', closeUnreadBodies);
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    // Set before the handler runs, so it joins the response as it is built.
    c.header('X-Content-Type-Options', 'nosniff');
    await next();
  });
  app.use('*', requestContext);
  app.use('/v1/*', apiCors);
  app.use('/.well-known/*', apiCors);
  app.use('/v1/*', sizeLimits(deps));
  app.use('/v1/*', async (c, next) => (PUBLIC_PATHS.some((p) => p.test(c.req.path)) ? next() : authenticate(c, next)));
  app.use('/v1/*', idempotency);

  app.route('/', embedTokenRoutes);
  app.route('/', taskRoutes);
  app.route('/', milestoneRoutes);
  app.route('/', goalRoutes);
  app.route('/', pageRoutes);
  app.route('/', faqRoutes);
  app.route('/', customerRoutes);
  app.route('/', projectRoutes);
  app.route('/', userRoutes);
  app.route('/', privacyRoutes);
  app.route('/', peopleRoutes);
  app.route('/', statsRoutes);
  app.route('/', analyticsRoutes);
  app.route('/', magicLinkRoutes);
  app.route('/', mfaPageRoutes);
  app.route('/', ssoRoutes);
  app.route('/', accessRequestRoutes);
  app.route('/', sessionRoutes);
  app.route('/', hostedRoutes);
  app.route('/', inviteRoutes);
  app.route('/', contactImportRoutes);
  app.route('/', templateRoutes);
  app.route('/', activityRoutes);
  app.route('/', documentRoutes);
  app.route('/', documentVersionRoutes);
  app.route('/', resumableUploadRoutes);
  app.route('/', documentPreviewRoutes);
  app.route('/', documentMediaRoutes);
  app.route('/', folderRoutes);
  app.route('/', commentRoutes);
  app.route('/', threadRoutes);
  app.route('/', approvalRoutes);
  app.route('/', requestTypeRoutes);
  app.route('/', requestRoutes);
  app.route('/', brandingRoutes);
  app.route('/', settingsRoutes);
  app.route('/', meRoutes);
  app.route('/', mySessionRoutes);
  app.route('/', mfaRoutes);
  app.route('/', eventStreamRoutes);
  app.route('/', notificationRoutes);
  app.route('/', webhookRoutes);
  app.route('/', permissionSetRoutes);
  app.route('/', assetRoutes);
  app.route('/', financialDocumentRoutes);
  app.route('/', dealRoutes);
  app.route('/', referralRoutes);
  app.route('/', registrationRoutes);
  app.route('/', partnerRoutes);

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
