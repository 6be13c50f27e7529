import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/policy.js';
import { transact } from '../context.js';
import { createRouter } from '../lib/router.js';
import { IdParam, PageQuery, errorResponses, json, jsonBody, page } from '../lib/schemas.js';
import { markFirstResponse } from '../requests/request.repository.js';
import { createComment, listComments, updateComment } from './comment.repository.js';
import { CommentSchema, CreateCommentBody, UpdateCommentBody } from './comment.schema.js';

const tags = ['Comments'];
const TaskParam = IdParam('tsk');

/** `/v1/tasks/:id/comments`: every principal, on the tasks it may see; `PATCH /v1/comments/:id` for the team. */
export const commentRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/tasks/{id}/comments',
      middleware: [allow('comments.list')] as const,
      tags,
      summary: 'List the comments on a task, oldest first',
      request: { params: TaskParam, query: PageQuery },
      responses: { 200: json(page(CommentSchema), 'A page of comments'), ...errorResponses },
    }),
    async (c) => c.json(await listComments(c.var.deps.db, c.var.principal, c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/tasks/{id}/comments',
      middleware: [allow('comments.create')] as const,
      tags,
      summary: 'Comment on a task; `@Name` mentions are recorded',
      request: { params: TaskParam, body: jsonBody(CreateCommentBody) },
      responses: { 201: json(CommentSchema, 'The comment'), ...errorResponses },
    }),
    async (c) => {
      const comment = await transact(c.var.deps, async (trx) => {
        const created = await createComment(trx, c.var.principal, c.req.valid('param').id, c.req.valid('json'));
        // A staff comment the customer sees, on a request's task, is the team's first response to it.
        if (created.visibility === 'portal') await markFirstResponse(trx, c.var.principal, { taskId: created.task_id });
        return created;
      });
      return c.json(comment, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/comments/{id}',
      middleware: [allow('comments.update')] as const,
      tags,
      summary: 'Share a comment with the customer, or take it back (API key and staff)',
      request: { params: IdParam('cmt'), body: jsonBody(UpdateCommentBody) },
      responses: { 200: json(CommentSchema, 'The comment'), ...errorResponses },
    }),
    async (c) => c.json(await transact(c.var.deps, (trx) => updateComment(trx, c.var.principal, c.req.valid('param').id, c.req.valid('json'))), 200),
  );
