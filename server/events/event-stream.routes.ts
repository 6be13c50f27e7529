import type { ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { createRoute, z } from '@hono/zod-openapi';
import { allow, personOf } from '../auth/policy.js';
import { requestFacts, resolvePrincipal, type RequestFacts } from '../auth/authenticate.js';
import { audienceKey } from '../auth/grants.js';
import { ApiError, invalid } from '../errors.js';
import { clientIp } from '../lib/client-ip.js';
import { createRouter } from '../lib/router.js';
import { errorResponses } from '../lib/schemas.js';
import { LiveStream } from './live-stream.js';

const EventId = z.string().regex(/^\d{1,15}$/, 'an event id');

/** The resume point: the `Last-Event-ID` header (what EventSource sends), else `?last_event_id=`. */
function resumePoint(header: string | undefined, query: string | undefined): number | null {
  const raw = header?.trim() || query;
  if (raw === undefined || raw === '') return null;
  if (!EventId.safeParse(raw).success) throw invalid('Invalid Last-Event-ID', [{ path: 'Last-Event-ID', message: 'expected an event id this stream sent' }]);
  return Number(raw);
}

/** `GET /v1/events`: the live stream of the log, for embed tokens. */
export const eventStreamRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/v1/events',
    middleware: [allow('events.stream')] as const,
    tags: ['Live events'],
    summary: 'Server-Sent Events: every change the caller may see, as it happens',
    description:
      'Each event: `id:` (the event id), `event:` (its type) and `data:` (`{id, type, customer_id, subject_id, task_id, actor_id, created_at, data}`). ' +
      '`Last-Event-ID` (or `?last_event_id=`) resumes after that id. New in-app notifications arrive as `event: notification.created` without an id. ' +
      '`: ping` every 15 s. When access ends: `event: access.revoked`, then the stream closes; it also closes when the token expires.',
    request: {
      query: z.object({ last_event_id: EventId.optional() }),
      headers: z.object({ 'last-event-id': z.string().optional().openapi({ description: 'Resume after this event id' }) }),
    },
    responses: {
      200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    const principal = personOf(c.var.principal);
    const resumeAfter = resumePoint(c.req.header('last-event-id'), c.req.valid('query').last_event_id);
    const { deps } = c.var;
    const credential = c.req.header('authorization')!.replace(/^Bearer\s+/i, '').trim();
    const claims = await deps.tokens.verify(credential);
    // The stream outlives the request: it keeps these few facts to ask again, not the context.
    const ip = clientIp(c);
    const facts: RequestFacts = { ...requestFacts(c), ip: () => ip };
    const recheck = async (): Promise<string | null> => {
      try {
        const { principal: now } = await resolvePrincipal(facts, credential);
        // What the person may see changed (capabilities, memberships): the stream ends quietly
        // and the widget reconnects with Last-Event-ID, under the principal it now has.
        if (audienceKey(now) !== audienceKey(principal)) stream.close();
        return null;
      } catch (error) {
        // Only a refusal ends the stream; a database that is briefly away does not.
        return error instanceof ApiError ? error.code : null;
      }
    };
    const stream = new LiveStream(principal, claims.expiresAt * 1000, recheck);
    stream.comment('connected');
    await deps.live.open(stream, resumeAfter);
    const headers = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' };
    // Under the Node server the stream writes into the response itself (live-stream.ts says why),
    // with the head c.body would send: the headers set before (CORS) must reach the browser.
    const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
    if (outgoing) {
      outgoing.writeHead(200, Object.fromEntries(c.body(null, 200, headers).headers));
      stream.attachTo(outgoing);
      return RESPONSE_ALREADY_SENT;
    }
    return c.body(stream.readable(), 200, headers);
  },
);
