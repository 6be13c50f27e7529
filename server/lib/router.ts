import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { validationError } from './error-handler.js';

/**
 * A router for one resource: routes declared with `createRoute` feed both validation and the
 * OpenAPI document; a validation failure becomes a 400 with the failing fields.
 * @example export const taskRoutes = createRouter(); taskRoutes.openapi(listTasks, async (c) => ...);
 */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error);
    },
  });
}
