import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { validationError } from './error-handler.js';
import { assertSafeText } from './safe-text.js';

/**
 * A router for one resource: routes declared with `createRoute` feed both validation and the
 * OpenAPI document; a validation failure, or text no database can keep (`safe-text.ts`), becomes
 * a 400 with the failing fields.
 * @example export const taskRoutes = createRouter(); taskRoutes.openapi(listTasks, async (c) => ...);
 */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      // On success `data` is what the schema made of the input; on failure (untyped, but
      // @hono/zod-validator passes it), the input itself. server/app.test.ts holds it to that.
      assertSafeText((result as { data?: unknown }).data);
      if (!result.success) throw validationError(result.error);
    },
  });
}
