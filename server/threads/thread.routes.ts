import { createRoute } from '@hono/zod-openapi';
import { allow, personOf } from '../auth/policy.js';
import { transact } from '../context.js';
import { createRouter } from '../lib/router.js';
import { IdParam, errorResponses, json, jsonBody, page } from '../lib/schemas.js';
import { createMessage, listMessages, markThreadRead } from './message.repository.js';
import { createThread, getThread, listThreads } from './thread.repository.js';
import { CreateMessageBody, CreateThreadBody, MarkThreadReadBody, MessageFilters, MessageSchema, ThreadFilters, ThreadSchema } from './thread.schema.js';

const tags = ['Messages'];
const ThreadParam = IdParam('thr');

/** `/v1/threads`: a customer's threads and their messages, read receipts and unread counts. */
export const threadRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/threads',
      middleware: [allow('threads.list')] as const,
      tags,
      summary: 'List the threads the caller may see, each with its unread count',
      request: { query: ThreadFilters },
      responses: { 200: json(page(ThreadSchema), 'A page of threads'), ...errorResponses },
    }),
    async (c) => c.json(await listThreads(c.var.deps.db, c.var.principal, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/threads',
      middleware: [allow('threads.create')] as const,
      tags,
      summary: 'Open a thread of a customer (about a project, or a subject of its own), or a deal\'s one thread',
      request: { body: jsonBody(CreateThreadBody) },
      responses: { 200: json(ThreadSchema, 'The deal\'s thread, already open'), 201: json(ThreadSchema, 'The thread'), ...errorResponses },
    }),
    async (c) => {
      const { thread, created } = await transact(c.var.deps, (trx) => createThread(trx, c.var.principal, c.req.valid('json')));
      return created ? c.json(thread, 201) : c.json(thread, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/threads/{id}',
      middleware: [allow('threads.read')] as const,
      tags,
      summary: 'Read a thread',
      request: { params: ThreadParam },
      responses: { 200: json(ThreadSchema, 'The thread'), ...errorResponses },
    }),
    async (c) => c.json(await getThread(c.var.deps.db, c.var.principal, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/threads/{id}/messages',
      middleware: [allow('messages.list')] as const,
      tags,
      summary: 'List the messages of a thread, newest first, with read receipts',
      request: { params: ThreadParam, query: MessageFilters },
      responses: { 200: json(page(MessageSchema), 'A page of messages'), ...errorResponses },
    }),
    async (c) => c.json(await listMessages(c.var.deps.db, c.var.principal, c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/threads/{id}/messages',
      middleware: [allow('messages.create')] as const,
      tags,
      summary: 'Post a message; `internal` (the team only) is a note no contact sees',
      request: { params: ThreadParam, body: jsonBody(CreateMessageBody) },
      responses: { 201: json(MessageSchema, 'The message'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => createMessage(trx, c.var.principal, c.req.valid('param').id, c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/threads/{id}/read',
      middleware: [allow('threads.mark_read')] as const,
      tags,
      summary: 'Mark the thread read up to a message (embed tokens)',
      request: { params: ThreadParam, body: jsonBody(MarkThreadReadBody) },
      responses: { 200: json(ThreadSchema, 'The thread, with the caller\'s unread count'), ...errorResponses },
    }),
    async (c) => {
      const principal = personOf(c.var.principal);
      const { id } = c.req.valid('param');
      return c.json(await transact(c.var.deps, (trx) => markThreadRead(trx, principal, id, c.req.valid('json').message_id)), 200);
    },
  );
